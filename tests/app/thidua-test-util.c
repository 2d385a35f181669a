/* thidua-test-util.c — helpers shared by the GUI tests. */
#include "config.h"
#include "thidua-test-util.h"

#include <glib/gstdio.h>

gboolean
thidua_test_wait_for (ThiduaTestCondition cond,
                      gpointer            data,
                      guint               timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > end)
        return cond (data);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

gboolean
thidua_test_wait_mapped (GtkWidget *widget)
{
  return thidua_test_wait_for (is_mapped, widget, 10000);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
thidua_test_spin (guint ms)
{
  thidua_test_wait_for (never, NULL, ms);
}

GtkWidget *
thidua_test_find_label (GtkWidget  *root,
                        const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = thidua_test_find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
thidua_test_find_widget (GtkWidget  *root,
                         GType       type,
                         const char *name)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type) &&
      (name == NULL ||
       g_strcmp0 (gtk_widget_get_name (root), name) == 0 ||
       g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), name) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = thidua_test_find_widget (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

char *
thidua_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("thidua-app-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
thidua_test_remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        thidua_test_remove_dir (child);
      else
        {
          g_chmod (child, 0644);
          g_remove (child);
        }
    }
  g_rmdir (path);
}

GTestDBus *
thidua_test_private_bus_up (void)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  g_autofree char *daemon = g_find_program_in_path ("dbus-daemon");
  GTestDBus *bus;

  /* A child started by a test shares its parent's bus. */
  if (g_getenv ("THIDUA_TEST_PRIVATE_BUS") != NULL)
    return NULL;
  g_setenv ("THIDUA_TEST_PRIVATE_BUS", "1", TRUE);

  if (daemon == NULL)
    {
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/thidua-test-bus", TRUE);
      return NULL;
    }

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  return bus;
}
