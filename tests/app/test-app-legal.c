/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-app-legal.c — the window's list of warnings says when the plan's
 * "Căn cứ" lines cite a document no longer in force at the plan's date,
 * naming the one that replaced it; a plan made today from the template
 * that cites texts through the legal table has no such warning. */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "thidua-application.h"
#include "thidua-paths.h"
#include "thidua-plan-editor.h"
#include "thidua-preview.h"
#include "thidua-test-util.h"
#include "thidua-window.h"

/* A label under root whose text contains needle. */
static GtkWidget *
find_label_containing (GtkWidget *root, const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label_containing (c, needle);
      if (found != NULL)
        return found;
    }
  return NULL;
}


static void
test_repealed_decree_in_findings (ThiduaTestApp *f,
                                  gconstpointer  data)
{
  ThiduaWindow *win = THIDUA_WINDOW (thidua_test_app_start (f, 1366, 768));
  ThiduaPreview *preview = thidua_window_get_preview (win);
  GtkWidget *view;
  GtkTextBuffer *buffer;
  GtkTextIter start;

  /* Made today from the template: its legal bases are the texts in force. */
  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "annual-state");
  thidua_preview_flush (preview);
  thidua_test_spin (300);
  g_assert_null (find_label_containing (GTK_WIDGET (win), "no longer in force"));
  g_assert_null (find_label_containing (GTK_WIDGET (win), "không còn hiệu lực"));

  /* The secretary pastes last year's legal basis at the top. */
  view = thidua_plan_editor_get_field_widget (thidua_window_get_editor (win), "body");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  g_assert_true (gtk_text_buffer_insert_interactive_at_cursor (buffer,
      "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ;\n", -1, TRUE));
  thidua_preview_flush (preview);
  thidua_test_spin (300);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (win),
      "Nghị định 91/2017/NĐ-CP không còn hiệu lực vào ngày của kế hoạch; "
      "văn bản thay thế: Nghị định 152/2025/NĐ-CP"));
  thidua_test_save_snapshot (GTK_WINDOW (win), "window-vi-legal-warning.png");
}

int
main (int argc, char *argv[])
{
  GTestDBus *bus = thidua_test_private_bus_up ();  /* not unreffed, as the other GUI tests */

  (void) bus;
  /* In Vietnamese, as the secretary reads it. */
  g_setenv ("LANGUAGE", "vi", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, thidua_paths_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  g_test_add ("/app-legal/repealed-decree-in-findings", ThiduaTestApp, NULL,
              thidua_test_app_set_up, test_repealed_decree_in_findings, thidua_test_app_tear_down);
  return g_test_run ();
}
