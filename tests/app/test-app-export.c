/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-app-export.c — saving copies out of the app (issue 11, snag 4) and
 * the preferences (the office, the user's name, the style): the chooser
 * opens in Documents or the last export folder with a name cut at a word,
 * Return in it writes the file, a message says where it went and its "Mở"
 * opens it (a handler of our own stands in for the PDF viewer); the
 * register's summary asks for the office first; Tùy chọn reaches the office
 * dialog.  Real keys and clicks through the X server (xdotool). */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "thidua-application.h"
#include "thidua-export-flow.h"
#include "thidua-office-dialog.h"
#include "thidua-preferences-dialog.h"
#include "thidua-settings.h"
#include "thidua-test-util.h"
#include "thidua-window.h"

typedef ThiduaTestApp Fixture;

/* ---- the proposed name, without a display of its own ---- */

static void
test_file_name (void)
{
  static const struct {
    const char *subject;
    const char *expected;
  } cases[] = {
    /* cut at a word, the quotes gone (the one that used to stay open) */
    { "Phát động phong trào thi đua đặc biệt “Trường Chính trị đoàn kết, chung sức, "
      "đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19”",
      "Phát động phong trào thi đua đặc biệt Trường Chính trị đoàn.pdf" },
    { "Thi đua \"Dạy tốt, học tốt\" năm học 2024", "Thi đua Dạy tốt, học tốt năm học 2024.pdf" },
    /* what Windows refuses: separators become dashes, the rest spaces */
    { "Kế hoạch 15/KH-UBND: thi đua <2025> | quý I?*", "Kế hoạch 15-KH-UBND thi đua 2025 - quý I.pdf" },
    /* no trailing dot or comma, spaces collapsed, lines joined */
    { "  Thi   đua\nnăm 2025, ...  ", "Thi đua năm 2025.pdf" },
    { "“”", "plan.pdf" },
    { "", "plan.pdf" },
    { "CON", "CON_.pdf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = thidua_export_file_name (cases[i].subject, "plan", "pdf",
                                                       THIDUA_EXPORT_NAME_MAX);
      g_assert_cmpstr (name, ==, cases[i].expected);
    }

  /* every cut of a long subject ends at a word: what is left of the
   * subject is a prefix of it up to a space */
  {
    const char *subject = "Triển khai phong trào thi đua năm 2022 Trọng tâm Trách nhiệm Kỷ cương "
                          "Nêu gương Sáng tạo";
    for (guint max = 10; max < 80; max++)
      {
        g_autofree char *name = thidua_export_file_name (subject, "x", NULL, max);
        gsize len = strlen (name);

        g_assert_cmpint (g_utf8_strlen (name, -1), <=, max);
        g_assert_true (strncmp (subject, name, len) == 0);
        g_assert_true (subject[len] == ' ' || subject[len] == '\0');
      }
  }
  /* one word longer than the limit is cut, at a character */
  {
    g_autofree char *name = thidua_export_file_name ("Ậ123456789Ậ123456789", "x", "odt", 10);
    g_assert_cmpstr (name, ==, "Ậ123456789.odt");
  }
}

/* Documents folder named by the user's user-dirs.dirs (isolated per test). */
static char *
make_documents (void)
{
  g_autofree char *config = g_build_filename (g_get_user_config_dir (), "user-dirs.dirs", NULL);
  char *documents = g_build_filename (g_get_home_dir (), "Tài liệu", NULL);
  g_autofree char *line = g_strdup_printf ("XDG_DOCUMENTS_DIR=\"%s\"\n", documents);

  /* GLib reads user-dirs.dirs under $XDG_CONFIG_HOME itself, not under
   * the test's isolated config dir */
  g_setenv ("XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_mkdir_with_parents (g_get_user_config_dir (), 0700);
  g_mkdir_with_parents (documents, 0700);
  g_assert_true (g_file_set_contents (config, line, -1, NULL));
  g_reload_user_special_dirs_cache ();
  g_assert_cmpstr (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS), ==, documents);
  return documents;
}

/* A stand-in for the PDF viewer and the spreadsheet: writes the file it
 * was asked to open into `marker`.  Returns the marker's path. */
static char *
install_opener (const char *dir)
{
  g_autofree char *apps = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *script = g_build_filename (dir, "opener.sh", NULL);
  g_autofree char *desktop = g_build_filename (apps, "thidua-test-opener.desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  char *marker = g_build_filename (dir, "opened.txt", NULL);
  g_autofree char *script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s'\n", marker);
  g_autofree char *desktop_text =
    g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Opener\nExec=%s %%f\n"
                     "MimeType=application/pdf;inode/directory;\nNoDisplay=true\n", script);

  g_mkdir_with_parents (apps, 0700);
  g_assert_true (g_file_set_contents (script, script_text, -1, NULL));
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  g_assert_true (g_file_set_contents (desktop, desktop_text, -1, NULL));
  g_assert_true (g_file_set_contents (mimeapps,
                                      "[Default Applications]\n"
                                      "application/pdf=thidua-test-opener.desktop\n"
                                      "inode/directory=thidua-test-opener.desktop\n", -1, NULL));
  return marker;
}

/* ---- finding the windows the flow opens ---- */

static GtkWindow *
find_toplevel (GType type, const char *child_name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* GTK's own */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (!g_type_is_a (G_OBJECT_TYPE (w), type) || !gtk_widget_get_visible (GTK_WIDGET (w)))
        continue;
      if (child_name == NULL ||
          thidua_test_find_widget (GTK_WIDGET (w), GTK_TYPE_WIDGET, child_name) != NULL)
        return w;
    }
  return NULL;
}

typedef struct {
  GType       type;
  const char *child_name;
} Wanted;

static gboolean
toplevel_shown (gpointer data)
{
  Wanted *w = data;
  GtkWindow *window = find_toplevel (w->type, w->child_name);

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static GtkWindow *
wait_toplevel (GType type, const char *child_name)
{
  Wanted w = { type, child_name };

  g_assert_true (thidua_test_wait_for (toplevel_shown, &w, 10000));
  thidua_test_spin (300);   /* the first frame, the focus */
  return find_toplevel (type, child_name);
}

static gboolean
no_toplevel (gpointer data)
{
  Wanted *w = data;

  return find_toplevel (w->type, w->child_name) == NULL;
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
/* GtkFileChooserNative shows GTK's own dialog when there is no portal. */
static GtkWindow *
wait_chooser (void)
{
  return wait_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
}

static char *
chooser_folder (GtkWindow *chooser)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));

  return folder ? g_file_get_path (folder) : NULL;
}

static char *
chooser_name (GtkWindow *chooser)
{
  return gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
}
G_GNUC_END_IGNORE_DEPRECATIONS

/* Return in the chooser's name field: the secretary accepts the name. */
static void
accept_chooser (GtkWindow *chooser)
{
  Wanted gone = { GTK_TYPE_FILE_CHOOSER_DIALOG, NULL };

  thidua_test_point_at (200, 200);
  thidua_test_keys ("Return", NULL);
  g_assert_true (thidua_test_wait_for (no_toplevel, &gone, 5000));
}

static const char *
label_text (GtkWindow *window, const char *name)
{
  GtkWidget *label = thidua_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, name);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
file_has_content (gpointer data)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (data, &contents, NULL, NULL) && *contents;
}

static gboolean
file_starts_with (const char *path, const char *magic)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  return g_file_get_contents (path, &contents, &len, NULL) && len > strlen (magic) &&
         memcmp (contents, magic, strlen (magic)) == 0;
}

/* ---- the plan ---- */

static void
test_export_plan (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *documents = make_documents ();
  g_autofree char *marker = install_opener (f->dir);
  g_autofree char *other = g_build_filename (f->dir, "Xuất", NULL);
  g_autofree char *expected_name = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *where = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  ThiduaWindow *win;
  GSettings *settings;
  GtkWindow *chooser, *done;
  ThiduaPlan *plan;

  win = THIDUA_WINDOW (thidua_test_app_start (f, 1366, 768));
  settings = thidua_application_get_settings (THIDUA_APPLICATION (f->app));
  g_settings_reset (settings, "last-folder");
  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "covid-party-school");
  thidua_test_spin (200);
  plan = thidua_document_get_plan (thidua_window_get_document (win));
  expected_name = thidua_export_file_name (thidua_plan_get_subject (plan), "plan", "pdf",
                                           THIDUA_EXPORT_NAME_MAX);
  /* the subject of the seed is long and quoted: the name is cut at a word */
  g_assert_cmpstr (expected_name, ==, "Phát động phong trào thi đua đặc biệt Trường Chính trị đoàn.pdf");

  /* Ctrl+E is Xuất PDF */
  thidua_test_point_at (600, 400);
  thidua_test_keys ("ctrl+e", NULL);
  chooser = wait_chooser ();
  {
    g_autofree char *folder = chooser_folder (chooser);
    g_autofree char *name = chooser_name (chooser);

    /* Documents, never the folder the tests run in */
    g_assert_cmpstr (folder, ==, documents);
    g_assert_cmpstr (folder, !=, cwd);
    g_assert_cmpstr (name, ==, expected_name);
  }
  accept_chooser (chooser);

  done = wait_toplevel (GTK_TYPE_WINDOW, "file_label");
  pdf = g_build_filename (documents, expected_name, NULL);
  g_assert_true (file_starts_with (pdf, "%PDF-"));
  g_assert_cmpstr (label_text (done, "file_label"), ==, expected_name);
  where = g_strdup_printf (_("in the folder %s"), documents);
  g_assert_cmpstr (label_text (done, "folder_label"), ==, where);
  thidua_test_save_snapshot (done, "export-done.png");
  {
    g_autofree char *last = g_settings_get_string (settings, "last-folder");
    g_assert_cmpstr (last, ==, documents);
  }

  /* Mở opens the file with the desktop's handler for PDF */
  thidua_test_click (thidua_test_find_widget (GTK_WIDGET (done), GTK_TYPE_BUTTON, "open_button"));
  g_assert_true (thidua_test_wait_for (file_has_content, marker, 10000));
  g_assert_true (g_file_get_contents (marker, &opened, NULL, NULL));
  g_assert_cmpstr (opened, ==, pdf);
  {
    Wanted gone = { GTK_TYPE_WINDOW, "file_label" };
    /* once opened, the message goes */
    g_assert_true (thidua_test_wait_for (no_toplevel, &gone, 5000));
  }

  /* the next export opens where the last one went, as .docx this time */
  g_mkdir_with_parents (other, 0700);
  g_settings_set_string (settings, "last-folder", other);
  gtk_widget_activate_action (GTK_WIDGET (win), "win.export", "s", "docx");
  chooser = wait_chooser ();
  {
    g_autofree char *folder = chooser_folder (chooser);
    g_autofree char *name = chooser_name (chooser);

    g_assert_cmpstr (folder, ==, other);
    g_assert_true (g_str_has_suffix (name, "Trường Chính trị đoàn.docx"));
  }
  /* a name typed without its extension gets it */
  thidua_test_point_at (200, 200);
  thidua_test_keys ("ctrl+a", NULL);
  thidua_test_type ("ban-sua");
  accept_chooser (chooser);
  done = wait_toplevel (GTK_TYPE_WINDOW, "file_label");
  g_assert_cmpstr (label_text (done, "file_label"), ==, "ban-sua.docx");
  {
    g_autofree char *docx = g_build_filename (other, "ban-sua.docx", NULL);
    g_assert_true (file_starts_with (docx, "PK"));
  }
  /* the same name typed again: the chooser never saw "ban-sua.docx", so
   * the file there is kept and the new one is "ban-sua (2).docx" */
  gtk_window_destroy (done);
  gtk_widget_activate_action (GTK_WIDGET (win), "win.export", "s", "docx");
  chooser = wait_chooser ();
  thidua_test_point_at (200, 200);
  thidua_test_keys ("ctrl+a", NULL);
  thidua_test_type ("ban-sua");
  accept_chooser (chooser);
  done = wait_toplevel (GTK_TYPE_WINDOW, "file_label");
  g_assert_cmpstr (label_text (done, "file_label"), ==, "ban-sua (2).docx");

  /* Mở thư mục opens the folder it went to */
  g_assert_cmpint (g_remove (marker), ==, 0);
  thidua_test_click (thidua_test_find_widget (GTK_WIDGET (done), GTK_TYPE_BUTTON, "folder_button"));
  g_assert_true (thidua_test_wait_for (file_has_content, marker, 10000));
  g_clear_pointer (&opened, g_free);
  g_assert_true (g_file_get_contents (marker, &opened, NULL, NULL));
  g_assert_cmpstr (opened, ==, other);
}

/* A folder that is gone is not offered: Documents again. */
static void
test_initial_folder (void)
{
  g_autoptr(GSettings) settings = thidua_settings_new ();
  g_autofree char *documents = make_documents ();
  g_autofree char *tmp = thidua_test_make_tmpdir ();
  g_autofree char *gone = g_build_filename (tmp, "gone", NULL);
  g_autofree char *file = g_build_filename (tmp, "a.pdf", NULL);
  g_autofree char *first = NULL, *second = NULL, *third = NULL;

  g_settings_reset (settings, "last-folder");
  first = thidua_export_initial_folder (settings);
  g_assert_cmpstr (first, ==, documents);
  thidua_export_remember_folder (settings, file);
  second = thidua_export_initial_folder (settings);
  g_assert_cmpstr (second, ==, tmp);
  g_settings_set_string (settings, "last-folder", gone);
  third = thidua_export_initial_folder (settings);
  g_assert_cmpstr (third, ==, documents);
  thidua_test_remove_dir (tmp);
}

/* ---- the register: the office first, then the chooser and the message ---- */

static void
test_export_register (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *documents = make_documents ();
  ThiduaWindow *win = THIDUA_WINDOW (thidua_test_app_start (f, 1366, 768));
  GtkWidget *page;
  GtkWindow *office, *chooser, *done;
  g_autofree char *name = NULL;
  g_autoptr(ThiduaOffice) stored = NULL;

  g_settings_reset (thidua_application_get_settings (THIDUA_APPLICATION (f->app)), "last-folder");
  gtk_widget_activate_action (GTK_WIDGET (win), "win.show-section", "s", "register");
  page = thidua_window_get_section (win, "register");
  thidua_test_spin (200);

  /* the summary needs the office's name: the first export asks for it */
  g_assert_true (gtk_widget_activate_action (page, "register.report", NULL));
  office = wait_toplevel (THIDUA_TYPE_OFFICE_DIALOG, NULL);
  g_assert_null (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL));
  gtk_editable_set_text (thidua_office_dialog_get_name_entry (THIDUA_OFFICE_DIALOG (office)),
                         "TRƯỜNG THCS KIM ĐỒNG");
  thidua_test_point_at (100, 40);
  gtk_widget_grab_focus (GTK_WIDGET (thidua_office_dialog_get_name_entry (THIDUA_OFFICE_DIALOG (office))));
  thidua_test_spin (100);
  thidua_test_keys ("Return", NULL);
  stored = thidua_store_get_office (thidua_window_get_store (win), NULL);
  g_assert_cmpstr (stored->name, ==, "TRƯỜNG THCS KIM ĐỒNG");

  /* … and the export goes on by itself */
  chooser = wait_chooser ();
  name = chooser_name (chooser);
  g_assert_true (g_str_has_prefix (name, "bang-tong-hop-"));
  g_assert_true (g_str_has_suffix (name, ".pdf"));
  accept_chooser (chooser);
  done = wait_toplevel (GTK_TYPE_WINDOW, "file_label");
  g_assert_cmpstr (label_text (done, "file_label"), ==, name);
  {
    g_autofree char *pdf = g_build_filename (documents, name, NULL);
    g_assert_true (file_starts_with (pdf, "%PDF-"));
  }
  gtk_window_destroy (done);

  /* the registrations as a spreadsheet: no office needed, same message */
  g_assert_true (gtk_widget_activate_action (page, "register.export", NULL));
  chooser = wait_chooser ();
  g_free (name);
  name = chooser_name (chooser);
  g_assert_true (g_str_has_suffix (name, ".xlsx"));
  accept_chooser (chooser);
  done = wait_toplevel (GTK_TYPE_WINDOW, "file_label");
  g_assert_cmpstr (label_text (done, "file_label"), ==, name);
  {
    g_autofree char *xlsx = g_build_filename (documents, name, NULL);
    g_assert_true (file_starts_with (xlsx, "PK"));
  }
  /* Escape closes the message */
  thidua_test_point_at (100, 60);
  thidua_test_keys ("Escape", NULL);
  {
    Wanted gone = { GTK_TYPE_WINDOW, "file_label" };
    g_assert_true (thidua_test_wait_for (no_toplevel, &gone, 5000));
  }
}

/* ---- Tùy chọn ---- */

static gboolean
settings_string_is (GSettings *settings, const char *key, const char *value)
{
  g_autofree char *v = g_settings_get_string (settings, key);

  return g_strcmp0 (v, value) == 0;
}

typedef struct {
  GSettings  *settings;
  const char *value;
} UserNameIs;

static gboolean
user_name_is (gpointer data)
{
  UserNameIs *u = data;

  return settings_string_is (u->settings, "user-name", u->value);
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  ThiduaWindow *win = THIDUA_WINDOW (thidua_test_app_start (f, 1366, 768));
  GSettings *settings = thidua_application_get_settings (THIDUA_APPLICATION (f->app));
  GtkWindow *prefs, *office;
  GtkWidget *entry, *style;
  UserNameIs u = { settings, "Lo Thi Mai" };
  gboolean dark = FALSE;
  g_autoptr(ThiduaOffice) stored = NULL;

  g_settings_reset (settings, "user-name");
  g_settings_reset (settings, "style");

  /* Ctrl+, from the window */
  thidua_test_point_at (600, 400);
  thidua_test_keys ("ctrl+comma", NULL);
  prefs = wait_toplevel (THIDUA_TYPE_PREFERENCES_DIALOG, NULL);
  g_assert_true (gtk_window_get_transient_for (prefs) == GTK_WINDOW (win));
  g_assert_cmpstr (label_text (prefs, "office_label"), ==, _("Not set yet"));

  /* the user's name, typed, is the setting the history records */
  entry = thidua_test_find_widget (GTK_WIDGET (prefs), GTK_TYPE_ENTRY, "user_name_entry");
  g_assert_nonnull (entry);
  thidua_test_click (entry);
  thidua_test_type ("Lo Thi Mai");
  g_assert_true (thidua_test_wait_for (user_name_is, &u, 4000));
  thidua_test_save_snapshot (prefs, "preferences.png");

  /* the office: Sửa… opens the office dialog; saving shows the name */
  thidua_test_click (thidua_test_find_widget (GTK_WIDGET (prefs), GTK_TYPE_BUTTON, "office_button"));
  office = wait_toplevel (THIDUA_TYPE_OFFICE_DIALOG, NULL);
  gtk_editable_set_text (thidua_office_dialog_get_name_entry (THIDUA_OFFICE_DIALOG (office)),
                         "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO");
  g_signal_emit_by_name (office, "save");
  thidua_test_spin (100);
  stored = thidua_store_get_office (thidua_window_get_store (win), NULL);
  g_assert_cmpstr (stored->name, ==, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO");
  g_assert_cmpstr (label_text (prefs, "office_label"), ==, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO");
  g_assert_null (find_toplevel (THIDUA_TYPE_OFFICE_DIALOG, NULL));

  /* the style: dark, stored and applied; the app menu's action agrees */
  style = thidua_test_find_widget (GTK_WIDGET (prefs), GTK_TYPE_DROP_DOWN, "style_dropdown");
  g_assert_nonnull (style);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (style), 2);
  g_assert_cmpint (g_settings_get_enum (settings, "style"), ==, 2);
  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &dark, NULL);
  g_assert_true (dark);
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "style", g_variant_new_string ("light"));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (style)), ==, 1);
  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &dark, NULL);
  g_assert_false (dark);
  g_settings_reset (settings, "style");
  g_settings_reset (settings, "user-name");
}

/* LeakSanitizer's hook, read only in the sanitized build.  This test opens
 * GTK 4.8's real file chooser, which leaves its own state behind (GIO file
 * infos, the cloud-providers list, the settings schema source) through
 * frames Debian's stripped GTK and GLib do not name, so no suppression can
 * single them out.  Leak checking is off for this one program; memory
 * errors are still caught. */
int __lsan_is_turned_off (void);
int
__lsan_is_turned_off (void)
{
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;  /* not unreffed: finalize would wait for the connection */
  g_autofree char *data_home = thidua_test_make_tmpdir ();
  int ret;

  g_setenv ("GTK_A11Y", "none", TRUE);
  /* GTK's one recent-files list keeps the data folder it was made with:
   * a folder of the whole run, not of the first test that opens a chooser */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* GTK's file chooser reads its own settings: find the system schemas
   * before the isolated XDG_DATA_DIRS of each test hides them */
  g_settings_schema_source_get_default ();
  /* … and the MIME database gdk-pixbuf needs to load its SVG icons */
  g_free (g_content_type_guess ("icon.svg", NULL, 0, NULL));
  bus = thidua_test_private_bus_up ();
  thidua_test_init_gui (&argc, &argv);
  (void) bus;
  gtk_recent_manager_get_default ();

  g_test_add_func ("/export/file-name", test_file_name);
  g_test_add_func ("/export/initial-folder", test_initial_folder);
  g_test_add ("/export/plan", Fixture, NULL,
              thidua_test_app_set_up, test_export_plan, thidua_test_app_tear_down);
  g_test_add ("/export/register", Fixture, NULL,
              thidua_test_app_set_up, test_export_register, thidua_test_app_tear_down);
  g_test_add ("/export/preferences", Fixture, NULL,
              thidua_test_app_set_up, test_preferences, thidua_test_app_tear_down);
  ret = g_test_run ();
  thidua_test_remove_dir (data_home);
  return ret;
}
