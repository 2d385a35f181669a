/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-outgoing.h — the outgoing register (sổ đăng ký văn bản đi) of a
 * year, printed as the table of Nghị định 30, Phụ lục IV, A4 landscape,
 * by the plan renderer (a form whose body is one table block). */
#pragma once

#include "thidua-layout.h"
#include "thidua-lifecycle.h"

G_BEGIN_DECLS

/* Composes the register of `year` from thidua_lifecycle_numbers(); *plan_out
 * (may be NULL) receives the header plan (title, PDF metadata).
 * @plan_out: (out) (optional) (transfer full): set only on success.
 * Returns: (transfer full) */
ThiduaLayout *thidua_outgoing_layout_new (ThiduaStore *store, guint year,
                                          ThiduaPlan **plan_out, GError **error);
gboolean      thidua_outgoing_write_pdf  (ThiduaStore *store, guint year,
                                          const char *path, GError **error);

G_END_DECLS
