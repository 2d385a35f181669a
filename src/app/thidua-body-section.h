/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-body-section.h — the body: formatting buttons, the outline (clicked to jump)
 * and the body view; "cursor-moved" gives the cursor's byte offset. */
#pragma once

#include "thidua-plan-section.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_BODY_SECTION (thidua_body_section_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaBodySection, thidua_body_section, THIDUA, BODY_SECTION, ThiduaPlanSection)

GtkWidget *thidua_body_section_new (void);
GtkTextView *thidua_body_section_get_view (ThiduaBodySection *self);
void       thidua_body_section_goto_line (ThiduaBodySection *self,
                                          int                line);

G_END_DECLS
