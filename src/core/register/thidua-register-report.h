/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-report.h — what the register's printed tables hold,
 * finished by core in one call: the lines (a person's or unit's
 * registrations merged), the unit headings, the totals per title, the
 * year's plan and the office.  The renderer only lays them out. */
#pragma once

#include "thidua-register.h"
#include "thidua-plan.h"

G_BEGIN_DECLS

typedef enum {
  THIDUA_REG_LINE_GROUP,        /* a unit's name across the table */
  THIDUA_REG_LINE_PERSON,
  THIDUA_REG_LINE_COLLECTIVE,
} ThiduaRegLineKind;

typedef struct {
  ThiduaRegLineKind  kind;
  char              *name;       /* "Bà Nguyễn Thị Hà", "Tập thể Khoa …", or the group's unit */
  char              *position;
  char              *unit;
  char              *titles;     /* emulation titles, one per line */
  char              *rewards;    /* forms of reward, one per line */
  char              *notes;
} ThiduaRegLine;

typedef struct {
  const char *title;             /* the catalog's name */
  guint       people;
  guint       units;
} ThiduaRegTotal;

typedef struct {
  char          *year;           /* "2024", "2023-2024" */
  gboolean       school;         /* a school year */
  char          *unit;           /* the unit as registered; NULL for the year's summary */
  guint          n_registrations;/* printed (withdrawn ones are not) */
  GArray        *lines;          /* ThiduaRegLine; the summary with GROUP lines; a unit's form
                                  * its people, then its own registrations */
  GArray        *totals;         /* ThiduaRegTotal, catalog order, titles registered only */
  ThiduaPlan    *year_plan;      /* NULL when the year has none */
  ThiduaOffice  *office;         /* fields "" when not set */
} ThiduaRegReport;

void thidua_reg_report_free (ThiduaRegReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaRegReport, thidua_reg_report_free)

/* unit NULL: the year's summary; a unit's name (folded match): that
 * unit and the units inside it.
 * @year: (nullable): what is not a year fails.
 * @unit: (nullable)
 * Returns: (transfer full): thidua_reg_report_free() frees everything it
 *   holds (lines has its clear function set) EXCEPT the totals' title
 *   strings, which are borrowed from reg's catalog: (transfer none), valid
 *   while that catalog lives. */
ThiduaRegReport *thidua_register_report (ThiduaRegister *reg, const char *year,
                                         const char *unit, GError **error);

G_END_DECLS
