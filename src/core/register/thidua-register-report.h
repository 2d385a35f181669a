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

/* The layout of the printed tables (data/register/forms.json): what each
 * column holds, its heading, width and alignment, the titles and the
 * signatures; dated, so that a year prints with the form then in force. */
typedef enum {
  THIDUA_REG_FIELD_NUMBER,
  THIDUA_REG_FIELD_NAME,
  THIDUA_REG_FIELD_POSITION,
  THIDUA_REG_FIELD_UNIT,
  THIDUA_REG_FIELD_POSITION_UNIT,  /* "Giảng viên, Khoa A" */
  THIDUA_REG_FIELD_TITLES,
  THIDUA_REG_FIELD_REWARDS,
  THIDUA_REG_FIELD_NOTES,
  THIDUA_REG_FIELD_TITLE,          /* totals: the title's name */
  THIDUA_REG_FIELD_PEOPLE,         /* totals */
  THIDUA_REG_FIELD_UNITS,          /* totals */
} ThiduaRegField;

typedef enum {
  THIDUA_REG_ALIGN_LEFT,
  THIDUA_REG_ALIGN_CENTER,
  THIDUA_REG_ALIGN_RIGHT,
} ThiduaRegAlign;

typedef struct {
  ThiduaRegField  field;
  char           *heading;
  double          weight;
  ThiduaRegAlign  align;
} ThiduaRegColumn;

typedef struct {
  char    *id;
  char    *basis;                /* the legal basis or "thông lệ …" */
  char    *verification;         /* official / secondary / practice */
  GDate    from, to;             /* invalid: open */
  char    *summary_title;        /* "BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA" (the year follows) */
  GArray  *summary_columns;      /* ThiduaRegColumn */
  char    *totals_heading;
  GArray  *totals_columns;
  char   **summary_signatures;   /* 1 or 2 titles */
  char    *unit_title;           /* "BẢN ĐĂNG KÝ THI ĐUA" */
  char    *people_heading;
  GArray  *people_columns;
  char    *units_heading;
  GArray  *unit_columns;
  char   **unit_signatures;
} ThiduaRegForm;

void thidua_reg_form_free (ThiduaRegForm *form);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaRegForm, thidua_reg_form_free)

/* Reads the forms of path (validated: fields known, weights positive,
 * 1–2 signatures, periods in order); the error names the file, the form
 * and the key.  Returns a GPtrArray of ThiduaRegForm. */
GPtrArray *thidua_reg_forms_load (const char *path, GError **error);
/* The form in force on date: the office's
 * (<user config dir>/thidua/register-forms.json) first, then the built-in
 * data/register/forms.json.  NULL with an error when none covers it. */
ThiduaRegForm *thidua_reg_form_for_date (const GDate *date, GError **error);

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
  ThiduaRegForm *form;           /* the layout in force for the year */
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
