/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-paths.c — run-time lookup of data and locale directories, and
 * the rest of what differs between systems (the one OS-specific file
 * besides the store's locks). */
#include "config.h"
#include "thidua-paths.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#ifdef G_OS_WIN32
#include <windows.h>
#endif
#if defined (__GLIBC__) && defined (__linux__)
#include <malloc.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#if __GLIBC_PREREQ (2, 33) && defined (MADV_HUGEPAGE)
#define SHAPE_HEAP 1    /* mallinfo2() */
#endif
#endif

typedef struct {
  char    *datadir;
  char    *localedir;
  char    *build_datadir;
  gboolean uninstalled;
} Paths;

static char *
executable_path (void)
{
#ifdef G_OS_WIN32
  wchar_t buf[MAX_PATH * 2];
  DWORD n = GetModuleFileNameW (NULL, buf, G_N_ELEMENTS (buf));
  if (n == 0 || n >= G_N_ELEMENTS (buf))
    return NULL;
  return g_utf16_to_utf8 ((const gunichar2 *) buf, n, NULL, NULL, NULL);
#else
  return g_file_read_link ("/proc/self/exe", NULL);
#endif
}

static gboolean
path_is_under (const char *path, const char *dir)
{
  gsize n = strlen (dir);
  return path != NULL && strncmp (path, dir, n) == 0 &&
         (G_IS_DIR_SEPARATOR (path[n]) || path[n] == '\0');
}

static gpointer
compute_paths (gpointer data)
{
  Paths *p = g_new0 (Paths, 1);
  g_autofree char *exe = executable_path ();

  if (path_is_under (exe, THIDUA_BUILD_ROOT) &&
      g_file_test (THIDUA_SOURCE_DATADIR, G_FILE_TEST_IS_DIR))
    {
      p->uninstalled = TRUE;
      p->datadir = g_strdup (THIDUA_SOURCE_DATADIR);
      p->localedir = g_strdup (THIDUA_BUILD_LOCALEDIR);
      p->build_datadir = g_strdup (THIDUA_BUILD_DATADIR);
      return p;
    }

#ifdef G_OS_WIN32
  {
    /* <prefix>/bin/thidua.exe → <prefix>/share/thidua, <prefix>/share/locale */
    g_autofree char *prefix = g_win32_get_package_installation_directory_of_module (NULL);
    p->datadir = g_build_filename (prefix, "share", "thidua", NULL);
    p->localedir = g_build_filename (prefix, "share", "locale", NULL);
  }
#else
  p->datadir = g_strdup (THIDUA_PKGDATADIR);
  p->localedir = g_strdup (THIDUA_LOCALEDIR);
#endif
  return p;
}

static const Paths *
get_paths (void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once (&once, compute_paths, NULL);
}

const char *
thidua_paths_get_datadir (void)
{
  return get_paths ()->datadir;
}

const char *
thidua_paths_get_localedir (void)
{
  return get_paths ()->localedir;
}

const char *
thidua_paths_get_build_datadir (void)
{
  return get_paths ()->build_datadir;
}

gboolean
thidua_paths_is_uninstalled (void)
{
  return get_paths ()->uninstalled;
}

char *
thidua_paths_find_data (const char *first, ...)
{
  va_list args;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *s;

  g_ptr_array_add (parts, (gpointer) thidua_paths_get_datadir ());
  va_start (args, first);
  for (s = first; s != NULL; s = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) s);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

char *
thidua_paths_for_c_library (const char *path, GError **error)
{
#ifdef G_OS_WIN32
  char *native;

  /* the manifest's activeCodePage is honoured: UTF-8 is the ANSI code page */
  if (GetACP () == CP_UTF8)
    return g_strdup (path);
  /* the code page's name, or the short 8.3 name of an existing file */
  native = g_win32_locale_filename_from_utf8 (path);
  if (native == NULL)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NAMETOOLONG,
                 _("%s: this version of Windows cannot pass the file's name to the spreadsheet "
                   "library; copy the file to a folder and name without Vietnamese letters"),
                 path);
  return native;
#else
  (void) error;
  return g_strdup (path);
#endif
}

char *
thidua_paths_get_c_library_tmpdir (void)
{
#ifdef G_OS_WIN32
  /* tmpfile() writes to the root of the drive, where a user may not */
  return thidua_paths_for_c_library (g_get_tmp_dir (), NULL);
#else
  return NULL;
#endif
}

/* ---- process memory (glibc on Linux only) ---- */

/* A ten-page plan's layouts, Pango's glyphs and cairo's PDF streams take
 * some 4 MB of heap, first touched one 4 kB page at a time: over a
 * thousand page faults, each ~15 µs of system time on a virtual machine,
 * more than all of Pango's font look-ups.  Here the heap gets 8 MB that
 * start on a 2 MB boundary and are marked for transparent huge pages
 * (where the system leaves them to madvise, Debian's default), so they
 * are faulted in 2 MB at a time, and the heap is never trimmed (a trimmed
 * top is faulted in again by the next PDF stream).  What lies below the
 * boundary is taken by a block that is never touched, so the layout's
 * allocations start in the huge pages.  Costs up to 8 MB of resident
 * memory while the command runs; glibc's glibc.malloc.hugetlb=1 tunable
 * does much the same but can only be set from outside.  Returns that
 * block, to be freed when the command ends; NULL when nothing was done
 * (another malloc, a sanitizer's, has no glibc heap to shape). */
static void *shape_heap (gsize span);

void *
thidua_paths_shape_heap_for_print (void)
{
  return shape_heap (8 << 20);
}

void *
thidua_paths_shape_heap_for_file (const char *path, guint factor)
{
  GStatBuf st;
  gsize span = 8 << 20;

  /* An import holds its file's rows, keys and staged copies, about ten
   * times the file: 100,000 rows (7.5 MB of CSV) touched 90 MB, 21,000
   * page faults, a third of the whole command's CPU time. */
  if (g_lstat (path, &st) == 0 && st.st_size > 0)
    span = CLAMP ((gsize) MIN ((guint64) st.st_size * factor, G_MAXSIZE / 4), span, (gsize) 256 << 20);
  return shape_heap (span);
}

static void *
shape_heap (gsize span)
{
#ifdef SHAPE_HEAP
  const uintptr_t huge = 2 << 20;
  struct mallinfo2 info = mallinfo2 ();
  uintptr_t top, start;
  void *below, *block;

  if (info.arena == 0 || info.keepcost == 0)
    return NULL;
  mallopt (M_TRIM_THRESHOLD, MAX (2 * span, 64 << 20));
  /* Pango's font look-up threads allocate here too, not in heaps of
   * their own faulted in page by page. */
  mallopt (M_ARENA_MAX, 1);
  mallopt (M_MMAP_THRESHOLD, span + huge);  /* the two blocks below, from the heap */
  top = (uintptr_t) sbrk (0) - info.keepcost;
  start = (top + 64 * 1024 + huge - 1) & ~(huge - 1);
  /* Sized so that the next block's header ends right at the boundary
   * (glibc's chunks: a size word before the data, 16-byte granules). */
  below = malloc (start - top - 4 * sizeof (size_t));
  block = malloc (span);
  if (below != NULL && block != NULL && (uintptr_t) block == start)
    madvise (block, span, MADV_HUGEPAGE);
  free (block);
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);   /* glibc's default again */
  return below;
#else
  return NULL;
#endif
}

/* ---- memory about to be filled (Linux only) ---- */

void
thidua_paths_prefault (gpointer data, gsize bytes)
{
#if defined (__GLIBC__) && defined (__linux__) && defined (MADV_POPULATE_WRITE)
  gsize page = (gsize) sysconf (_SC_PAGESIZE);  /* from the auxiliary vector: no call to the kernel */
  uintptr_t start, end;

  if (data == NULL || page == 0 || (page & (page - 1)) != 0)
    return;
  start = ((uintptr_t) data + page - 1) & ~(uintptr_t) (page - 1);
  end = ((uintptr_t) data + bytes) & ~(uintptr_t) (page - 1);
  if (end > start)
    madvise ((void *) start, end - start, MADV_POPULATE_WRITE);
#else
  (void) data;
  (void) bytes;
#endif
}

void
thidua_paths_advise_huge_pages (gpointer data, gsize bytes)
{
#if defined (__GLIBC__) && defined (__linux__) && defined (MADV_HUGEPAGE)
  const uintptr_t huge = 2 << 20;

  /* The whole huge pages inside the block.  Not an aligned allocation of
   * its own, nor one padded to start on a boundary: with either, memory
   * freed was no longer reused by glibc, and a process doing the same
   * work twice (an app importing twice) faulted it all in anew. */
  if (data != NULL && bytes >= 2 * huge)
    {
      uintptr_t start = ((uintptr_t) data + huge - 1) & ~(huge - 1);
      uintptr_t end = ((uintptr_t) data + bytes) & ~(huge - 1);

      if (end > start)
        madvise ((void *) start, end - start, MADV_HUGEPAGE);
    }
#else
  (void) data;
  (void) bytes;
#endif
}
