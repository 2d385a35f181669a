/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-plan-item.h — one row of the plans list (a stored plan's summary). */
#pragma once

#include <glib-object.h>
#include "thidua-store.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_PLAN_ITEM (thidua_plan_item_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaPlanItem, thidua_plan_item, THIDUA, PLAN_ITEM, GObject)

/* separator joins number and symbol as the plan's profile prints them.
 * @summary: (transfer none): its texts are copied.
 * @separator: (nullable): NULL means "/". */
ThiduaPlanItem *thidua_plan_item_new          (const ThiduaPlanSummary *summary,
                                               const char              *separator);
gint64          thidua_plan_item_get_id       (ThiduaPlanItem *self);
const char     *thidua_plan_item_get_title    (ThiduaPlanItem *self);
const char     *thidua_plan_item_get_subtitle (ThiduaPlanItem *self);
const char     *thidua_plan_item_get_profile  (ThiduaPlanItem *self);
/* The sign-off state as its badge shows it ("Draft", "Issued", …). */
const char     *thidua_plan_item_get_status   (ThiduaPlanItem *self);
/* Refreshes the shown texts from a newer summary of the same plan.
 * @summary: (transfer none)  @separator: (nullable): as for _new. */
void            thidua_plan_item_update       (ThiduaPlanItem *self,
                                               const ThiduaPlanSummary *summary,
                                               const char              *separator);

/* <0 when a is listed before b, as thidua_store_list_plans() orders them
 * (newest date first, then the higher id). */
int             thidua_plan_item_compare      (ThiduaPlanItem *a,
                                               ThiduaPlanItem *b);

/* "08/02/2024", "…/09/2021" (blank parts as dots), "" when no year. */
char           *thidua_format_plan_date       (guint day, guint month, guint year);

G_END_DECLS
