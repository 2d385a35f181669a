/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-rollup.h — the superior office's year across the offices that
 * sent their registers (thidua-exchange.h): per office, per title, with
 * totals, composed by the plan renderer as a landscape form. */
#pragma once

#include "thidua-layout.h"
#include "thidua-register.h"

G_BEGIN_DECLS

/* The composed pages; *header receives the plan printed at the top.
 * @header: (out) (optional) (transfer full): set only on success.
 * Returns: (transfer full) */
ThiduaLayout *thidua_rollup_new_layout (ThiduaRegister *reg, const char *year,
                                        ThiduaPlan **header, GError **error);
gboolean      thidua_rollup_write_pdf  (ThiduaRegister *reg, const char *year,
                                        const char *path, GError **error);

G_END_DECLS
