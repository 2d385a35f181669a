/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-report.c — the rows of the register's printed tables. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "thidua-register-report.h"
#include "thidua-catalog.h"
#include "thidua-json.h"
#include "thidua-paths.h"

/* ---- forms (data/register/forms.json) ---- */

static const char * const field_names[] = {
  [THIDUA_REG_FIELD_NUMBER]        = "number",
  [THIDUA_REG_FIELD_NAME]          = "name",
  [THIDUA_REG_FIELD_POSITION]      = "position",
  [THIDUA_REG_FIELD_UNIT]          = "unit",
  [THIDUA_REG_FIELD_POSITION_UNIT] = "position_unit",
  [THIDUA_REG_FIELD_TITLES]        = "titles",
  [THIDUA_REG_FIELD_REWARDS]       = "rewards",
  [THIDUA_REG_FIELD_NOTES]         = "notes",
  [THIDUA_REG_FIELD_TITLE]         = "title",
  [THIDUA_REG_FIELD_PEOPLE]        = "people",
  [THIDUA_REG_FIELD_UNITS]         = "units",
};

static void
column_clear (ThiduaRegColumn *c)
{
  g_free (c->heading);
}

void
thidua_reg_form_free (ThiduaRegForm *form)
{
  if (form == NULL)
    return;
  g_free (form->id);
  g_free (form->basis);
  g_free (form->verification);
  g_free (form->summary_title);
  g_clear_pointer (&form->summary_columns, g_array_unref);
  g_free (form->totals_heading);
  g_clear_pointer (&form->totals_columns, g_array_unref);
  g_strfreev (form->summary_signatures);
  g_free (form->unit_title);
  g_free (form->people_heading);
  g_clear_pointer (&form->people_columns, g_array_unref);
  g_free (form->units_heading);
  g_clear_pointer (&form->unit_columns, g_array_unref);
  g_strfreev (form->unit_signatures);
  g_free (form);
}

typedef struct {
  const char *path;
  const char *id;
} Where;

static gboolean G_GNUC_PRINTF (3, 4)
form_fail (GError **error, const Where *w, const char *fmt, ...)
{
  g_autofree char *what = NULL;
  va_list ap;

  va_start (ap, fmt);
  what = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
               _("%s: form “%s”: %s"), w->path, w->id ? w->id : "?", what);
  return FALSE;
}

/* A string member ("" when absent), NFC; FALSE when of another type. */
static gboolean
member_text (JsonObject *o, const char *key, char **out, const Where *w, GError **error)
{
  JsonNode *n = json_object_get_member (o, key);

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    {
      *out = g_strdup ("");
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return form_fail (error, w, _("“%s” is not text"), key);
  *out = g_utf8_normalize (json_node_get_string (n), -1, G_NORMALIZE_NFC);
  return TRUE;
}

static gboolean
member_date (JsonObject *o, const char *key, GDate *out, const Where *w, GError **error)
{
  g_autofree char *text = NULL;
  int y, m, d;
  char tail;

  g_date_clear (out, 1);
  if (!member_text (o, key, &text, w, error))
    return FALSE;
  if (*text == '\0')
    return TRUE;
  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || !g_date_valid_dmy (d, m, y))
    return form_fail (error, w, _("“%s” is “%s”, not a date YYYY-MM-DD"), key, text);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

/* "columns": [{"field": …, "heading": …, "weight": …, "align": …}, …] */
static GArray *
parse_columns (JsonObject *o, const char *key, gboolean totals, const Where *w, GError **error)
{
  JsonNode *n = json_object_get_member (o, key);
  g_autoptr(GArray) cols = g_array_new (FALSE, TRUE, sizeof (ThiduaRegColumn));
  JsonArray *a;

  g_array_set_clear_func (cols, (GDestroyNotify) column_clear);
  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n) || json_array_get_length (json_node_get_array (n)) == 0)
    {
      form_fail (error, w, _("“%s” must be a list of columns"), key);
      return NULL;
    }
  a = json_node_get_array (n);
  if (json_array_get_length (a) > 16)
    {
      form_fail (error, w, _("“%s” has more than 16 columns"), key);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      ThiduaRegColumn c = { 0 };
      g_autofree char *field = NULL, *align = NULL;
      gboolean known = FALSE;
      JsonNode *wn;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        {
          form_fail (error, w, _("column %u of “%s” is not an object"), i + 1, key);
          return NULL;
        }
      if (!member_text (json_node_get_object (e), "field", &field, w, error)
          || !member_text (json_node_get_object (e), "align", &align, w, error))
        return NULL;
      for (guint f = 0; f < G_N_ELEMENTS (field_names); f++)
        if (g_str_equal (field, field_names[f]))
          {
            gboolean total_field = f == THIDUA_REG_FIELD_TITLE || f == THIDUA_REG_FIELD_PEOPLE
                                   || f == THIDUA_REG_FIELD_UNITS;
            known = f == THIDUA_REG_FIELD_NUMBER || total_field == totals;
            c.field = f;
          }
      if (!known)
        {
          form_fail (error, w, _("column %u of “%s”: “%s” is not a field of this table"),
                     i + 1, key, field);
          return NULL;
        }
      if (*align == '\0' || g_str_equal (align, "left"))
        c.align = THIDUA_REG_ALIGN_LEFT;
      else if (g_str_equal (align, "center"))
        c.align = THIDUA_REG_ALIGN_CENTER;
      else if (g_str_equal (align, "right"))
        c.align = THIDUA_REG_ALIGN_RIGHT;
      else
        {
          form_fail (error, w, _("column %u of “%s”: align “%s” is not left, center or right"),
                     i + 1, key, align);
          return NULL;
        }
      wn = json_object_get_member (json_node_get_object (e), "weight");
      c.weight = wn && JSON_NODE_HOLDS_VALUE (wn) ? json_node_get_double (wn) : 0;
      if (!(c.weight > 0 && c.weight <= 1000))
        {
          form_fail (error, w, _("column %u of “%s”: “weight” must be a number above 0"), i + 1, key);
          return NULL;
        }
      if (!member_text (json_node_get_object (e), "heading", &c.heading, w, error))
        return NULL;
      g_array_append_val (cols, c);
    }
  return g_steal_pointer (&cols);
}

static char **
parse_signatures (JsonObject *o, const Where *w, GError **error)
{
  JsonNode *n = json_object_get_member (o, "signatures");
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  JsonArray *a;

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n)
      || json_array_get_length (json_node_get_array (n)) < 1
      || json_array_get_length (json_node_get_array (n)) > 2)
    {
      form_fail (error, w, _("“signatures” must list one or two titles"));
      return NULL;
    }
  a = json_node_get_array (n);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      g_autofree char *nfc = NULL;
      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
        {
          form_fail (error, w, _("“signatures” must list one or two titles"));
          return NULL;
        }
      nfc = g_utf8_normalize (json_node_get_string (e), -1, G_NORMALIZE_NFC);
      g_strv_builder_add (b, nfc);
    }
  return g_strv_builder_end (b);
}

static JsonObject *
member_object (JsonObject *o, const char *key, const Where *w, GError **error)
{
  JsonNode *n = json_object_get_member (o, key);

  if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
    {
      form_fail (error, w, _("“%s” must be an object"), key);
      return NULL;
    }
  return json_node_get_object (n);
}

static ThiduaRegForm *
parse_form (JsonObject *o, const char *path, GError **error)
{
  g_autoptr(ThiduaRegForm) form = g_new0 (ThiduaRegForm, 1);
  Where w = { path, NULL };
  JsonObject *summary, *unit;

  if (!member_text (o, "id", &form->id, &w, error))
    return NULL;
  w.id = form->id;
  if (*form->id == '\0')
    {
      form_fail (error, &w, _("it has no “id”"));
      return NULL;
    }
  if (!member_text (o, "basis", &form->basis, &w, error)
      || !member_text (o, "verification", &form->verification, &w, error)
      || !member_date (o, "from", &form->from, &w, error)
      || !member_date (o, "to", &form->to, &w, error))
    return NULL;
  if (g_date_valid (&form->from) && g_date_valid (&form->to)
      && g_date_compare (&form->from, &form->to) > 0)
    {
      form_fail (error, &w, _("it ends before it starts"));
      return NULL;
    }
  if ((summary = member_object (o, "summary", &w, error)) == NULL
      || (unit = member_object (o, "unit", &w, error)) == NULL)
    return NULL;
  if (!member_text (summary, "title", &form->summary_title, &w, error)
      || !member_text (summary, "totals_heading", &form->totals_heading, &w, error)
      || (form->summary_columns = parse_columns (summary, "columns", FALSE, &w, error)) == NULL
      || (form->totals_columns = parse_columns (summary, "totals_columns", TRUE, &w, error)) == NULL
      || (form->summary_signatures = parse_signatures (summary, &w, error)) == NULL
      || !member_text (unit, "title", &form->unit_title, &w, error)
      || !member_text (unit, "people_heading", &form->people_heading, &w, error)
      || !member_text (unit, "units_heading", &form->units_heading, &w, error)
      || (form->people_columns = parse_columns (unit, "people_columns", FALSE, &w, error)) == NULL
      || (form->unit_columns = parse_columns (unit, "unit_columns", FALSE, &w, error)) == NULL
      || (form->unit_signatures = parse_signatures (unit, &w, error)) == NULL)
    return NULL;
  return g_steal_pointer (&form);
}

GPtrArray *
thidua_reg_forms_load (const char *path, GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) forms = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_reg_form_free);
  JsonNode *list;

  g_return_val_if_fail (path != NULL, NULL);
  if ((root = thidua_json_load_file (path, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root)
      || (list = json_object_get_member (json_node_get_object (root), "forms")) == NULL
      || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("%s: not an object with a list “forms”"), path);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *e = json_array_get_element (json_node_get_array (list), i);
      ThiduaRegForm *form;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        {
          g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                       _("%s: form %u is not an object"), path, i + 1);
          return NULL;
        }
      if ((form = parse_form (json_node_get_object (e), path, error)) == NULL)
        return NULL;
      g_ptr_array_add (forms, form);
    }
  return g_steal_pointer (&forms);
}

static gboolean
form_covers (const ThiduaRegForm *f, const GDate *date)
{
  return (!g_date_valid (&f->from) || g_date_compare (date, &f->from) >= 0)
         && (!g_date_valid (&f->to) || g_date_compare (date, &f->to) <= 0);
}

ThiduaRegForm *
thidua_reg_form_for_date (const GDate *date, GError **error)
{
  g_autofree char *office = g_build_filename (g_get_user_config_dir (), "thidua",
                                              "register-forms.json", NULL);
  g_autofree char *builtin = thidua_paths_find_data ("register", "forms.json", NULL);
  const char *paths[] = { office, builtin };

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    {
      g_autoptr(GPtrArray) forms = NULL;

      /* the office's file is optional; the built-in one is not */
      if (paths[p] == NULL || (p == 0 && !g_file_test (paths[p], G_FILE_TEST_EXISTS)))
        continue;
      if ((forms = thidua_reg_forms_load (paths[p], error)) == NULL)
        return NULL;
      for (guint i = 0; i < forms->len; i++)
        if (form_covers (forms->pdata[i], date))
          return g_ptr_array_steal_index (forms, i);
    }
  g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND,
               _("No layout of the register's tables covers %04d-%02d-%02d (data/register/forms.json)"),
               g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
  return NULL;
}

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
  g_clear_pointer (&report->form, thidua_reg_form_free);
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
  int start_year = 0;
  GDate reference;

  g_return_val_if_fail (THIDUA_IS_REGISTER (reg), NULL);
  if (!thidua_reg_year_parse (year, &report->year, &start_year, &report->school, error))
    return NULL;
  /* the form in force by the same reference date as the rules */
  thidua_catalog_reference_date (catalog, start_year, report->school, &reference);
  if ((report->form = thidua_reg_form_for_date (&reference, error)) == NULL)
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
