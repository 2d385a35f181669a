/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-header-section.h — the top of the plan form: the format (profile), the superior and
 * issuing bodies, with the profile's examples as placeholders. */
#pragma once

#include "thidua-plan-section.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_HEADER_SECTION (thidua_header_section_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaHeaderSection, thidua_header_section, THIDUA, HEADER_SECTION, ThiduaPlanSection)

GtkWidget *thidua_header_section_new (void);
/* Issuing bodies used before, for completion. */
void       thidua_header_section_set_known_bodies (ThiduaHeaderSection *self,
                                                   const char * const  *bodies);

G_END_DECLS
