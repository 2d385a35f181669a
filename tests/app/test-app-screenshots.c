/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-app-screenshots.c — the window at 1366×768 in Vietnamese, one
 * screenshot per profile (artifacts/ in the build tree, git-ignored, for a
 * person to look at), and what a screenshot can check: the window fits the
 * common office laptop screen, the preview page stays white in a dark
 * style, and at 1024×600 (the smallest screen) and 1366×768 no label is
 * cut with an ellipsis, on the welcome page and on a plan from each of
 * the seeds' templates. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "thidua-application.h"
#include "thidua-paths.h"
#include "thidua-plan-sidebar.h"
#include "thidua-template-item.h"
#include "thidua-test-util.h"
#include "thidua-window.h"

/* the build tree's artifacts folder, never the sources */
static char *
artifacts_dir (void)
{
  return thidua_test_artifacts_dir ();
}

static GdkTexture *
snapshot_window (GtkWindow *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int w = gtk_widget_get_width (GTK_WIDGET (window));
  int h = gtk_widget_get_height (GTK_WIDGET (window));

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  /* Under load the first frame may not be drawn yet: let it come. */
  for (int i = 0; node == NULL && i < 500; i++)
    {
      thidua_test_spin (10);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, w, h));
}

/* Share of near-white pixels in a rectangle of the texture. */
static double
white_share (GdkTexture *texture,
             int x0, int y0, int x1, int y1)
{
  int w = gdk_texture_get_width (texture);
  int h = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) w * h * 4);
  guint white = 0, total = 0;

  gdk_texture_download (texture, data, w * 4);
  for (int y = MAX (y0, 0); y < MIN (y1, h); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, w); x++)
      {
        const guchar *p = data + (gsize) y * w * 4 + x * 4;

        total++;
        if (p[0] > 245 && p[1] > 245 && p[2] > 245)
          white++;
      }
  return total ? (double) white / total : 0;
}

static void
test_profiles (ThiduaTestApp *f,
               gconstpointer  data)
{
  static const char * const templates[][2] = {
    { "education-office", "state" },
    { "covid-party-school", "party" },
    { "labour-federation", "union" },
  };
  g_autofree char *out = artifacts_dir ();
  /* the window opens at the remembered size: make it the laptop screen */
  GtkWindow *window = thidua_test_app_start (f, 1366, 768);
  int min_w, min_h;

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autofree char *name = g_strdup_printf ("window-vi-%s.png", templates[i][1]);
      g_autofree char *path = g_build_filename (out, name, NULL);
      g_autoptr(GdkTexture) texture = NULL;
      ThiduaPreview *preview = thidua_window_get_preview (THIDUA_WINDOW (window));
      graphene_rect_t bounds;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", "s", templates[i][0]);
      thidua_preview_flush (preview);
      thidua_test_spin (300);

      /* Nothing asks for more than the 1366×768 screen (less the panel). */
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, min_w, &min_h, NULL, NULL, NULL);
      g_test_message ("minimum size %d×%d", min_w, min_h);
      g_assert_cmpint (min_w, <=, 1366);
      g_assert_cmpint (min_h, <=, 720);

      texture = snapshot_window (window);
      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("screenshot: %s", path);

      /* Dark style: the page is still paper-white. */
      g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", TRUE, NULL);
      thidua_test_spin (200);
      {
        g_autofree char *dark_name = g_strdup_printf ("window-vi-%s-dark.png", templates[i][1]);
        g_autofree char *dark_path = g_build_filename (out, dark_name, NULL);
        g_autoptr(GdkTexture) dark = snapshot_window (window);
        double share;

        g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (preview), GTK_WIDGET (window), &bounds));
        /* the middle of the preview: mostly paper, some black text */
        share = white_share (dark,
                             bounds.origin.x + bounds.size.width * 0.3,
                             bounds.origin.y + bounds.size.height * 0.3,
                             bounds.origin.x + bounds.size.width * 0.7,
                             bounds.origin.y + bounds.size.height * 0.6);
        g_test_message ("white share of the page in dark style: %.2f", share);
        g_assert_cmpfloat (share, >, 0.6);
        g_assert_true (gdk_texture_save_to_png (dark, dark_path));
      }
      g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", FALSE, NULL);
    }
}


/* ---- no label cut with "…" ---- */

typedef struct {
  int width;
  int height;
} ScreenSize;

static const ScreenSize small_screen = { 1024, 600 };
static const ScreenSize laptop_screen = { 1366, 768 };

/* Every label on screen whose text Pango had to cut. */
static void
collect_ellipsized (GtkWidget *widget,
                    GPtrArray *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_widget_get_width (widget) > 0 &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_ptr_array_add (out, g_strdup_printf ("“%s” (%s, %d px wide)",
                                           gtk_label_get_text (GTK_LABEL (widget)),
                                           G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                                           gtk_widget_get_width (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_ellipsized (child, out);
}

/* Lets the window lay out and paint what changed. */
static void
settle (GtkWindow *window)
{
  thidua_test_spin (300);
  gtk_widget_queue_allocate (GTK_WIDGET (window));
  thidua_test_spin (200);
}

static void
check_no_ellipsis (GtkWindow  *window,
                   const char *what,
                   GPtrArray  *problems)
{
  g_autoptr(GPtrArray) cut = g_ptr_array_new_with_free_func (g_free);

  collect_ellipsized (GTK_WIDGET (window), cut);
  for (guint i = 0; i < cut->len; i++)
    {
      g_test_message ("%s: cut label %s", what, (const char *) g_ptr_array_index (cut, i));
      g_ptr_array_add (problems, g_strdup_printf ("%s: %s", what, (const char *) g_ptr_array_index (cut, i)));
    }
}

static void
test_no_ellipsis (ThiduaTestApp *f,
                  gconstpointer  data)
{
  const ScreenSize *size = data;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  GtkWindow *window = thidua_test_app_start (f, size->width, size->height);
  GListModel *templates = thidua_window_get_templates (THIDUA_WINDOW (window));
  ThiduaPreview *preview = thidua_window_get_preview (THIDUA_WINDOW (window));
  guint n = g_list_model_get_n_items (templates);
  g_autofree char *shot = g_strdup_printf ("ellipsis-%dx%d-welcome.png", size->width, size->height);

  g_assert_cmpuint (n, >=, 4);
  settle (window);
  /* the window fits the screen: nothing asks for more width */
  if (gtk_widget_get_width (GTK_WIDGET (window)) > size->width)
    g_ptr_array_add (problems, g_strdup_printf ("the window is %d px wide",
                                                gtk_widget_get_width (GTK_WIDGET (window))));
  thidua_test_save_snapshot (window, shot);
  check_no_ellipsis (window, "welcome", problems);
  {
    /* where the width goes, for whoever must make the window narrower */
    GtkWidget *parts[] = { gtk_window_get_titlebar (window),
                           GTK_WIDGET (thidua_window_get_editor (THIDUA_WINDOW (window))),
                           GTK_WIDGET (preview),
                           thidua_window_get_section (THIDUA_WINDOW (window), "plans"),
                           thidua_test_find_widget (GTK_WIDGET (window), THIDUA_TYPE_PLAN_SIDEBAR, NULL),
                           gtk_widget_get_parent (GTK_WIDGET (preview)) };
    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      {
        int min = 0;

        gtk_widget_measure (parts[i], GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
        g_test_message ("minimum width of %s: %d", G_OBJECT_TYPE_NAME (parts[i]), min);
      }
  }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ThiduaTemplateItem) item = g_list_model_get_item (templates, i);
      const char *name = thidua_template_item_get_name (item);
      g_autofree char *plan_shot = g_strdup_printf ("ellipsis-%dx%d-%s.png", size->width, size->height, name);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", "s", name));
      thidua_preview_flush (preview);
      settle (window);
      thidua_test_save_snapshot (window, plan_shot);
      check_no_ellipsis (window, name, problems);
    }

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%dx%d: %s\n", size->width, size->height, (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

/* The preview folds away (win.show-preview, remembered) and the form
 * takes its width. */
static void
test_preview_toggle (ThiduaTestApp *f,
                     gconstpointer  data)
{
  GtkWindow *window = thidua_test_app_start (f, small_screen.width, small_screen.height);
  ThiduaWindow *win = THIDUA_WINDOW (window);
  GtkWidget *preview = GTK_WIDGET (thidua_window_get_preview (win));
  GtkWidget *editor = GTK_WIDGET (thidua_window_get_editor (win));
  GSettings *settings = thidua_application_get_settings (THIDUA_APPLICATION (f->app));
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  int with_preview;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", "s", "education-office"));
  settle (window);
  g_assert_true (gtk_widget_get_mapped (preview));
  with_preview = gtk_widget_get_width (editor);
  g_test_message ("window height %d, header expanded %d", gtk_widget_get_height (GTK_WIDGET (window)),
                  gtk_expander_get_expanded (GTK_EXPANDER (thidua_test_find_widget (editor, GTK_TYPE_EXPANDER, "header_expander"))));
  /* on this small screen the header is folded: the body is in sight */
  g_assert_false (gtk_widget_get_mapped (thidua_plan_editor_get_field_widget (THIDUA_PLAN_EDITOR (editor),
                                                                              "superior_body")));
  {
    graphene_rect_t body;

    g_assert_true (gtk_widget_compute_bounds (thidua_plan_editor_get_field_widget (THIDUA_PLAN_EDITOR (editor), "body"),
                                              GTK_WIDGET (window), &body));
    g_test_message ("the body starts %d px from the top", (int) body.origin.y);
    g_assert_cmpfloat (body.origin.y + 100, <, small_screen.height);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-preview", NULL));
  settle (window);
  g_assert_false (gtk_widget_get_visible (preview));
  g_assert_false (g_settings_get_boolean (settings, "show-preview"));
  g_test_message ("form width %d with the preview, %d without", with_preview, gtk_widget_get_width (editor));
  g_assert_cmpint (gtk_widget_get_width (editor), >, with_preview + 200);
  thidua_test_save_snapshot (window, "ellipsis-1024x600-no-preview.png");
  check_no_ellipsis (window, "no preview", problems);
  g_assert_cmpuint (problems->len, ==, 0);

  /* the setting is the switch too: the next window starts as it was left */
  g_settings_set_boolean (settings, "show-preview", TRUE);
  settle (window);
  g_assert_true (gtk_widget_get_visible (preview));
}

/* A Party plan shows Party examples in its empty fields, taken from the
 * profile's data, and a change of profile changes them. */
static void
test_profile_examples (ThiduaTestApp *f,
                       gconstpointer  data)
{
  GtkWindow *window = thidua_test_app_start (f, laptop_screen.width, laptop_screen.height);
  ThiduaPlanEditor *editor = thidua_window_get_editor (THIDUA_WINDOW (window));
  GtkWidget *superior, *on_behalf;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", "s", "blank-party"));
  settle (window);
  superior = thidua_plan_editor_get_field_widget (editor, "superior_body");
  on_behalf = thidua_plan_editor_get_field_widget (editor, "signer.on_behalf_of");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (superior)), ==, "");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (superior)), ==, "ví dụ: TỈNH ỦY LAI CHÂU");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (on_behalf)), ==, "ví dụ: ĐẢNG ỦY");
  g_assert_null (strstr (gtk_entry_get_placeholder_text (GTK_ENTRY (superior)), "UBND"));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (thidua_plan_editor_get_field_widget (editor, "profile")),
                              THIDUA_PROFILE_STATE);
  settle (window);
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (superior)), ==, "ví dụ: UBND TỈNH ĐIỆN BIÊN");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (on_behalf)), ==, "ví dụ: GIÁM ĐỐC");
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;  /* not unreffed: finalize would wait for the connection */
  int ret;

  /* The screenshots are of the Vietnamese interface. */
  g_setenv ("LANGUAGE", "vi", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, thidua_paths_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  bus = thidua_test_private_bus_up ();

  gtk_test_init (&argc, &argv, NULL);
  g_test_add ("/screenshots/profiles", ThiduaTestApp, NULL,
              thidua_test_app_set_up, test_profiles, thidua_test_app_tear_down);
  g_test_add ("/screenshots/no-ellipsis/1024x600", ThiduaTestApp, &small_screen,
              thidua_test_app_set_up, test_no_ellipsis, thidua_test_app_tear_down);
  g_test_add ("/screenshots/preview-toggle", ThiduaTestApp, NULL,
              thidua_test_app_set_up, test_preview_toggle, thidua_test_app_tear_down);
  g_test_add ("/screenshots/profile-examples", ThiduaTestApp, NULL,
              thidua_test_app_set_up, test_profile_examples, thidua_test_app_tear_down);
  g_test_add ("/screenshots/no-ellipsis/1366x768", ThiduaTestApp, &laptop_screen,
              thidua_test_app_set_up, test_no_ellipsis, thidua_test_app_tear_down);
  ret = g_test_run ();
  if (bus != NULL)
    g_test_dbus_stop (bus);
  return ret;
}
