/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-recipients-section.h — the recipients (Nơi nhận), one line each, with the "Lưu"
 * line kept last; actions recipients.add, .add-luu, .remove, .up, .down. */
#pragma once

#include "thidua-plan-section.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_RECIPIENTS_SECTION (thidua_recipients_section_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaRecipientsSection, thidua_recipients_section, THIDUA, RECIPIENTS_SECTION, ThiduaPlanSection)

GtkWidget *thidua_recipients_section_new (void);
/* The renderer's word on the recipients ("" clears it). */
void       thidua_recipients_section_set_message (ThiduaRecipientsSection *self,
                                                  const char              *message);

G_END_DECLS
