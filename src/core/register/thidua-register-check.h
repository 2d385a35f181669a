/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-check.h — what `register check` finds in a year: rules of
 * the catalog not met (prerequisites, quotas with their numbers, collective
 * conditions), plan targets not reached, people in units that no longer
 * exist, duplicate people.  Each finding names its rule and the rule's
 * source, since the rules are not verified law. */
#pragma once

#include "thidua-register.h"

G_BEGIN_DECLS

typedef struct {
  char           *rule_id;         /* "cstdcs-quota" */
  ThiduaRuleKind  kind;
  char           *source;          /* the rule's source text */
  char           *message;         /* one sentence naming who, what and the numbers */
  char           *title;           /* catalog id the finding is about, or "" */
  gint64          registration_id; /* the row to jump to, 0 for year-wide findings */
  gint64          person_id;       /* 0 when not about a person */
  gint64          unit_id;         /* 0 when not about a unit */
  /* numbers of quota, collective and target findings (0 otherwise) */
  guint           count;           /* how many there are */
  guint           limit;           /* how many are allowed / needed */
  guint           base;            /* out of how many */
} ThiduaFinding;
void thidua_finding_free (ThiduaFinding *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaFinding, thidua_finding_free)

/* Checks a year with the enabled rules of the register's catalog.  plan_id
 * chooses the plan whose targets apply; 0 uses the year's plan and the
 * plans its registrations name.  Returns ThiduaFinding, in rule order.
 * @year: (nullable): what is not a year fails.
 * Returns: (transfer full) (element-type ThiduaFinding): frees its
 *   elements. */
GPtrArray *thidua_register_check (ThiduaRegister *self, const char *year,
                                  gint64 plan_id, GError **error);

G_END_DECLS
