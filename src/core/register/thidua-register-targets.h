/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-targets.h — structured targets (chỉ tiêu) of a plan: a
 * title or rating, at least and/or at most, a percentage or a count, of
 * whom.  Kept in the register's table plan_targets; the drafting form edits
 * them and inserts them into the body as the usual sentences, and
 * `register check` compares a year with them. */
#pragma once

#include "thidua-register.h"

G_BEGIN_DECLS

typedef enum {
  THIDUA_TARGET_PERCENT,
  THIDUA_TARGET_COUNT,
} ThiduaTargetMeasure;

typedef struct {
  char                *title;      /* catalog id */
  double               min_value;  /* < 0: no lower bound */
  double               max_value;  /* < 0: no upper bound */
  ThiduaTargetMeasure  measure;
  char                *base;       /* "staff", "units", or a catalog id ("ldtt") */
} ThiduaPlanTarget;

/* @title: (nullable): copied; NULL is "".
 * @base: (nullable): copied; NULL is "staff".
 * Returns: (transfer full): thidua_plan_target_free() it. */
ThiduaPlanTarget *thidua_plan_target_new  (const char *title, double min_value, double max_value,
                                           ThiduaTargetMeasure measure, const char *base);
void              thidua_plan_target_free (ThiduaPlanTarget *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaPlanTarget, thidua_plan_target_free)

/* Checks a target against the catalog: known title and base, at least one
 * bound, percentages within 0–100, min ≤ max.
 * @catalog: (transfer none) */
gboolean   thidua_plan_target_validate (const ThiduaPlanTarget *t, ThiduaCatalog *catalog,
                                        GError **error);
/* The sentence as plans write it, e.g.
 * "Có từ 10 - 15% cá nhân đạt danh hiệu “Chiến sĩ thi đua cơ sở” trong tổng
 * số cá nhân đạt danh hiệu “Lao động tiên tiến”;"
 * Returns: (transfer full): "" when the title is not in the catalog. */
char      *thidua_plan_target_to_sentence (const ThiduaPlanTarget *t, ThiduaCatalog *catalog);

/* The plan's targets in order (ThiduaPlanTarget).
 * Returns: (transfer full) (element-type ThiduaPlanTarget): frees its
 *   elements. */
GPtrArray *thidua_register_get_targets (ThiduaRegister *self, gint64 plan_id, GError **error);
/* Replaces the plan's targets (ThiduaPlanTarget) in one transaction.
 * @targets: (transfer none) (element-type ThiduaPlanTarget): not kept;
 *   all are validated first. */
gboolean   thidua_register_set_targets (ThiduaRegister *self, gint64 plan_id,
                                        GPtrArray *targets, GError **error);

G_END_DECLS
