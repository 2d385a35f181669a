/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-xls.h — legacy Excel 97–2003 (.xls, BIFF) workbooks, read with
 * libfreexl.  The first worksheet, as text cells. */
#pragma once

#include "thidua-register-table.h"

G_BEGIN_DECLS

/* Returns: (transfer full): thidua_table_free() it. */
ThiduaTable *thidua_xls_read (const char *path, GError **error);
/* The same from bytes already read; DISPLAY names the file in messages. */
ThiduaTable *thidua_xls_read_data (const char *display, const guint8 *data, gsize len,
                                   GError **error);

G_END_DECLS
