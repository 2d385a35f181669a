/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-model.h — a year of the register as a GListModel of
 * ThiduaRegisterItem, for the register view.
 *
 * The year is read as one compact array (ids, who, title, status, result,
 * folded names), already sorted by SQLite; no object per row.  Filtering
 * (folded search on names, unit with the units inside it, title, status,
 * result) runs over that array, so a keystroke filters 100,000
 * registrations in milliseconds.  Items are made only for the positions a
 * view asks for, and read their registration from the database when first
 * shown, a page of rows per query.
 *
 * Changes are announced over the rows that changed only.  An edit that
 * leaves a row where it was (shown before and after) keeps its item and is
 * announced by ::items-updated (position, n_items), one per run of
 * neighbouring rows: the item reads its registration again on its next
 * getter, and a view re-binds the rows it shows in that span (GTK keeps
 * its row widgets, the selection and the focus; an items-changed would
 * make it ask for every item of the span and build its rows anew).  Rows
 * an edit brings in or takes out (a filter, a delete) are announced by
 * items-changed, one per run.  Reading the year again after someone else
 * wrote keeps the unchanged rows (and their widgets).
 *
 * (element-type ThiduaRegisterItem): g_list_model_get_item() gives a new
 * reference. */
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

/* Reads the year (all statuses); the filters stay as they were.  Reading
 * the year the model holds again announces only the rows that changed.
 * @year: copied (it may be thidua_register_model_get_year() itself). */
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
/* Sorting is SQLite's: the year is read again in the new order. */
void        thidua_register_model_set_sort    (ThiduaRegisterModel *self, ThiduaRegSort sort);

/* The registration at a filtered position, read if need be (valid while
 * the row is unchanged); NULL past the end.
 * Returns: (transfer none) (nullable): owned by the model.  For a few rows: summaries
 * use _tally, selections _get_id and _get_who. */
const ThiduaRegistration *thidua_register_model_peek (ThiduaRegisterModel *self, guint position);
/* Without reading anything: 0 past the end. */
gint64      thidua_register_model_get_id      (ThiduaRegisterModel *self, guint position);
gboolean    thidua_register_model_get_who     (ThiduaRegisterModel *self, guint position,
                                               gint64 *person_id, gint64 *unit_id);

/* Counts over the filtered rows, withdrawn ones left out: per catalog
 * position (titles gets n_titles ThiduaRegTally), per unit (units gets
 * ThiduaRegUnitTally, first seen first), and the people among them. */
typedef struct {
  guint registered;
  guint achieved;
  guint people;       /* people's rows not "not achieved" (bases of targets) */
} ThiduaRegTally;
typedef struct {
  gint64      unit_id;
  const char *name;   /* valid until the model reads the year again */
  guint       registered;
  guint       achieved;
} ThiduaRegUnitTally;
void        thidua_register_model_tally       (ThiduaRegisterModel *self, GArray *titles,
                                               GArray *units, guint *n_people);

/* The position of a registration among the filtered rows, or -1. */
int         thidua_register_model_find        (ThiduaRegisterModel *self, gint64 registration_id);
/* Re-reads registrations after an edit, delete or undo and updates their
 * rows: one query per 64 rows; rows that stay shown are updated in place
 * (::items-updated per run of neighbouring rows), rows that come or go
 * are one items-changed per run.  Rows keep their place in the sort until
 * the year is read again.  A registration the year did not hold (added,
 * restored) reads the year again. */
gboolean    thidua_register_model_refresh_rows (ThiduaRegisterModel *self, const gint64 *ids,
                                                guint n_ids, GError **error);
gboolean    thidua_register_model_refresh_row (ThiduaRegisterModel *self, gint64 registration_id,
                                               GError **error);

G_END_DECLS
