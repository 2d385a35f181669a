/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-stamp.h — what sign-off adds to a printed plan, drawn by the one
 * renderer (thidua_layout_draw_page()):
 *  - on every page of a plan that is not issued, "DỰ THẢO" or "DỰ THẢO LẦN
 *    n" in a rectangle at the top (Nghị định 30, Phụ lục I, ô số 12);
 *  - on every page of an issued plan, its code in small type in the bottom
 *    margin, and on page 1 a QR code (vector rectangles) of the code, the
 *    number and symbol and the date.
 * Position and style come from the profile ("draft_mark", "proof").
 * Forms (the register's tables) carry neither.
 *
 * The completeness check that issuing runs is in thidua-issue-check.h. */
#pragma once

#include "thidua-layout.h"
#include "thidua-lifecycle.h"
#include "thidua-issue-check.h"

G_BEGIN_DECLS

/* Tells the layout the plan's sign-off state (round of the draft, code).
 * Without it a plan that is not issued still prints "DỰ THẢO".
 * @plan: (transfer none)  @info: (transfer none): not NULL; what is
 *   needed is copied. */
void       thidua_layout_set_lifecycle (ThiduaLayout              *layout,
                                        ThiduaPlan                *plan,
                                        const ThiduaLifecycleInfo *info);
/* The text of the draft marking now on the pages, NULL when none.
 * Returns: (transfer full) (nullable) */
char      *thidua_layout_dup_draft_mark (ThiduaLayout *layout);
/* What the QR code on page 1 encodes, NULL when none.
 * Returns: (transfer full) (nullable) */
char      *thidua_layout_dup_qr_text   (ThiduaLayout *layout);

/* Hooks of thidua-layout.c. */
void       thidua_stamp_note_plan      (ThiduaLayout *layout, ThiduaPlan *plan);
void       thidua_stamp_note_form      (ThiduaLayout *layout);
void       thidua_stamp_draw           (ThiduaLayout *layout, cairo_t *cr, guint page);

G_END_DECLS
