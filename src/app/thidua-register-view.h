/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-view.h — the register page: a GtkColumnView over the
 * year's ThiduaRegisterModel (items made only for the rows on screen),
 * filters (year, diacritics-insensitive search, unit, title, status,
 * result), sorting, inline editing of result, decision and note, adding a
 * person or unit, assigning a title to the selected rows, the findings of
 * `check` each jumping to its row, and a small dashboard. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-register.h"
#include "thidua-register-model.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_REGISTER_VIEW (thidua_register_view_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaRegisterView, thidua_register_view, THIDUA, REGISTER_VIEW, GtkWidget)

GtkWidget           *thidua_register_view_new       (ThiduaRegister *reg);
/* For the main window: the register over the window's store, with the
 * catalog and rules from data (and the office's overrides); NULL with an
 * error naming the data file when they cannot be read. */
GtkWidget           *thidua_register_view_new_for_store (ThiduaStore *store, GError **error);
ThiduaRegister      *thidua_register_view_get_register (ThiduaRegisterView *self);
ThiduaRegisterModel *thidua_register_view_get_model (ThiduaRegisterView *self);
/* Shows a year ("2024", "2023-2024"); FALSE with an error if it cannot be read. */
gboolean             thidua_register_view_set_year  (ThiduaRegisterView *self, const char *year,
                                                     GError **error);
/* The same as choosing the order in the view. */
void                 thidua_register_view_set_sort  (ThiduaRegisterView *self, ThiduaRegSort sort);
/* Widgets, for keyboard-free tests and the window's shortcuts. */
GtkWidget           *thidua_register_view_get_search_entry (ThiduaRegisterView *self);
GtkColumnView       *thidua_register_view_get_column_view  (ThiduaRegisterView *self);
GtkListBox          *thidua_register_view_get_findings     (ThiduaRegisterView *self);
/* Prints the summary (or, with a unit chosen in the filter, that unit's
 * registration form) through GtkPrintOperation; export_pdf non-NULL exports
 * without a dialog. */
gboolean             thidua_register_view_print     (ThiduaRegisterView *self, const char *export_pdf,
                                                     GError **error);
/* Selects and scrolls to a registration, clearing filters that hide it. */
gboolean             thidua_register_view_reveal    (ThiduaRegisterView *self, gint64 registration_id);

G_END_DECLS
