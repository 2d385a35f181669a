/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-report.c — the rows of the register's printed tables. */
#include "config.h"
#include <string.h>

#include "thidua-register-report.h"

static void
line_clear (ThiduaRegLine *l)
{
  g_free (l->name);
  g_free (l->position);
  g_free (l->unit);
  g_free (l->titles);
  g_free (l->rewards);
  g_free (l->notes);
}

void
thidua_reg_report_free (ThiduaRegReport *report)
{
  if (report == NULL)
    return;
  g_free (report->year);
  g_free (report->unit);
  g_clear_pointer (&report->lines, g_array_unref);
  g_clear_pointer (&report->totals, g_array_unref);
  g_clear_object (&report->year_plan);
  g_clear_pointer (&report->office, thidua_office_free);
  g_free (report);
}

static void
append_part (GString *s, const char *text, const char *sep)
{
  if (*text == '\0')
    return;
  if (s->len)
    g_string_append (s, sep);
  g_string_append (s, text);
}

static char *
display_name (const ThiduaRegistration *r)
{
  if (r->person_id == 0)
    return g_strdup_printf ("Tập thể %s", r->unit_name);
  if (*r->honorific)
    return g_strdup_printf ("%s %s", r->honorific, r->person_name);
  return g_strdup (r->person_name);
}

/* A person's (or unit's) consecutive registrations as one line. */
static void
add_lines (GArray *lines, GPtrArray *rows, ThiduaCatalog *catalog, gboolean groups)
{
  gint64 person = -1, unit = -1, group = -1;
  GString *titles = NULL, *rewards = NULL, *notes = NULL;
  ThiduaRegLine *cur = NULL;

#define FLUSH() \
  if (cur != NULL) \
    { \
      cur->titles = g_string_free (titles, FALSE); \
      cur->rewards = g_string_free (rewards, FALSE); \
      cur->notes = g_string_free (notes, FALSE); \
      cur = NULL; \
    }

  for (guint i = 0; i < rows->len; i++)
    {
      ThiduaRegistration *r = g_ptr_array_index (rows, i);
      const ThiduaTitle *t = thidua_catalog_lookup (catalog, r->title);

      if (cur == NULL || person != r->person_id || unit != r->unit_id)
        {
          ThiduaRegLine l = { 0 };

          FLUSH ();
          if (groups && r->unit_id != group)
            {
              ThiduaRegLine g = { THIDUA_REG_LINE_GROUP, NULL, NULL, NULL, NULL, NULL, NULL };
              g.name = g_strdup (*r->unit_name ? r->unit_name : "(Chưa có đơn vị)");
              g_array_append_val (lines, g);
              group = r->unit_id;
            }
          l.kind = r->person_id ? THIDUA_REG_LINE_PERSON : THIDUA_REG_LINE_COLLECTIVE;
          l.name = display_name (r);
          l.position = g_strdup (r->position);
          l.unit = g_strdup (r->unit_name);
          g_array_append_val (lines, l);
          cur = &g_array_index (lines, ThiduaRegLine, lines->len - 1);
          titles = g_string_new (NULL);
          rewards = g_string_new (NULL);
          notes = g_string_new (NULL);
          person = r->person_id;
          unit = r->unit_id;
        }
      append_part (t && t->kind == THIDUA_TITLE_KIND_REWARD ? rewards : titles,
                   t ? t->name : r->title, "\n");
      if (*r->note && strstr (notes->str, r->note) == NULL)
        append_part (notes, r->note, "; ");
    }
  FLUSH ();
#undef FLUSH
}

static GArray *
totals_of (GPtrArray *rows, ThiduaCatalog *catalog)
{
  guint n = thidua_catalog_get_n_titles (catalog);
  g_autofree guint *people = g_new0 (guint, n);
  g_autofree guint *units = g_new0 (guint, n);
  GArray *totals = g_array_new (FALSE, FALSE, sizeof (ThiduaRegTotal));

  for (guint i = 0; i < rows->len; i++)
    {
      ThiduaRegistration *r = g_ptr_array_index (rows, i);
      const ThiduaTitle *t = thidua_catalog_lookup (catalog, r->title);

      if (t == NULL)
        continue;
      if (r->person_id)
        people[t->position]++;
      else
        units[t->position]++;
    }
  for (guint i = 0; i < n; i++)
    if (people[i] || units[i])
      {
        ThiduaRegTotal tot = { thidua_catalog_get_title (catalog, i)->name, people[i], units[i] };
        g_array_append_val (totals, tot);
      }
  return totals;
}

/* "khoa ly luan" typed prints as the unit is registered. */
static char *
registered_unit_name (ThiduaRegister *reg, const char *typed)
{
  gint64 id = thidua_register_find_unit (reg, typed);
  g_autoptr(GPtrArray) units = id > 0 ? thidua_register_list_units (reg, NULL) : NULL;

  for (guint i = 0; units != NULL && i < units->len; i++)
    if (((ThiduaRegUnit *) units->pdata[i])->id == id)
      return g_strdup (((ThiduaRegUnit *) units->pdata[i])->name);
  return g_strdup (typed);
}

ThiduaRegReport *
thidua_register_report (ThiduaRegister *reg, const char *year, const char *unit, GError **error)
{
  g_autoptr(ThiduaRegReport) report = g_new0 (ThiduaRegReport, 1);
  ThiduaCatalog *catalog = thidua_register_get_catalog (reg);
  ThiduaStore *store = thidua_register_get_store (reg);
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 plan_id;

  g_return_val_if_fail (THIDUA_IS_REGISTER (reg), NULL);
  if (!thidua_reg_year_parse (year, &report->year, NULL, &report->school, error))
    return NULL;
  report->lines = g_array_new (FALSE, FALSE, sizeof (ThiduaRegLine));
  g_array_set_clear_func (report->lines, (GDestroyNotify) line_clear);

  q.year = report->year;
  q.unit = unit;
  q.status = THIDUA_REG_STATUS_REGISTERED;
  q.sort = THIDUA_REG_SORT_UNIT;
  if ((rows = thidua_register_query (reg, &q, error)) == NULL)
    return NULL;
  report->n_registrations = rows->len;

  if (unit == NULL)
    add_lines (report->lines, rows, catalog, TRUE);
  else
    {
      g_autoptr(GPtrArray) people = g_ptr_array_new ();
      g_autoptr(GPtrArray) units = g_ptr_array_new ();

      for (guint i = 0; i < rows->len; i++)
        {
          ThiduaRegistration *r = g_ptr_array_index (rows, i);
          g_ptr_array_add (r->person_id ? people : units, r);
        }
      add_lines (report->lines, people, catalog, FALSE);
      add_lines (report->lines, units, catalog, FALSE);
      report->unit = registered_unit_name (reg, unit);
    }
  report->totals = totals_of (rows, catalog);

  plan_id = thidua_register_get_year_plan (reg, report->year);
  if (plan_id > 0)
    report->year_plan = thidua_store_load_plan (store, plan_id, NULL);
  report->office = thidua_store_get_office (store, NULL);
  if (report->office == NULL)
    report->office = g_new0 (ThiduaOffice, 1);
  if (report->office->name == NULL)
    {
      report->office->name = g_strdup ("");
      report->office->code = g_strdup ("");
      report->office->parent = g_strdup ("");
      report->office->signer = g_strdup ("");
    }
  return g_steal_pointer (&report);
}
