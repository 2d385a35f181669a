/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-word-import.c — the one import path: a file's content says what
 * it is, its reader turns it into text, the plan recogniser does the rest.
 *
 * To add a format: a ThiduaWordFormat, a test in thidua_word_sniff(), and
 * one case in document_to_text(). */
#include "config.h"
#include "thidua-input.h"
#include "thidua-word.h"
#include "thidua-import.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

char *
thidua_word_find_soffice (void)
{
  const char *env = g_getenv ("THIDUA_SOFFICE");
  char *path;

  if (env != NULL)
    return env[0] != '\0' && g_file_test (env, G_FILE_TEST_IS_EXECUTABLE) ? g_strdup (env) : NULL;
  if ((path = g_find_program_in_path ("soffice")) != NULL)
    return path;
  if ((path = g_find_program_in_path ("libreoffice")) != NULL)
    return path;
#ifdef G_OS_WIN32
  {
    const char *pf = g_getenv ("ProgramFiles");
    if (pf != NULL)
      {
        path = g_build_filename (pf, "LibreOffice", "program", "soffice.exe", NULL);
        if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
          return path;
        g_free (path);
      }
  }
#endif
  return NULL;
}

typedef struct {
  gboolean done;
  gboolean timed_out;
} Wait;

static void
wait_done (GObject *source, GAsyncResult *res, gpointer data)
{
  Wait *w = data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), res, NULL);
  w->done = TRUE;
}

static gboolean
wait_timeout (gpointer data)
{
  Wait *w = data;

  w->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Removes dir and what LibreOffice left in it (no symlink is followed:
 * g_remove on a link removes the link). */
static void
remove_tree (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d != NULL)
    {
      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *p = g_build_filename (dir, name, NULL);

          if (g_file_test (p, G_FILE_TEST_IS_DIR) && !g_file_test (p, G_FILE_TEST_IS_SYMLINK))
            remove_tree (p);
          else
            g_remove (p);
        }
      g_dir_close (d);
    }
  g_rmdir (dir);
}

GBytes *
thidua_word_convert_to_docx (const guint8 *data, gsize len, const char *suffix, GError **error)
{
  g_autofree char *soffice = thidua_word_find_soffice ();
  g_autofree char *tmp = NULL;
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  g_autofree char *profile_dir = NULL;
  g_autofree char *profile_uri = NULL;
  g_autofree char *env_arg = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GMainContext) ctx = NULL;
  g_autoptr(GSource) timeout = NULL;
  GBytes *result = NULL;
  gsize out_len = 0;
  Wait w = { FALSE, FALSE };

  if (soffice == NULL)
    {
      g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_NO_CONVERTER,
                   _("This is a Word 97–2003 (.doc) or RTF file, which needs LibreOffice to be read. "
                     "Install LibreOffice, or open the file in Word or LibreOffice and save it as .docx, then import that"));
      return NULL;
    }
  if ((tmp = g_dir_make_tmp ("thidua-convert-XXXXXX", error)) == NULL)
    return NULL;
  input = g_build_filename (tmp, suffix, NULL);
  output = g_build_filename (tmp, "out", "input.docx", NULL);
  profile_dir = g_build_filename (tmp, "profile", NULL);
  if ((profile_uri = g_filename_to_uri (profile_dir, NULL, error)) == NULL
      || !g_file_set_contents (input, (const char *) data, (gssize) len, error))
    goto out;
  env_arg = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
  {
    g_autofree char *outdir = g_build_filename (tmp, "out", NULL);
    g_autoptr(GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);

    g_subprocess_launcher_set_cwd (launcher, tmp);
    g_subprocess_launcher_setenv (launcher, "TMPDIR", tmp, TRUE);
    g_subprocess_launcher_setenv (launcher, "HOME", tmp, TRUE);
    proc = g_subprocess_launcher_spawn (launcher, error, soffice, env_arg, "--headless",
                                        "--norestore", "--nolockcheck", "--nodefault",
                                        "--convert-to", "docx:MS Word 2007 XML",
                                        "--outdir", outdir, input, NULL);
    if (proc == NULL)
      goto out;
  }

  ctx = g_main_context_new ();
  g_main_context_push_thread_default (ctx);
  g_subprocess_wait_async (proc, NULL, wait_done, &w);
  timeout = g_timeout_source_new_seconds (THIDUA_WORD_CONVERT_SECONDS);
  g_source_set_callback (timeout, wait_timeout, &w, NULL);
  g_source_attach (timeout, ctx);
  while (!w.done && !w.timed_out)
    g_main_context_iteration (ctx, TRUE);
  if (!w.done)
    {
      g_subprocess_force_exit (proc);
      while (!w.done)
        g_main_context_iteration (ctx, TRUE);
    }
  g_source_destroy (timeout);
  g_main_context_pop_thread_default (ctx);

  if (w.timed_out)
    {
      g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_CONVERT,
                   _("LibreOffice did not convert the file within %d seconds: it was stopped"),
                   THIDUA_WORD_CONVERT_SECONDS);
      goto out;
    }
  if (!g_file_get_contents (output, &contents, &out_len, NULL))
    {
      g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_CONVERT,
                   _("LibreOffice could not convert the file: it may be damaged or protected by a password"));
      goto out;
    }
  result = g_bytes_new_take (g_steal_pointer (&contents), out_len);

out:
  remove_tree (tmp);
  return result;
}

/* The file as text for the recogniser; NULL for plain text (decoded by the
 * recogniser's own path). */
static char *
document_to_text (const guint8 *data, gsize len, ThiduaWordFormat format, gboolean *is_text,
                  GError **error)
{
  *is_text = FALSE;
  switch (format)
    {
    case THIDUA_WORD_FORMAT_DOCX:
      return thidua_word_docx_to_text (data, len, error);
    case THIDUA_WORD_FORMAT_ODT:
      return thidua_word_odt_to_text (data, len, error);
    case THIDUA_WORD_FORMAT_FODT:
      return thidua_word_fodt_to_text (data, len, error);
    case THIDUA_WORD_FORMAT_DOC:
    case THIDUA_WORD_FORMAT_RTF:
      {
        g_autoptr(GBytes) docx = thidua_word_convert_to_docx (data, len,
                                                              format == THIDUA_WORD_FORMAT_DOC ? "input.doc" : "input.rtf",
                                                              error);
        gsize n;
        const guint8 *d;

        if (docx == NULL)
          return NULL;
        d = g_bytes_get_data (docx, &n);
        return thidua_word_docx_to_text (d, n, error);
      }
    case THIDUA_WORD_FORMAT_ZIP:
      g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_UNSUPPORTED,
                   _("The file is a zip archive but neither a Word (.docx) nor an OpenDocument (.odt) document"));
      return NULL;
    case THIDUA_WORD_FORMAT_PDF:
      g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_UNSUPPORTED,
                   _("The file is a PDF, which this version cannot import: open it, copy the text into a text file and import that"));
      return NULL;
    case THIDUA_WORD_FORMAT_TEXT:
    default:
      *is_text = TRUE;
      return NULL;
    }
}

ThiduaPlan *
thidua_document_import_data (const guint8     *data,
                             gsize             len,
                             ThiduaEncoding    encoding,
                             int               profile,
                             ThiduaWordFormat *format,
                             ThiduaEncoding   *used,
                             GPtrArray        *warnings,
                             GError          **error)
{
  return thidua_document_import_data_full (data, len, encoding, profile, 0, format, used,
                                           warnings, NULL, error);
}

ThiduaPlan *
thidua_document_import_data_full (const guint8      *data,
                                  gsize              len,
                                  ThiduaEncoding     encoding,
                                  int                profile,
                                  ThiduaImportFlags  flags,
                                  ThiduaWordFormat  *format,
                                  ThiduaEncoding    *used,
                                  GPtrArray         *warnings,
                                  GPtrArray         *skipped,
                                  GError           **error)
{
  ThiduaWordFormat f = thidua_word_sniff (data, len);
  g_autofree char *text = NULL;
  gboolean is_text;

  if (format)
    *format = f;
  text = document_to_text (data, len, f, &is_text, error);
  if (is_text)
    return thidua_import_data_full (data, len, encoding, profile, flags, used, warnings, skipped, error);
  if (text == NULL)
    return NULL;
  if (used)
    *used = THIDUA_ENCODING_UTF8;
  if (profile == THIDUA_IMPORT_PROFILE_AUTO)
    {
      g_autofree char *named = thidua_word_package_profile (data, len, f);
      ThiduaProfileKind kind;

      if (named != NULL && thidua_profile_kind_from_string (named, &kind))
        profile = kind;
    }
  {
    const char *p = text;

    while (*p && g_ascii_isspace (*p))
      p++;
    if (*p == '\0')
      {
        g_set_error (error, THIDUA_IMPORT_ERROR, THIDUA_IMPORT_ERROR_EMPTY,
                     _("The document has no text"));
        return NULL;
      }
  }
  return thidua_import_text_full (text, -1, profile, flags, warnings, skipped);
}

ThiduaPlan *
thidua_document_import_file (GFile            *file,
                             ThiduaEncoding    encoding,
                             int               profile,
                             ThiduaWordFormat *format,
                             ThiduaEncoding   *used,
                             GPtrArray        *warnings,
                             GCancellable     *cancellable,
                             GError          **error)
{
  return thidua_document_import_file_full (file, encoding, profile, 0, format, used, warnings,
                                           NULL, cancellable, error);
}

ThiduaPlan *
thidua_document_import_file_full (GFile             *file,
                                  ThiduaEncoding     encoding,
                                  int                profile,
                                  ThiduaImportFlags  flags,
                                  ThiduaWordFormat  *format,
                                  ThiduaEncoding    *used,
                                  GPtrArray         *warnings,
                                  GPtrArray         *skipped,
                                  GCancellable      *cancellable,
                                  GError           **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autofree guint8 *data = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *local = g_file_get_path (file);
  goffset size;
  gsize got = 0;

  /* The same refusal as every outside file: links, devices, folders. */
  if (local != NULL && !thidua_input_check (local, G_MAXSIZE, error))
    return NULL;
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_is_symlink (info) || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_UNSUPPORTED,
                   _("“%s” is not a regular file (a link or a folder): not imported"), name);
      return NULL;
    }
  size = g_file_info_get_size (info);
  if (size > THIDUA_WORD_MAX_FILE)
    {
      g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_TOO_LARGE,
                   _("“%s” is %.0f MB, more than the %d MB a plan's document can be"),
                   name, size / (1024.0 * 1024.0), THIDUA_WORD_MAX_FILE / (1024 * 1024));
      return NULL;
    }
  if ((in = g_file_read (file, cancellable, error)) == NULL)
    return NULL;
  /* read at most one byte over the limit: the size may have changed */
  data = g_malloc ((gsize) size + 2);
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), data, (gsize) size + 1, &got, cancellable, error))
    return NULL;
  if (got > (gsize) size)
    {
      g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_DAMAGED,
                   _("“%s” changed while it was read: try again"), name);
      return NULL;
    }
  return thidua_document_import_data_full (data, got, encoding, profile, flags, format, used,
                                           warnings, skipped, error);
}
