/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-window-private.h — what the window's files share: its fields and
 * the helpers its actions use.  Only thidua-window*.c include it. */
#pragma once

#include "thidua-window.h"
#include "thidua-document.h"
#include "thidua-plan-list.h"
#include "thidua-plan-editor.h"
#include "thidua-plan-sidebar.h"
#include "thidua-preview.h"
#include "thidua-register.h"

G_BEGIN_DECLS

struct _ThiduaWindow
{
  GtkApplicationWindow  parent_instance;

  /* template children */
  GtkHeaderBar         *header_bar;
  GtkMenuButton        *new_button;
  GtkGridView          *new_templates_view;
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkButton            *banner_button;
  GtkPaned             *sidebar_paned;
  ThiduaPlanSidebar    *sidebar;
  GtkSearchEntry       *search_entry;   /* the sidebar's */
  GtkStack             *main_stack;
  GtkStack             *section_stack;
  GtkGridView          *welcome_templates_view;
  GtkBox               *editor_page;
  /* made when a plan is first opened or asked for (ensure_editor): the
   * window starts without them (issue 10, start-up) */
  GtkPaned             *editor_paned;
  ThiduaPlanEditor     *plan_editor;
  ThiduaPreview        *preview;
  gboolean              show_preview;   /* until the preview exists */

  ThiduaStore          *store;
  ThiduaDocument       *document;
  /* Documents whose last write failed when another plan was opened: they
   * keep retrying on their own until the store takes them. */
  GPtrArray            *unsaved;
  gboolean              close_refused;
  gboolean              plan_printable; /* a plan is open to print */
  gboolean              banner_is_save_error;
  ThiduaDocument       *deleted;        /* plan and targets, for "Undo" after a delete */
  guint                 thumbnail_source;
  gboolean              thumbnails_wanted;
  ThiduaPlanList       *plans;          /* kept by core, follows the store */
  guint                 poll_source;    /* looks for other processes' writes */
  GListStore           *templates;
  GHashTable           *number_separators;  /* profile name → "/" or "-" */
  GtkSingleSelection   *plans_selection;  /* the sidebar's */
  /* The register of the window's database (NULL when its catalog could
   * not be read) and its page: the page's view is built the first time it
   * is shown or asked for, not at start-up (issue 10). */
  ThiduaRegister       *reg;
  GtkBox               *register_page;
  GtkWidget            *register_view;
  GSettings            *settings;
};

/* thidua-window.c */
void            _thidua_window_report_error  (ThiduaWindow *self,
                                              const char   *what,
                                              const GError *error);
/* The plan editor and the preview, made now if they were not yet. */
void            _thidua_window_ensure_editor (ThiduaWindow *self);
/* The register of the window's database, or NULL when it cannot be shown. */
ThiduaRegister *_thidua_window_get_register  (ThiduaWindow *self);

/* thidua-window-actions.c: installs the win.* actions.  A new action
 * (lifecycle, sign-off) goes there, with its enabling rule in
 * _thidua_window_update_actions. */
void            _thidua_window_class_add_actions (GtkWidgetClass *widget_class);

G_END_DECLS
