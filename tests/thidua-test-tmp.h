/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-test-tmp.h — a temporary directory per test case, removed with
 * everything in it afterwards (GLib only, for every test program). */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* A new directory "/tmp/PREFIX-XXXXXX"; aborts the test when it cannot. */
static inline char *
thidua_test_tmpdir_new (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpl = g_strconcat (prefix, "-XXXXXX", NULL);
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes path and, for a directory, everything below it. */
static inline void
thidua_test_tmpdir_remove (const char *path)
{
  GDir *dir;

  if (path == NULL)
    return;
  if ((dir = g_dir_open (path, 0, NULL)) != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          /* tests make read-only files and directories too */
          g_chmod (child, 0700);
          thidua_test_tmpdir_remove (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_remove (path);
}
