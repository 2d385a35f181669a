/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-number-section.h — the number and symbol (with the suggested symbol), the place
 * and the date of the plan. */
#pragma once

#include "thidua-plan-section.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_NUMBER_SECTION (thidua_number_section_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaNumberSection, thidua_number_section, THIDUA, NUMBER_SECTION, ThiduaPlanSection)

GtkWidget *thidua_number_section_new (void);
/* The type or the issuing body changed: the suggestion follows. */
void       thidua_number_section_update_suggestion (ThiduaNumberSection *self);

G_END_DECLS
