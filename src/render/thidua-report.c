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

static ThiduaBodyTableAlign
align_of (ThiduaRegAlign a)
{
  switch (a)
    {
    case THIDUA_REG_ALIGN_CENTER: return THIDUA_BODY_TABLE_ALIGN_CENTER;
    case THIDUA_REG_ALIGN_RIGHT: return THIDUA_BODY_TABLE_ALIGN_RIGHT;
    case THIDUA_REG_ALIGN_LEFT:
    default: return THIDUA_BODY_TABLE_ALIGN_LEFT;
    }
}

/* The columns of the year's form (data/register/forms.json). */
static ThiduaBodyTable *
table_new (const GArray *cols)
{
  ThiduaBodyTable *table = thidua_body_table_new ();

  for (guint c = 0; c < cols->len; c++)
    {
      const ThiduaRegColumn *col = &g_array_index (cols, ThiduaRegColumn, c);
      thidua_body_table_add_column (table, col->heading, col->weight, align_of (col->align));
    }
  return table;
}

/* What a line prints in a column of field f. */
static char *
line_cell (const ThiduaRegLine *l, ThiduaRegField f, const char *number)
{
  switch (f)
    {
    case THIDUA_REG_FIELD_NUMBER: return g_strdup (number);
    case THIDUA_REG_FIELD_NAME: return g_strdup (l->name);
    case THIDUA_REG_FIELD_POSITION: return g_strdup (l->position);
    case THIDUA_REG_FIELD_UNIT: return g_strdup (l->unit);
    case THIDUA_REG_FIELD_POSITION_UNIT:
      if (*l->position && *l->unit)
        return g_strdup_printf ("%s, %s", l->position, l->unit);
      return g_strdup (*l->position ? l->position : l->unit);
    case THIDUA_REG_FIELD_TITLES: return g_strdup (l->titles);
    case THIDUA_REG_FIELD_REWARDS: return g_strdup (l->rewards);
    case THIDUA_REG_FIELD_NOTES: return g_strdup (l->notes);
    case THIDUA_REG_FIELD_TITLE:
    case THIDUA_REG_FIELD_PEOPLE:
    case THIDUA_REG_FIELD_UNITS:
    default: return g_strdup ("");
    }
}

/* A body row of a line in the columns cols; number is its STT. */
static void
add_line_row (ThiduaBodyTable *table, const GArray *cols, const ThiduaRegLine *l, guint number)
{
  g_autofree char *n = g_strdup_printf ("%u", number);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < cols->len; c++)
    g_ptr_array_add (cells, line_cell (l, g_array_index (cols, ThiduaRegColumn, c).field, n));
  g_ptr_array_add (cells, NULL);
  thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_BODY, (const char **) cells->pdata);
}

/* A row saying the table is empty, in the first column that is not the
 * number. */
static void
add_empty_row (ThiduaBodyTable *table, const GArray *cols, const char *text)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  gboolean said = FALSE;

  for (guint c = 0; c < cols->len; c++)
    {
      gboolean here = !said && g_array_index (cols, ThiduaRegColumn, c).field != THIDUA_REG_FIELD_NUMBER;
      g_ptr_array_add (cells, (gpointer) (here ? text : ""));
      said |= here;
    }
  g_ptr_array_add (cells, NULL);
  thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_BODY, (const char **) cells->pdata);
}

/* Totals per title: a heading, then a table with a row per title
 * registered and the sums ("Cộng", kept with the row before it). */
static void
add_totals (ThiduaBody *body, const ThiduaRegReport *data)
{
  const GArray *cols = data->form->totals_columns;
  g_autoptr(ThiduaBodyTable) table = table_new (cols);
  guint sum_people = 0, sum_units = 0;

  for (guint i = 0; i <= data->totals->len; i++)
    {
      gboolean total = i == data->totals->len;
      const ThiduaRegTotal *t = total ? NULL : &g_array_index (data->totals, ThiduaRegTotal, i);
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

      for (guint c = 0; c < cols->len; c++)
        switch (g_array_index (cols, ThiduaRegColumn, c).field)
          {
          case THIDUA_REG_FIELD_NUMBER:
            g_ptr_array_add (cells, total ? g_strdup ("") : g_strdup_printf ("%u", i + 1));
            break;
          case THIDUA_REG_FIELD_TITLE:
            g_ptr_array_add (cells, g_strdup (total ? "Cộng" : t->title));
            break;
          case THIDUA_REG_FIELD_PEOPLE:
            g_ptr_array_add (cells, g_strdup_printf ("%u", total ? sum_people : t->people));
            break;
          case THIDUA_REG_FIELD_UNITS:
            g_ptr_array_add (cells, g_strdup_printf ("%u", total ? sum_units : t->units));
            break;
          default:
            g_ptr_array_add (cells, g_strdup (""));
          }
      g_ptr_array_add (cells, NULL);
      thidua_body_table_add_row (table, total ? THIDUA_BODY_TABLE_ROW_TOTAL : THIDUA_BODY_TABLE_ROW_BODY,
                                 (const char **) cells->pdata);
      if (!total)
        {
          sum_people += t->people;
          sum_units += t->units;
        }
    }

  thidua_body_append_text (body, THIDUA_BLOCK_PARAGRAPH, 0, "", data->form->totals_heading, TRUE);
  thidua_body_append_table (body, table);
}

static void
compose_summary (const ThiduaRegReport *data, ThiduaBody *body)
{
  const GArray *cols = data->form->summary_columns;
  g_autoptr(ThiduaBodyTable) table = table_new (cols);
  guint stt = 0;

  /* A unit's name in a row across the table, then its people. */
  for (guint i = 0; i < data->lines->len; i++)
    {
      const ThiduaRegLine *l = &g_array_index (data->lines, ThiduaRegLine, i);

      if (l->kind == THIDUA_REG_LINE_GROUP)
        {
          /* NULL-ended: add_row reads cells until the first NULL */
          const char *group[2] = { l->name, NULL };
          thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_GROUP, group);
          continue;
        }
      add_line_row (table, cols, l, ++stt);
    }
  thidua_body_append_table (body, table);
  add_totals (body, data);
}

static void
compose_unit (const ThiduaRegReport *data, ThiduaBody *body)
{
  const ThiduaRegForm *form = data->form;
  g_autoptr(ThiduaBodyTable) person_table = table_new (form->people_columns);
  g_autoptr(ThiduaBodyTable) unit_table = table_new (form->unit_columns);
  guint n_people = 0, n_units = 0;

  for (guint i = 0; i < data->lines->len; i++)
    {
      const ThiduaRegLine *l = &g_array_index (data->lines, ThiduaRegLine, i);

      if (l->kind == THIDUA_REG_LINE_PERSON)
        add_line_row (person_table, form->people_columns, l, ++n_people);
      else if (l->kind == THIDUA_REG_LINE_COLLECTIVE)
        add_line_row (unit_table, form->unit_columns, l, ++n_units);
    }
  if (n_people == 0)
    add_empty_row (person_table, form->people_columns, "(không có cá nhân đăng ký)");
  if (n_units == 0)
    add_empty_row (unit_table, form->unit_columns, "(không đăng ký)");

  thidua_body_append_text (body, THIDUA_BLOCK_HEADING, 1, "I.", form->people_heading, FALSE);
  thidua_body_append_table (body, person_table);
  thidua_body_append_text (body, THIDUA_BLOCK_HEADING, 1, "II.", form->units_heading, FALSE);
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

  /* The year's form gives the title, columns and signatures;
   * "năm học 2023-2024" for a school year. */
  title = g_strdup_printf ("%s %s %s", unit == NULL ? data->form->summary_title : data->form->unit_title,
                           data->school ? "NĂM HỌC" : "NĂM", data->year);
  if (unit == NULL)
    {
      char **sig = data->form->summary_signatures;
      guint n = g_strv_length (sig);

      compose_summary (data, body);
      self->plan = header_plan (data, title, "");
      form.landscape = TRUE;
      form.n_signatures = MIN (n, 2);
      for (guint i = 0; i < form.n_signatures; i++)
        form.signatures[i].title = sig[i];
      /* The head of the office signs the summary (the last signature):
       * the office's signer, else the plan's. */
      form.signatures[form.n_signatures - 1].name
        = *data->office->signer ? data->office->signer
          : data->year_plan ? thidua_plan_get_signer_name (data->year_plan) : NULL;
    }
  else
    {
      g_autofree char *unit_line = g_strdup_printf ("Đơn vị: %s", data->unit);
      char **sig = data->form->unit_signatures;

      compose_unit (data, body);
      self->plan = header_plan (data, title, unit_line);
      form.n_signatures = MIN (g_strv_length (sig), 2);
      for (guint i = 0; i < form.n_signatures; i++)
        form.signatures[i].title = sig[i];
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
