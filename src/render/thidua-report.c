/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-report.c — the register's printed tables as forms of the plan
 * renderer: a ThiduaPlan made for the occasion carries the header, title
 * and place, and a body built by code carries the tables (one block each),
 * so pagination, the repeated header row, fonts and the profile's rules
 * are the plans' own. */
#include "config.h"
#include "thidua-report.h"

#include <string.h>

#include "thidua-catalog.h"
#include "thidua-markup.h"
#include "thidua-plan.h"
#include "thidua-profile.h"
#include "thidua-register-report.h"
#include "thidua-render.h"
#include "thidua-store.h"

struct _ThiduaReport
{
  GObject       parent_instance;

  ThiduaPlan   *plan;
  ThiduaLayout *layout;
  guint         n_registrations;
};

G_DEFINE_FINAL_TYPE (ThiduaReport, thidua_report, G_TYPE_OBJECT)

static void
thidua_report_dispose (GObject *object)
{
  ThiduaReport *self = THIDUA_REPORT (object);

  g_clear_object (&self->plan);
  g_clear_object (&self->layout);
  G_OBJECT_CLASS (thidua_report_parent_class)->dispose (object);
}

static void
thidua_report_class_init (ThiduaReportClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = thidua_report_dispose;
}

static void
thidua_report_init (ThiduaReport *self)
{
}

typedef struct {
  const char           *header;
  double                weight;
  ThiduaBodyTableAlign  align;
} Column;

static ThiduaBodyTable *
table_new (const Column *cols, guint n)
{
  ThiduaBodyTable *table = thidua_body_table_new ();

  for (guint c = 0; c < n; c++)
    thidua_body_table_add_column (table, cols[c].header, cols[c].weight, cols[c].align);
  return table;
}

/* Totals per title: a heading, then a table with a row per title
 * registered and the sums ("Cộng", kept with the row before it). */
static void
add_totals (ThiduaBody *body, const ThiduaRegReport *data)
{
  static const Column cols[] = {
    { "STT", 1, THIDUA_BODY_TABLE_ALIGN_CENTER },
    { "Danh hiệu thi đua, hình thức khen thưởng", 10, THIDUA_BODY_TABLE_ALIGN_LEFT },
    { "Cá nhân", 3, THIDUA_BODY_TABLE_ALIGN_CENTER },
    { "Tập thể", 3, THIDUA_BODY_TABLE_ALIGN_CENTER },
  };
  g_autoptr(ThiduaBodyTable) table = table_new (cols, G_N_ELEMENTS (cols));
  g_autofree char *all_people = NULL, *all_units = NULL;
  guint sum_people = 0, sum_units = 0;
  const char *total[4] = { "", "Cộng", NULL, NULL };

  for (guint i = 0; i < data->totals->len; i++)
    {
      const ThiduaRegTotal *t = &g_array_index (data->totals, ThiduaRegTotal, i);
      g_autofree char *num = g_strdup_printf ("%u", i + 1);
      g_autofree char *a = g_strdup_printf ("%u", t->people);
      g_autofree char *b = g_strdup_printf ("%u", t->units);
      const char *cells[4] = { num, t->title, a, b };

      thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_BODY, cells);
      sum_people += t->people;
      sum_units += t->units;
    }
  all_people = g_strdup_printf ("%u", sum_people);
  all_units = g_strdup_printf ("%u", sum_units);
  total[2] = all_people;
  total[3] = all_units;
  thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_TOTAL, total);

  thidua_body_append_text (body, THIDUA_BLOCK_PARAGRAPH, 0, "",
                           "TỔNG HỢP THEO DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG", TRUE);
  thidua_body_append_table (body, table);
}

static void
compose_summary (const ThiduaRegReport *data, ThiduaBody *body)
{
  static const Column cols[] = {
    { "STT", 5, THIDUA_BODY_TABLE_ALIGN_CENTER },
    { "Họ và tên", 19, THIDUA_BODY_TABLE_ALIGN_LEFT },
    { "Chức vụ", 12, THIDUA_BODY_TABLE_ALIGN_LEFT },
    { "Đơn vị", 16, THIDUA_BODY_TABLE_ALIGN_LEFT },
    { "Danh hiệu thi đua", 18, THIDUA_BODY_TABLE_ALIGN_LEFT },
    { "Hình thức khen thưởng", 18, THIDUA_BODY_TABLE_ALIGN_LEFT },
    { "Ghi chú", 12, THIDUA_BODY_TABLE_ALIGN_LEFT },
  };
  g_autoptr(ThiduaBodyTable) table = table_new (cols, G_N_ELEMENTS (cols));
  guint stt = 0;

  /* A unit's name in a row across the table, then its people. */
  for (guint i = 0; i < data->lines->len; i++)
    {
      const ThiduaRegLine *l = &g_array_index (data->lines, ThiduaRegLine, i);
      g_autofree char *n = NULL;

      if (l->kind == THIDUA_REG_LINE_GROUP)
        {
          /* NULL-ended: add_row reads cells until the first NULL */
          const char *group[2] = { l->name, NULL };
          thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_GROUP, group);
          continue;
        }
      n = g_strdup_printf ("%u", ++stt);
      {
        const char *cells[7] = { n, l->name, l->position, l->unit, l->titles, l->rewards, l->notes };
        thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_BODY, cells);
      }
    }
  thidua_body_append_table (body, table);
  add_totals (body, data);
}

static void
compose_unit (const ThiduaRegReport *data, ThiduaBody *body)
{
  static const Column person_cols[] = {
    { "STT", 7, THIDUA_BODY_TABLE_ALIGN_CENTER },
    { "Họ và tên", 22, THIDUA_BODY_TABLE_ALIGN_LEFT },
    { "Chức vụ, đơn vị", 20, THIDUA_BODY_TABLE_ALIGN_LEFT },
    { "Đăng ký danh hiệu thi đua", 19, THIDUA_BODY_TABLE_ALIGN_LEFT },
    { "Đăng ký hình thức khen thưởng", 19, THIDUA_BODY_TABLE_ALIGN_LEFT },
    { "Ghi chú", 13, THIDUA_BODY_TABLE_ALIGN_LEFT },
  };
  static const Column unit_cols[] = {
    { "STT", 7, THIDUA_BODY_TABLE_ALIGN_CENTER },
    { "Tên tập thể", 42, THIDUA_BODY_TABLE_ALIGN_LEFT },
    { "Đăng ký danh hiệu thi đua", 19, THIDUA_BODY_TABLE_ALIGN_LEFT },
    { "Đăng ký hình thức khen thưởng", 19, THIDUA_BODY_TABLE_ALIGN_LEFT },
    { "Ghi chú", 13, THIDUA_BODY_TABLE_ALIGN_LEFT },
  };
  g_autoptr(ThiduaBodyTable) person_table = table_new (person_cols, G_N_ELEMENTS (person_cols));
  g_autoptr(ThiduaBodyTable) unit_table = table_new (unit_cols, G_N_ELEMENTS (unit_cols));
  guint n_people = 0, n_units = 0;

  for (guint i = 0; i < data->lines->len; i++)
    {
      const ThiduaRegLine *l = &g_array_index (data->lines, ThiduaRegLine, i);

      if (l->kind == THIDUA_REG_LINE_PERSON)
        {
          g_autofree char *n = g_strdup_printf ("%u", ++n_people);
          g_autofree char *where = *l->position ? g_strdup_printf ("%s, %s", l->position, l->unit)
                                                : g_strdup (l->unit);
          const char *cells[] = { n, l->name, where, l->titles, l->rewards, l->notes };
          thidua_body_table_add_row (person_table, THIDUA_BODY_TABLE_ROW_BODY, cells);
        }
      else if (l->kind == THIDUA_REG_LINE_COLLECTIVE)
        {
          g_autofree char *n = g_strdup_printf ("%u", ++n_units);
          const char *cells[] = { n, l->name, l->titles, l->rewards, l->notes };
          thidua_body_table_add_row (unit_table, THIDUA_BODY_TABLE_ROW_BODY, cells);
        }
    }
  if (n_people == 0)
    {
      const char *cells[] = { "", "(không có cá nhân đăng ký)", NULL };
      thidua_body_table_add_row (person_table, THIDUA_BODY_TABLE_ROW_BODY, cells);
    }
  if (n_units == 0)
    {
      const char *cells[] = { "", "(không đăng ký)", NULL };
      thidua_body_table_add_row (unit_table, THIDUA_BODY_TABLE_ROW_BODY, cells);
    }

  thidua_body_append_text (body, THIDUA_BLOCK_HEADING, 1, "I.", "Cá nhân", FALSE);
  thidua_body_append_table (body, person_table);
  thidua_body_append_text (body, THIDUA_BLOCK_HEADING, 1, "II.", "Tập thể", FALSE);
  thidua_body_append_table (body, unit_table);
}

static char *
upper_or_null (const char *s)
{
  return s != NULL && *s ? g_utf8_strup (s, -1) : NULL;
}

/* The plan printed at the top: the year's plan gives the profile and the
 * place; the office (issue 11) names who issues the summary, top left,
 * and its superior; the date is left for the clerk. */
static ThiduaPlan *
header_plan (const ThiduaRegReport *data, const char *title, const char *subject)
{
  ThiduaPlan *plan = thidua_plan_new ();
  ThiduaPlan *year_plan = data->year_plan;
  const ThiduaOffice *office = data->office;
  g_autofree char *issuing = NULL;
  g_autofree char *superior = NULL;
  g_autofree char *office_name = upper_or_null (office->name);

  if (year_plan != NULL)
    {
      thidua_plan_set_profile (plan, thidua_plan_get_profile (year_plan));
      thidua_plan_set_place (plan, thidua_plan_get_place (year_plan));
    }
  if (data->unit != NULL)
    {
      /* A unit's form comes from the unit, under the office. */
      superior = office_name ? g_strdup (office_name)
                             : year_plan ? upper_or_null (thidua_plan_get_issuing_body (year_plan)) : NULL;
      issuing = g_utf8_strup (data->unit, -1);
    }
  else if (office_name != NULL)
    {
      issuing = g_strdup (office_name);
      superior = upper_or_null (office->parent);
      if (superior == NULL && year_plan != NULL)
        superior = upper_or_null (thidua_plan_get_superior_body (year_plan));
    }
  else if (year_plan != NULL)
    {
      superior = upper_or_null (thidua_plan_get_superior_body (year_plan));
      issuing = upper_or_null (thidua_plan_get_issuing_body (year_plan));
    }
  thidua_plan_set_superior_body (plan, superior ? superior : "");
  thidua_plan_set_issuing_body (plan, issuing ? issuing : "");
  thidua_plan_set_type_name (plan, title);
  thidua_plan_set_subject (plan, subject);
  return plan;
}

ThiduaReport *
thidua_report_new_register (ThiduaRegister *reg, const char *year, const char *unit, GError **error)
{
  g_autoptr(ThiduaReport) self = g_object_new (THIDUA_TYPE_REPORT, NULL);
  g_autoptr(ThiduaRegReport) data = NULL;
  g_autoptr(ThiduaProfile) profile = NULL;
  g_autoptr(ThiduaBody) body = thidua_body_new ();
  g_autofree char *title = NULL;
  ThiduaLayoutForm form = { 0 };

  g_return_val_if_fail (THIDUA_IS_REGISTER (reg), NULL);
  /* one call: core hands over the finished rows, totals, plan and office */
  if ((data = thidua_register_report (reg, year, unit, error)) == NULL)
    return NULL;
  self->n_registrations = data->n_registrations;
  profile = data->year_plan ? thidua_profile_load_for_kind (thidua_plan_get_profile (data->year_plan), error)
                            : thidua_profile_load ("state", error);
  if (profile == NULL)
    return NULL;

  /* "năm học 2023-2024" for a school year. */
  title = g_strdup_printf (unit == NULL ? "BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA %s %s"
                                        : "BẢN ĐĂNG KÝ THI ĐUA %s %s",
                           data->school ? "NĂM HỌC" : "NĂM", data->year);
  if (unit == NULL)
    {
      compose_summary (data, body);
      self->plan = header_plan (data, title, "");
      form.landscape = TRUE;
      form.n_signatures = 2;
      form.signatures[0].title = "Người lập biểu";
      form.signatures[1].title = "Thủ trưởng đơn vị";
      /* The head of the office signs the summary: the office's signer,
       * else the plan's. */
      form.signatures[1].name = *data->office->signer ? data->office->signer
                                : data->year_plan ? thidua_plan_get_signer_name (data->year_plan) : NULL;
    }
  else
    {
      g_autofree char *unit_line = g_strdup_printf ("Đơn vị: %s", data->unit);

      compose_unit (data, body);
      self->plan = header_plan (data, title, unit_line);
      form.n_signatures = 1;
      form.signatures[0].title = "Thủ trưởng đơn vị";
    }

  self->layout = thidua_layout_new (profile);
  thidua_layout_update_form (self->layout, self->plan, body, &form);
  return g_steal_pointer (&self);
}

ThiduaLayout *
thidua_report_get_layout (ThiduaReport *self)
{
  g_return_val_if_fail (THIDUA_IS_REPORT (self), NULL);
  return self->layout;
}

ThiduaPlan *
thidua_report_get_plan (ThiduaReport *self)
{
  g_return_val_if_fail (THIDUA_IS_REPORT (self), NULL);
  return self->plan;
}

guint
thidua_report_get_n_registrations (ThiduaReport *self)
{
  g_return_val_if_fail (THIDUA_IS_REPORT (self), 0);
  return self->n_registrations;
}

gboolean
thidua_report_write_pdf (ThiduaReport *self, const char *path, GError **error)
{
  g_return_val_if_fail (THIDUA_IS_REPORT (self), FALSE);
  return thidua_render_to_pdf (self->layout, self->plan, path, error);
}

gboolean
thidua_report_write_register_pdf (ThiduaRegister *reg, const char *year, const char *unit,
                                  const char *path, GError **error)
{
  g_autoptr(ThiduaReport) report = thidua_report_new_register (reg, year, unit, error);

  if (report == NULL)
    return FALSE;
  return thidua_report_write_pdf (report, path, error);
}
