/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-symbol.h — the symbol (ký hiệu) a plan's header suggests. */
#pragma once

#include "thidua-plan.h"

G_BEGIN_DECLS

/* "KH-SYT" (state, union) or "KH/TCT" (party) from the type name and the
 * issuing body; "" when there is nothing to suggest.
 * @type_name, @issuing_body: (nullable): NULL counts as "".
 * Returns: (transfer full): never NULL. */
char *thidua_suggest_symbol (const char        *type_name,
                             const char        *issuing_body,
                             ThiduaProfileKind  profile);

G_END_DECLS
