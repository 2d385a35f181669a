/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-signer-section.h — the signature: authority (per profile), signed for,
 * position and name. */
#pragma once

#include "thidua-plan-section.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_SIGNER_SECTION (thidua_signer_section_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaSignerSection, thidua_signer_section, THIDUA, SIGNER_SECTION, ThiduaPlanSection)

GtkWidget *thidua_signer_section_new (void);

G_END_DECLS
