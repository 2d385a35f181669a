/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-input.c — capped reads of outside files, and safe writes. */
#include "config.h"
#include "thidua-input.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#ifndef G_OS_WIN32
#include <unistd.h>
#else
#include <io.h>
#endif

#ifndef O_NOFOLLOW
#define O_NOFOLLOW 0
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK 0
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_NOCTTY
#define O_NOCTTY 0
#endif
#ifndef O_BINARY
#define O_BINARY 0
#endif

static void
set_errno_error (GError **error, int saved, const char *path, const char *format)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), format, display,
               g_strerror (saved));
}

static void
too_large (GError **error, const char *display, gsize max)
{
  g_autofree char *limit = g_format_size (max);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
               _("%s: the file is too large (the limit is %s)"), display, limit);
}

/* What lstat() says, as a refusal for anything but a regular file. */
static gboolean
check_mode (const char *display, GStatBuf *st, GError **error)
{
#ifdef S_ISLNK
  if (S_ISLNK (st->st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s: is a symbolic link; give the file itself"), display);
      return FALSE;
    }
#endif
  if (S_ISDIR (st->st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("%s: is a folder, not a file"), display);
      return FALSE;
    }
  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s: is not a regular file (a device, pipe or socket cannot be read)"),
                   display);
      return FALSE;
    }
  return TRUE;
}

gboolean
thidua_input_check (const char *path, gsize max, GError **error)
{
  g_autofree char *display = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_lstat (path, &st) != 0)
    {
      set_errno_error (error, errno, path, _("%s: cannot be read: %s"));
      return FALSE;
    }
  display = g_filename_display_name (path);
  if (!check_mode (display, &st, error))
    return FALSE;
  if ((guint64) st.st_size > max)
    {
      too_large (error, display, max);
      return FALSE;
    }
  return TRUE;
}

gboolean
thidua_input_read (const char *path, gsize max, char **contents, gsize *len, GError **error)
{
  g_autofree char *display = NULL;
  g_autofree char *data = NULL;
  gsize cap, used = 0;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  if (!thidua_input_check (path, max, error))
    return FALSE;
  display = g_filename_display_name (path);
  /* The link check above and O_NOFOLLOW here: a link swapped in between
   * fails to open; O_NONBLOCK keeps a FIFO swapped in from hanging. */
  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | O_BINARY, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno, path, _("%s: cannot be read: %s"));
      return FALSE;
    }
#ifndef G_OS_WIN32
  if (fstat (fd, &st) != 0 || !check_mode (display, &st, error))
    {
      if (error != NULL && *error == NULL)
        set_errno_error (error, errno, path, _("%s: cannot be read: %s"));
      close (fd);
      return FALSE;
    }
#else
  (void) st;
#endif

  /* Read straight into a buffer the size the folder gives (a 64 kB
   * chunk at a time grown by doubling cost a page fault per 4 kB twice
   * over: 1,850 for a 7.5 MB CSV); it still grows if the file does. */
  cap = 65536;
#ifndef G_OS_WIN32
  if (st.st_size > 0)
    cap = (gsize) MIN ((guint64) st.st_size, (guint64) max) + 1;
#endif
  data = g_malloc (cap + 1);
  for (;;)
    {
      gssize n;

      if (used == cap)
        {
          cap = cap > G_MAXSIZE / 4 ? G_MAXSIZE / 2 : cap * 2;
          data = g_realloc (data, cap + 1);
        }
      n = read (fd, data + used, MIN (cap - used, (gsize) G_MAXSSIZE));
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          set_errno_error (error, saved, path, _("%s: cannot be read: %s"));
          return FALSE;
        }
      if (n == 0)
        break;
      used += (gsize) n;
      /* Counted while reading: the size in the folder may lie. */
      if (used > max)
        {
          close (fd);
          too_large (error, display, max);
          return FALSE;
        }
    }
  close (fd);
  if (len != NULL)
    *len = used;
  data[used] = '\0';
  *contents = g_steal_pointer (&data);
  return TRUE;
}

/* ---- output ---- */

struct _ThiduaOutput
{
  char *path;
  char *temp;
  int   fd;
};

ThiduaOutput *
thidua_output_open (const char *path, GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  ThiduaOutput *out;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  out = g_new0 (ThiduaOutput, 1);
  out->path = g_strdup (path);
  /* Same folder, so the rename is atomic; O_EXCL inside mkstemp never
   * follows a link. */
  out->temp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  out->fd = g_mkstemp_full (out->temp, O_RDWR | O_CLOEXEC | O_BINARY, 0666);
  if (out->fd < 0)
    {
      set_errno_error (error, errno, path, _("Cannot write %s: %s"));
      g_free (out->temp);
      g_free (out->path);
      g_free (out);
      return NULL;
    }
#ifndef G_OS_WIN32
  /* A file replaced keeps its permissions; a link does not lend its target's. */
  if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode))
    (void) fchmod (out->fd, st.st_mode & 07777);
#else
  (void) st;
#endif
  return out;
}

const char *
thidua_output_get_temp_path (ThiduaOutput *out)
{
  g_return_val_if_fail (out != NULL, NULL);
  return out->temp;
}

gboolean
thidua_output_write (ThiduaOutput *out, const void *data, gsize len, GError **error)
{
  const guint8 *p = data;

  g_return_val_if_fail (out != NULL && out->fd >= 0, FALSE);
  while (len > 0)
    {
      gssize n = write (out->fd, p, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, out->path, _("Cannot write %s: %s"));
          return FALSE;
        }
      p += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static void
output_free (ThiduaOutput *out)
{
  if (out->fd >= 0)
    close (out->fd);
  g_free (out->temp);
  g_free (out->path);
  g_free (out);
}

void
thidua_output_abort (ThiduaOutput *out)
{
  if (out == NULL)
    return;
  if (out->fd >= 0)
    close (out->fd);
  out->fd = -1;
  g_remove (out->temp);
  output_free (out);
}

gboolean
thidua_output_commit (ThiduaOutput *out, GError **error)
{
  int fd;

  g_return_val_if_fail (out != NULL, FALSE);
  fd = out->fd;
  out->fd = -1;
  if (g_fsync (fd) != 0 && errno != EINVAL)
    {
      set_errno_error (error, errno, out->path, _("Cannot write %s: %s"));
      close (fd);
      thidua_output_abort (out);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      set_errno_error (error, errno, out->path, _("Cannot write %s: %s"));
      thidua_output_abort (out);
      return FALSE;
    }
  /* rename() replaces a link at the target itself, never what it points to. */
  if (g_rename (out->temp, out->path) != 0)
    {
      set_errno_error (error, errno, out->path, _("Cannot write %s: %s"));
      thidua_output_abort (out);
      return FALSE;
    }
  output_free (out);
  return TRUE;
}

gboolean
thidua_output_set_contents (const char *path, const void *data, gsize len, GError **error)
{
  ThiduaOutput *out = thidua_output_open (path, error);

  if (out == NULL)
    return FALSE;
  if (!thidua_output_write (out, data, len, error))
    {
      thidua_output_abort (out);
      return FALSE;
    }
  return thidua_output_commit (out, error);
}
