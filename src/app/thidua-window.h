/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-window.h — the main window: plans, form and preview. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-application.h"
#include "thidua-document.h"
#include "thidua-plan-editor.h"
#include "thidua-preview.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_WINDOW (thidua_window_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaWindow, thidua_window, THIDUA, WINDOW, GtkApplicationWindow)

ThiduaWindow *thidua_window_new                 (ThiduaApplication *application,
                                                 ThiduaStore       *store);
ThiduaStore  *thidua_window_get_store           (ThiduaWindow *self);

/* For tests and other windows: the lists shown, of ThiduaPlanItem and
 * ThiduaTemplateItem. */
GListModel   *thidua_window_get_plans           (ThiduaWindow *self);
GListModel   *thidua_window_get_templates       (ThiduaWindow *self);
GtkEditable  *thidua_window_get_search_entry    (ThiduaWindow *self);

/* Re-reads the plans list from the database (keeps the selection). */
void          thidua_window_reload_plans        (ThiduaWindow *self);
/* Selects and opens the plan; FALSE when it is not in the shown list. */
gboolean      thidua_window_select_plan         (ThiduaWindow *self,
                                                 gint64        id);
gint64        thidua_window_get_selected_plan   (ThiduaWindow *self);
/* Opens the selected plan again from the store (after a sign-off step). */
void          thidua_window_reopen_plan         (ThiduaWindow *self);

/* The plan open in the form, its editor and preview (NULL when none). */
ThiduaDocument   *thidua_window_get_document (ThiduaWindow *self);
ThiduaPlanEditor *thidua_window_get_editor   (ThiduaWindow *self);
ThiduaPreview    *thidua_window_get_preview  (ThiduaWindow *self);
/* The sections of the window ("plans", "register"), switched by the
 * action win.show-section; the page widget, NULL when not there. */
GtkWidget    *thidua_window_get_section         (ThiduaWindow *self,
                                                 const char   *name);
const char   *thidua_window_get_visible_section (ThiduaWindow *self);

/* The message of the banner when it is shown, else NULL. */
const char   *thidua_window_get_banner          (ThiduaWindow *self);

/* Writes the open plan to path: .pdf (all pages) or .png (the page shown
 * in the preview, 150 dpi); remembers the folder for the next export. */
gboolean      thidua_window_export              (ThiduaWindow  *self,
                                                 const char    *path,
                                                 GError       **error);

/* Shows a message over the content (read-only database, write failure). */
void          thidua_window_show_banner         (ThiduaWindow *self,
                                                 const char   *message,
                                                 gboolean      is_error);
void          thidua_window_hide_banner         (ThiduaWindow *self);

G_END_DECLS
