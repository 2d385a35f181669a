/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-issue-check.h — the completeness check that issuing runs: the
 * layout's checks that are errors for a signed document, read from the
 * plan and its profile without composing a page (no Pango, no fonts), so
 * that `thidua-cli issue` loads neither. */
#pragma once

#include "thidua-plan.h"

G_BEGIN_DECLS

/* The reasons an issue is refused, each a translated sentence: no issuing
 * body, no subject, no signer position or name, no "Lưu" line (state,
 * union), no date.  Empty when the plan may be issued.
 * Returns: (transfer full) (element-type utf8): frees its strings. */
GPtrArray *thidua_issue_blockers       (ThiduaPlan *plan);
/* A ThiduaIssueCheckFunc: fails with THIDUA_LIFECYCLE_ERROR_INCOMPLETE
 * naming every blocker.
 * @data: (nullable): unused. */
gboolean   thidua_issue_check_plan     (ThiduaPlan *plan, gpointer data, GError **error);

G_END_DECLS
