/* SPDX-License-Identifier: GPL-3.0-or-later */
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

/* The private bus lives as long as the process: the application's session
 * connection is never finalized, so g_test_dbus_down() would wait for ever.
 * Held here, it stays reachable for LeakSanitizer whatever a test's main()
 * does with its pointer (volatile: the store is not optimised away). */
static GTestDBus *volatile process_bus;

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
  process_bus = bus;
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  return bus;
}

/* ---- one fixture for the app tests ---- */

#include "thidua-application.h"
#include "thidua-window.h"

#include <stdio.h>
#include <stdlib.h>

void
thidua_test_app_set_up (ThiduaTestApp *f,
                        gconstpointer  data)
{
  f->dir = thidua_test_make_tmpdir ();
  f->db_path = g_build_filename (f->dir, "thidua.db", NULL);
}

void
thidua_test_app_stop (ThiduaTestApp *f)
{
  GList *windows;

  if (f->app == NULL)
    return;
  windows = g_list_copy (gtk_application_get_windows (f->app));
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
  thidua_test_spin (50);
  g_clear_object (&f->app);
  f->window = NULL;
}

void
thidua_test_app_tear_down (ThiduaTestApp *f,
                           gconstpointer  data)
{
  thidua_test_app_stop (f);
  thidua_test_remove_dir (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->db_path, g_free);
}

GtkWindow *
thidua_test_app_start (ThiduaTestApp *f,
                       int            width,
                       int            height)
{
  static guint starts;  /* ids are never reused within the process */
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("io.github.thidua.Thidua.Test%u", ++starts);
  ThiduaApplication *app = thidua_application_new (f->db_path);

  f->app = GTK_APPLICATION (app);
  g_application_set_application_id (G_APPLICATION (app), id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_settings_set_int (thidua_application_get_settings (app), "window-width", width);
  g_settings_set_int (thidua_application_get_settings (app), "window-height", height);
  g_application_activate (G_APPLICATION (app));
  f->window = gtk_application_get_active_window (f->app);
  g_assert_true (THIDUA_IS_WINDOW (f->window));
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (f->window)));
  return f->window;
}

void
thidua_test_init_gui (int    *argc,
                      char ***argv)
{
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (!gtk_init_check ())
    {
      /* a skip, said once, in TAP */
      printf ("1..0 # SKIP no display: run under xvfb-run\n");
      exit (0);
    }
}

char *
thidua_test_artifacts_dir (void)
{
  const char *env = g_getenv ("THIDUA_TEST_ARTIFACTS");
  char *dir = env && *env ? g_strdup (env)
                          : g_build_filename (g_get_tmp_dir (), "thidua-test-artifacts", NULL);

  g_mkdir_with_parents (dir, 0755);
  return dir;
}

static void
run_xdotool (GPtrArray *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  int status = 0;

  /* bootstrap installs it: a missing tool is a failure, not a skip */
  g_assert_nonnull (xdotool);
  g_ptr_array_insert (argv, 0, g_steal_pointer (&xdotool));
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* let the window take the events */
  thidua_test_spin (150);
}

void
thidua_test_keys (const char *first,
                  ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  va_list ap;

  g_ptr_array_add (argv, g_strdup ("key"));
  g_ptr_array_add (argv, g_strdup ("--delay"));
  g_ptr_array_add (argv, g_strdup ("30"));
  va_start (ap, first);
  for (const char *k = first; k != NULL; k = va_arg (ap, const char *))
    g_ptr_array_add (argv, g_strdup (k));
  va_end (ap);
  run_xdotool (argv);
}

void
thidua_test_type (const char *text)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup ("type"));
  g_ptr_array_add (argv, g_strdup ("--delay"));
  g_ptr_array_add (argv, g_strdup ("30"));
  g_ptr_array_add (argv, g_strdup ("--"));   /* text may start with "-" */
  g_ptr_array_add (argv, g_strdup (text));
  run_xdotool (argv);
}

void
thidua_test_point_at (int x,
                      int y)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup ("mousemove"));
  g_ptr_array_add (argv, g_strdup_printf ("%d", x));
  g_ptr_array_add (argv, g_strdup_printf ("%d", y));
  run_xdotool (argv);
}

void
thidua_test_click (GtkWidget *widget)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_rect_t bounds;
  double nx = 0, ny = 0;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (native), &bounds));
  gtk_native_get_surface_transform (native, &nx, &ny);
  g_ptr_array_add (argv, g_strdup ("mousemove"));
  g_ptr_array_add (argv, g_strdup_printf ("%d", (int) (nx + bounds.origin.x + bounds.size.width / 2)));
  g_ptr_array_add (argv, g_strdup_printf ("%d", (int) (ny + bounds.origin.y + bounds.size.height / 2)));
  g_ptr_array_add (argv, g_strdup ("click"));
  g_ptr_array_add (argv, g_strdup ("1"));
  run_xdotool (argv);
}

void
thidua_test_save_snapshot (GtkWindow  *window,
                           const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = thidua_test_artifacts_dir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int w = gtk_widget_get_width (GTK_WIDGET (window));
  int h = gtk_widget_get_height (GTK_WIDGET (window));

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  /* Under load the first frame may not be drawn yet: let it come. */
  for (int i = 0; node == NULL && i < 500; i++)
    {
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      w = gtk_widget_get_width (GTK_WIDGET (window));
      h = gtk_widget_get_height (GTK_WIDGET (window));
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot %s", path);
}
