/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-plan-sidebar.h — the list of plans beside the form: a search
 * field, the plans with their sign-off badges (or why the list is empty),
 * and the duplicate / delete buttons (win.duplicate, win.delete).  It
 * shows the model it is given and says what was searched; the window
 * decides what opening a plan means. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define THIDUA_TYPE_PLAN_SIDEBAR (thidua_plan_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaPlanSidebar, thidua_plan_sidebar, THIDUA, PLAN_SIDEBAR, GtkWidget)

GtkWidget          *thidua_plan_sidebar_new              (void);
/* The plans shown (of ThiduaPlanItem); NULL shows none. */
void                thidua_plan_sidebar_set_model        (ThiduaPlanSidebar *self,
                                                          GListModel        *model);
GListModel         *thidua_plan_sidebar_get_model        (ThiduaPlanSidebar *self);
/* The selection over the model's rows: its selected item is the plan
 * chosen; select with thidua_plan_sidebar_select. */
GtkSingleSelection *thidua_plan_sidebar_get_selection    (ThiduaPlanSidebar *self);
/* Selects the item at @position of the model, GTK_INVALID_LIST_POSITION
 * for none (the selection's own positions stop where the list has grown
 * to at start-up: see thidua-plan-sidebar.c). */
void                thidua_plan_sidebar_select           (ThiduaPlanSidebar *self,
                                                          guint              position);
/* What is typed in the search field ("" when nothing). */
const char         *thidua_plan_sidebar_get_search_text  (ThiduaPlanSidebar *self);
GtkSearchEntry     *thidua_plan_sidebar_get_search_entry (ThiduaPlanSidebar *self);

G_END_DECLS
