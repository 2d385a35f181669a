/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-paths.c — run-time lookup of data and locale directories. */
#include "config.h"
#include "thidua-paths.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#ifdef G_OS_WIN32
#include <windows.h>
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
