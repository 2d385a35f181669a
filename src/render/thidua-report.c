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

typedef struct {
  gint64      person_id;
  gint64      unit_id;
  GString    *titles;
  GString    *rewards;
  GString    *notes;
  ThiduaRegistration *first;
} Line;

static void
append_line (GString *s, const char *text, const char *sep)
{
  if (*text == '\0')
    return;
  if (s->len)
    g_string_append (s, sep);
  g_string_append (s, text);
}

/* Merges a person's (or unit's) consecutive registrations into one line. */
static GPtrArray *
lines_of (GPtrArray *rows, ThiduaCatalog *catalog)
{
  GPtrArray *lines = g_ptr_array_new ();
  Line *cur = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      ThiduaRegistration *r = g_ptr_array_index (rows, i);
      const ThiduaTitle *t = thidua_catalog_lookup (catalog, r->title);

      if (cur == NULL || cur->person_id != r->person_id || cur->unit_id != r->unit_id)
        {
          cur = g_new0 (Line, 1);
          cur->person_id = r->person_id;
          cur->unit_id = r->unit_id;
          cur->titles = g_string_new (NULL);
          cur->rewards = g_string_new (NULL);
          cur->notes = g_string_new (NULL);
          cur->first = r;
          g_ptr_array_add (lines, cur);
        }
      append_line (t && t->kind == THIDUA_TITLE_KIND_REWARD ? cur->rewards : cur->titles,
                   t ? t->name : r->title, "\n");
      if (*r->note && strstr (cur->notes->str, r->note) == NULL)
        append_line (cur->notes, r->note, "; ");
    }
  return lines;
}

static void
lines_free (GPtrArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = g_ptr_array_index (lines, i);
      g_string_free (l->titles, TRUE);
      g_string_free (l->rewards, TRUE);
      g_string_free (l->notes, TRUE);
      g_free (l);
    }
  g_ptr_array_unref (lines);
}

static char *
display_name (ThiduaRegistration *r)
{
  if (r->person_id == 0)
    return g_strdup_printf ("Tập thể %s", r->unit_name);
  if (*r->honorific)
    return g_strdup_printf ("%s %s", r->honorific, r->person_name);
  return g_strdup (r->person_name);
}

/* Totals per title: a heading, then a table with a row per title
 * registered and the sums. */
static void
add_totals (ThiduaBody *body, GPtrArray *rows, ThiduaCatalog *catalog)
{
  static const Column cols[] = {
    { "STT", 1, THIDUA_BODY_TABLE_ALIGN_CENTER },
    { "Danh hiệu thi đua, hình thức khen thưởng", 10, THIDUA_BODY_TABLE_ALIGN_LEFT },
    { "Cá nhân", 3, THIDUA_BODY_TABLE_ALIGN_CENTER },
    { "Tập thể", 3, THIDUA_BODY_TABLE_ALIGN_CENTER },
  };
  guint n = thidua_catalog_get_n_titles (catalog);
  g_autofree guint *people = g_new0 (guint, n);
  g_autofree guint *units = g_new0 (guint, n);
  g_autoptr(ThiduaBodyTable) table = table_new (cols, G_N_ELEMENTS (cols));
  g_autofree char *all_people = NULL, *all_units = NULL;
  guint sum_people = 0, sum_units = 0, stt = 0;
  const char *total[4] = { "", "Cộng", NULL, NULL };

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
    {
      const ThiduaTitle *t = thidua_catalog_get_title (catalog, i);
      g_autofree char *num = NULL, *a = NULL, *b = NULL;
      const char *cells[4];

      if (people[i] == 0 && units[i] == 0)
        continue;
      num = g_strdup_printf ("%u", ++stt);
      a = g_strdup_printf ("%u", people[i]);
      b = g_strdup_printf ("%u", units[i]);
      cells[0] = num;
      cells[1] = t->name;
      cells[2] = a;
      cells[3] = b;
      thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_BODY, cells);
      sum_people += people[i];
      sum_units += units[i];
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

static gboolean
compose_summary (ThiduaReport *self, ThiduaRegister *reg, const char *year,
                 ThiduaBody *body, GError **error)
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
  ThiduaCatalog *catalog = thidua_register_get_catalog (reg);
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(ThiduaBodyTable) table = table_new (cols, G_N_ELEMENTS (cols));
  GPtrArray *lines;
  gint64 unit = -1;

  q.year = year;
  q.status = THIDUA_REG_STATUS_REGISTERED;
  q.sort = THIDUA_REG_SORT_UNIT;
  if ((rows = thidua_register_query (reg, &q, error)) == NULL)
    return FALSE;
  self->n_registrations = rows->len;

  /* A unit's name in a row across the table, then its people. */
  lines = lines_of (rows, catalog);
  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = g_ptr_array_index (lines, i);
      g_autofree char *stt = g_strdup_printf ("%u", i + 1);
      g_autofree char *name = display_name (l->first);
      const char *cells[7];

      if (l->unit_id != unit)
        {
          /* NULL-ended: add_row reads cells until the first NULL */
          const char *group[2] = { l->first->unit_name[0] ? l->first->unit_name : "(Chưa có đơn vị)", NULL };

          thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_GROUP, group);
          unit = l->unit_id;
        }
      cells[0] = stt;
      cells[1] = name;
      cells[2] = l->first->position;
      cells[3] = l->first->unit_name;
      cells[4] = l->titles->str;
      cells[5] = l->rewards->str;
      cells[6] = l->notes->str;
      thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_BODY, cells);
    }
  lines_free (lines);
  thidua_body_append_table (body, table);
  add_totals (body, rows, catalog);
  return TRUE;
}

static gboolean
compose_unit (ThiduaReport *self, ThiduaRegister *reg, const char *year, const char *unit,
              ThiduaBody *body, GError **error)
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
  ThiduaCatalog *catalog = thidua_register_get_catalog (reg);
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) people = g_ptr_array_new ();
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  g_autoptr(ThiduaBodyTable) person_table = table_new (person_cols, G_N_ELEMENTS (person_cols));
  g_autoptr(ThiduaBodyTable) unit_table = table_new (unit_cols, G_N_ELEMENTS (unit_cols));
  GPtrArray *lines;
  guint stt = 0;

  q.year = year;
  q.unit = unit;
  q.status = THIDUA_REG_STATUS_REGISTERED;
  q.sort = THIDUA_REG_SORT_UNIT;
  if ((rows = thidua_register_query (reg, &q, error)) == NULL)
    return FALSE;
  self->n_registrations = rows->len;
  for (guint i = 0; i < rows->len; i++)
    {
      ThiduaRegistration *r = g_ptr_array_index (rows, i);
      g_ptr_array_add (r->person_id ? people : units, r);
    }

  lines = lines_of (people, catalog);
  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = g_ptr_array_index (lines, i);
      g_autofree char *n = g_strdup_printf ("%u", ++stt);
      g_autofree char *name = display_name (l->first);
      g_autofree char *where = *l->first->position
        ? g_strdup_printf ("%s, %s", l->first->position, l->first->unit_name)
        : g_strdup (l->first->unit_name);
      const char *cells[] = { n, name, where, l->titles->str, l->rewards->str, l->notes->str };

      thidua_body_table_add_row (person_table, THIDUA_BODY_TABLE_ROW_BODY, cells);
    }
  if (lines->len == 0)
    {
      const char *cells[] = { "", "(không có cá nhân đăng ký)", NULL };
      thidua_body_table_add_row (person_table, THIDUA_BODY_TABLE_ROW_BODY, cells);
    }
  lines_free (lines);

  lines = lines_of (units, catalog);
  stt = 0;
  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = g_ptr_array_index (lines, i);
      g_autofree char *n = g_strdup_printf ("%u", ++stt);
      g_autofree char *name = display_name (l->first);
      const char *cells[] = { n, name, l->titles->str, l->rewards->str, l->notes->str };

      thidua_body_table_add_row (unit_table, THIDUA_BODY_TABLE_ROW_BODY, cells);
    }
  if (lines->len == 0)
    {
      const char *cells[] = { "", "(không đăng ký)", NULL };
      thidua_body_table_add_row (unit_table, THIDUA_BODY_TABLE_ROW_BODY, cells);
    }
  lines_free (lines);

  thidua_body_append_text (body, THIDUA_BLOCK_HEADING, 1, "I.", "Cá nhân", FALSE);
  thidua_body_append_table (body, person_table);
  thidua_body_append_text (body, THIDUA_BLOCK_HEADING, 1, "II.", "Tập thể", FALSE);
  thidua_body_append_table (body, unit_table);
  return TRUE;
}

/* "khoa ly luan" typed in the CLI prints as the unit is registered. */
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

/* The plan printed at the top: the year's plan gives the profile, the
 * bodies and the place; the date is left for the clerk. */
static ThiduaPlan *
header_plan (ThiduaPlan *year_plan, const char *unit, const char *title, const char *subject)
{
  ThiduaPlan *plan = thidua_plan_new ();
  g_autofree char *issuing = NULL;
  g_autofree char *superior = NULL;

  if (year_plan != NULL)
    {
      thidua_plan_set_profile (plan, thidua_plan_get_profile (year_plan));
      thidua_plan_set_place (plan, thidua_plan_get_place (year_plan));
      /* A unit's form comes from the unit, under the office. */
      if (unit != NULL)
        {
          superior = g_utf8_strup (thidua_plan_get_issuing_body (year_plan), -1);
          issuing = g_utf8_strup (unit, -1);
        }
      else
        {
          superior = g_utf8_strup (thidua_plan_get_superior_body (year_plan), -1);
          issuing = g_utf8_strup (thidua_plan_get_issuing_body (year_plan), -1);
        }
    }
  else if (unit != NULL)
    issuing = g_utf8_strup (unit, -1);
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
  g_autoptr(ThiduaPlan) year_plan = NULL;
  g_autoptr(ThiduaProfile) profile = NULL;
  g_autoptr(ThiduaBody) body = thidua_body_new ();
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  ThiduaLayoutForm form = { 0 };
  /* outlives form, which borrows its signer */
  g_autoptr(ThiduaOffice) office = thidua_store_get_office (thidua_register_get_store (reg), NULL);
  gboolean school = FALSE;
  gint64 plan_id;

  g_return_val_if_fail (THIDUA_IS_REGISTER (reg), NULL);
  if (!thidua_reg_year_parse (year, &label, NULL, &school, error))
    return NULL;
  plan_id = thidua_register_get_year_plan (reg, label);
  if (plan_id > 0)
    year_plan = thidua_store_load_plan (thidua_register_get_store (reg), plan_id, NULL);
  profile = year_plan ? thidua_profile_load_for_kind (thidua_plan_get_profile (year_plan), error)
                      : thidua_profile_load ("state", error);
  if (profile == NULL)
    return NULL;

  /* "năm học 2023-2024" for a school year. */
  title = g_strdup_printf (unit == NULL ? "BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA %s %s"
                                        : "BẢN ĐĂNG KÝ THI ĐUA %s %s",
                           school ? "NĂM HỌC" : "NĂM", label);
  if (unit == NULL)
    {
      if (!compose_summary (self, reg, label, body, error))
        return NULL;
      self->plan = header_plan (year_plan, NULL, title, "");
      /* without a year's plan (or a plan without bodies) the database's
       * own office heads the table (issue 11) */
      if (office != NULL && *office->name != '\0'
          && *thidua_plan_get_issuing_body (self->plan) == '\0')
        {
          g_autofree char *issuing = g_utf8_strup (office->name, -1);
          g_autofree char *superior = g_utf8_strup (office->parent, -1);

          thidua_plan_set_issuing_body (self->plan, issuing);
          thidua_plan_set_superior_body (self->plan, superior);
        }
      form.landscape = TRUE;
      form.n_signatures = 2;
      form.signatures[0].title = "Người lập biểu";
      form.signatures[1].title = "Thủ trưởng đơn vị";
      /* The head of the office signs the summary, as the plan. */
      form.signatures[1].name = year_plan ? thidua_plan_get_signer_name (year_plan) : NULL;
      if ((form.signatures[1].name == NULL || *form.signatures[1].name == '\0')
          && office != NULL && *office->signer != '\0')
        form.signatures[1].name = office->signer;
    }
  else
    {
      g_autofree char *unit_line = NULL;
      g_autofree char *unit_name = registered_unit_name (reg, unit);

      if (!compose_unit (self, reg, label, unit, body, error))
        return NULL;
      unit_line = g_strdup_printf ("Đơn vị: %s", unit_name);
      self->plan = header_plan (year_plan, unit_name, title, unit_line);
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
