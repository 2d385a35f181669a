/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-export.h — a year of the register as a table (one row a
 * registration, the same headers the import reads, so an export imports
 * back unchanged), written as CSV or XLSX. */
#pragma once

#include "thidua-register.h"
#include "thidua-register-table.h"

G_BEGIN_DECLS

/* Returns: (transfer full): thidua_table_free() it. */
ThiduaTable *thidua_register_export_table (ThiduaRegister *reg, const char *year, GError **error);
/* The format follows the file name: .csv or .xlsx. */
gboolean     thidua_register_export       (ThiduaRegister *reg, const char *year,
                                           const char *path, GError **error);

G_END_DECLS
