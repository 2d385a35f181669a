/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-model.h — a year of the register as a GListModel of
 * ThiduaRegisterItem, for the register view.
 *
 * The year is read once; filtering (folded search on names, unit with the
 * units inside it, title, status, result) and sorting (unit, Vietnamese
 * order by given name, title) then run in memory over index arrays, so a
 * keystroke in the search filters 100,000 registrations in milliseconds.
 * Items are created only for the positions a view asks for.
 *
 * (element-type ThiduaRegisterItem): g_list_model_get_item() gives a new
 * reference; the model also keeps each item it made until the next load. */
#pragma once

#include <gio/gio.h>
#include "thidua-register.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_REGISTER_MODEL (thidua_register_model_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaRegisterModel, thidua_register_model, THIDUA, REGISTER_MODEL, GObject)

/* @reg: (transfer none): the model keeps a reference.
 * thidua_register_model_get_register: Returns: (transfer none) */
ThiduaRegisterModel *thidua_register_model_new      (ThiduaRegister *reg);
ThiduaRegister      *thidua_register_model_get_register (ThiduaRegisterModel *self);

/* Reads the year (all statuses); the filters stay as they were.
 * @year: not NULL; copied (it may be thidua_register_model_get_year()
 *   itself).  Registrations replaced by refresh_row are freed here.
 * thidua_register_model_get_year: Returns: (transfer none) (nullable):
 *   NULL before the first load; valid until the next load. */
gboolean    thidua_register_model_load        (ThiduaRegisterModel *self, const char *year,
                                               GError **error);
const char *thidua_register_model_get_year    (ThiduaRegisterModel *self);
/* Registrations of the year before filtering. */
guint       thidua_register_model_get_n_total (ThiduaRegisterModel *self);

/* @text: (nullable): NULL or "" shows all. */
void        thidua_register_model_set_search  (ThiduaRegisterModel *self, const char *text);
/* 0: every unit */
void        thidua_register_model_set_unit    (ThiduaRegisterModel *self, gint64 unit_id);
/* A catalog id, or NULL for every title
 * @title_id: (nullable): copied; "" counts as NULL. */
void        thidua_register_model_set_title   (ThiduaRegisterModel *self, const char *title_id);
/* -1: any */
void        thidua_register_model_set_status  (ThiduaRegisterModel *self, int status);
void        thidua_register_model_set_result  (ThiduaRegisterModel *self, int result);
void        thidua_register_model_set_sort    (ThiduaRegisterModel *self, ThiduaRegSort sort);

/* The registration at a filtered position, without making an item (for
 * summaries such as the dashboard); NULL past the end.
 * Returns: (transfer none) (nullable): owned by the model, valid until
 *   the next load (a row refreshed meanwhile keeps its old copy alive). */
const ThiduaRegistration *thidua_register_model_peek (ThiduaRegisterModel *self, guint position);

/* The position of a registration among the filtered rows, or -1. */
int         thidua_register_model_find        (ThiduaRegisterModel *self, gint64 registration_id);
/* Re-reads one registration after an edit and updates its row. */
gboolean    thidua_register_model_refresh_row (ThiduaRegisterModel *self, gint64 registration_id,
                                               GError **error);

G_END_DECLS
