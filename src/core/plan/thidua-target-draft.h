/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-target-draft.h — a target (chỉ tiêu) as the user typed it.
 *
 * The numbers stay text so that a row in error keeps exactly what was
 * written; thidua_target_draft_to_target() checks it, one message per
 * rule, and gives the ThiduaPlanTarget the register stores. */
#pragma once

#include "thidua-register-targets.h"

G_BEGIN_DECLS

typedef enum {
  THIDUA_TARGET_BOUND_AT_LEAST,   /* Có từ 90% trở lên */
  THIDUA_TARGET_BOUND_AT_MOST,    /* Không quá 15% */
  THIDUA_TARGET_BOUND_RANGE,      /* Có từ 10 - 15% (or exactly: Có 100%) */
} ThiduaTargetBound;

typedef struct {
  char                *title;      /* catalog id */
  ThiduaTargetBound    bound;
  char                *min_text;
  char                *max_text;
  ThiduaTargetMeasure  measure;
  char                *base;       /* "staff", "units" or a catalog id */
} ThiduaTargetDraft;

/* A new row: the title given (may be ""), at least …% of all staff.
 * @title: (nullable): copied; NULL counts as "".
 * The constructors and _copy copy every string: free the result with
 * thidua_target_draft_free(). */
ThiduaTargetDraft *thidua_target_draft_new         (const char *title);
ThiduaTargetDraft *thidua_target_draft_new_from_target (const ThiduaPlanTarget *target);
ThiduaTargetDraft *thidua_target_draft_copy        (const ThiduaTargetDraft *draft);
void               thidua_target_draft_free        (ThiduaTargetDraft *draft);
gboolean           thidua_target_draft_equal       (const ThiduaTargetDraft *a,
                                                    const ThiduaTargetDraft *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaTargetDraft, thidua_target_draft_free)

/* The target the draft stands for, or NULL and *message (translated)
 * saying which rule it breaks.  catalog may be NULL (then nothing is
 * valid).
 * @catalog: (nullable) (transfer none)
 * @message: (out) (transfer full): set to NULL on entry; on failure a
 *   new string, which the caller frees.  Not optional.
 * Returns: (transfer full) (nullable): thidua_plan_target_free() it. */
ThiduaPlanTarget  *thidua_target_draft_to_target   (const ThiduaTargetDraft *draft,
                                                    ThiduaCatalog           *catalog,
                                                    char                   **message);

/* "12" or "12,5" (the decimal comma the sentences use); "" when < 0. */
char              *thidua_target_format_number     (double value);

G_END_DECLS
