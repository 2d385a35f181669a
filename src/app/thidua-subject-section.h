/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-subject-section.h — the type name and the subject of the plan; Tab from the
 * subject goes to the body (editor.focus-body). */
#pragma once

#include "thidua-plan-section.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_SUBJECT_SECTION (thidua_subject_section_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaSubjectSection, thidua_subject_section, THIDUA, SUBJECT_SECTION, ThiduaPlanSection)

GtkWidget *thidua_subject_section_new (void);

G_END_DECLS
