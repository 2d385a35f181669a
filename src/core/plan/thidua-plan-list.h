/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-plan-list.h — the stored plans as a GListModel of ThiduaPlanItem,
 * kept by core.
 *
 * (element-type ThiduaPlanItem): g_list_model_get_item() gives a new
 * reference, as GListModel does.
 *
 * Views show it and listen to items-changed; nobody reloads it by hand.
 * It follows the store: writes through this process's store are heard
 * through the store's "plan-changed" signal, which names the plan updated
 * (an autosave, a sign-off step): that one row is read and its item
 * updated in place (notify on the item; items-changed only when its date
 * moved it, or it entered or left the searched list, the same item object
 * kept).  Plans added or removed make one whole read.  Writes by another
 * process (thidua-cli, a second app) show through PRAGMA data_version,
 * which the app checks on focus and on a short timer
 * (thidua_plan_list_poll), and are read whole.  A refresh that finds the
 * same plans in the same order updates the rows in place (no
 * items-changed), so a list view keeps its selection and scroll. */
#pragma once

#include <gio/gio.h>
#include "thidua-store.h"
#include "thidua-plan-item.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_PLAN_LIST (thidua_plan_list_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaPlanList, thidua_plan_list, THIDUA, PLAN_LIST, GObject)

/* How a profile joins number and symbol ("/" or "-"); NULL: "/".
 * Returns: (transfer none) (nullable): copied at once by the list, so a
 *   static string will do. */
typedef const char *(*ThiduaPlanSeparatorFunc) (const char *profile, gpointer data);

/* @store: (transfer none): the list keeps a reference. */
ThiduaPlanList *thidua_plan_list_new            (ThiduaStore    *store);
/* @func: (scope forever) (nullable): kept until replaced or the list is
 *   finalized; there is no destroy notify, so data must outlive the list.
 *   Rows read after this call use it. */
void            thidua_plan_list_set_separator_func (ThiduaPlanList         *self,
                                                     ThiduaPlanSeparatorFunc func,
                                                     gpointer                data);
/* Shows only the plans matching search (folded, every word); NULL: all.
 * @search: (nullable): copied; "" counts as NULL.
 * thidua_plan_list_get_search: Returns: (transfer none) (nullable): NULL
 *   when all are shown. */
void            thidua_plan_list_set_search     (ThiduaPlanList *self,
                                                 const char     *search);
const char     *thidua_plan_list_get_search     (ThiduaPlanList *self);
/* Reads the plans again; FALSE (and error) when the store cannot. */
gboolean        thidua_plan_list_refresh        (ThiduaPlanList *self,
                                                 GError        **error);
/* Refreshes when another connection wrote since the last look; TRUE when
 * it did. */
gboolean        thidua_plan_list_poll           (ThiduaPlanList *self);
/* The position of plan `id`, or G_MAXUINT. */
guint           thidua_plan_list_find           (ThiduaPlanList *self,
                                                 gint64          id);

G_END_DECLS
