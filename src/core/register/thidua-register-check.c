/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-check.c — the findings of `register check`.
 *
 * The year is read once into memory (one row per registration, a bit set of
 * titles per person and unit) so that 100,000 registrations check in well
 * under a second; every rule then walks those arrays. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "thidua-register-check.h"
#include "thidua-register-private.h"
#include "thidua-register-targets.h"

#include <string.h>

#include "thidua-text.h"

/* Titles are bits by catalog position; rules ignore titles past this. */
#define MAX_TITLES 256

typedef struct {
  guint64 bits[MAX_TITLES / 64];
} TitleSet;

static inline void
set_add (TitleSet *s, int t)
{
  if (t >= 0 && t < MAX_TITLES)
    s->bits[t / 64] |= G_GUINT64_CONSTANT (1) << (t % 64);
}

static inline gboolean
set_has (const TitleSet *s, int t)
{
  return t >= 0 && t < MAX_TITLES && (s->bits[t / 64] >> (t % 64)) & 1;
}

typedef struct {
  gint64   id;
  gint64   person_id;
  gint64   unit_id;
  gint64   plan_id;
  int      title;        /* catalog position, -1 if unknown */
  gboolean active;       /* not withdrawn */
  gboolean counts;       /* not withdrawn and not "not achieved" */
  gboolean initiative;   /* has an initiative */
} Row;

typedef struct {
  gint64 parent_id;
  int    closed_year;
  char  *name;
} UnitInfo;

typedef struct {
  ThiduaRegister *reg;
  ThiduaCatalog  *catalog;
  char           *label;
  int             start_year;
  gboolean        school;
  GArray         *rows;        /* Row */
  GHashTable     *counted;     /* who → TitleSet*: person id, or -unit id */
  GHashTable     *units;       /* unit id → UnitInfo* */
  GHashTable     *children;    /* unit id (0 top) → GArray of gint64 */
  GHashTable     *people_by_unit; /* unit id → GHashTable set of person ids (active) */
  GHashTable     *staff;       /* set of person ids with an active registration */
  GHashTable     *names;       /* person id → name (cache) */
  sqlite3_stmt   *name_stmt;
  GPtrArray      *findings;
  gboolean        has_results; /* some result is decided: quotas speak of "đạt" */
} Check;

void
thidua_finding_free (ThiduaFinding *f)
{
  if (f == NULL)
    return;
  g_free (f->rule_id);
  g_free (f->source);
  g_free (f->message);
  g_free (f->title);
  g_free (f);
}

static gint64 *
dup_id (gint64 id)
{
  gint64 *p = g_new (gint64, 1);
  *p = id;
  return p;
}

static void
unit_info_free (UnitInfo *u)
{
  g_free (u->name);
  g_free (u);
}

static void
check_clear (Check *c)
{
  g_free (c->label);
  g_clear_pointer (&c->rows, g_array_unref);
  g_clear_pointer (&c->counted, g_hash_table_unref);
  g_clear_pointer (&c->units, g_hash_table_unref);
  g_clear_pointer (&c->children, g_hash_table_unref);
  g_clear_pointer (&c->people_by_unit, g_hash_table_unref);
  g_clear_pointer (&c->staff, g_hash_table_unref);
  g_clear_pointer (&c->names, g_hash_table_unref);
  g_clear_pointer (&c->name_stmt, sqlite3_finalize);
}

static int
title_index (Check *c, const char *id)
{
  const ThiduaTitle *t = thidua_catalog_lookup (c->catalog, id);
  return t ? (int) t->position : -1;
}

static const char *
title_name (Check *c, int index)
{
  if (index < 0 || (guint) index >= thidua_catalog_get_n_titles (c->catalog))
    return "?";
  return thidua_catalog_get_title (c->catalog, index)->name;
}

static const char *
unit_name (Check *c, gint64 unit_id)
{
  UnitInfo *u = g_hash_table_lookup (c->units, &unit_id);
  return u ? u->name : "(no unit)";
}

static const char *
person_name (Check *c, gint64 person_id)
{
  char *name = g_hash_table_lookup (c->names, &person_id);

  if (name != NULL)
    return name;
  sqlite3_reset (c->name_stmt);
  sqlite3_bind_int64 (c->name_stmt, 1, person_id);
  if (sqlite3_step (c->name_stmt) == SQLITE_ROW)
    {
      ThiduaRegPerson p = { 0 };
      p.family_name = (char *) reg_column_text (c->name_stmt, 0);
      p.middle_name = (char *) reg_column_text (c->name_stmt, 1);
      p.given_name = (char *) reg_column_text (c->name_stmt, 2);
      name = thidua_reg_person_dup_full_name (&p);
    }
  else
    name = g_strdup ("?");
  g_hash_table_insert (c->names, dup_id (person_id), name);
  return name;
}

/* "Nguyễn Văn An (Khoa Lý luận cơ sở)" or "Khoa Lý luận cơ sở" */
static char *
describe (Check *c, gint64 person_id, gint64 unit_id)
{
  if (person_id > 0)
    return g_strdup_printf ("%s (%s)", person_name (c, person_id), unit_name (c, unit_id));
  return g_strdup (unit_name (c, unit_id));
}

static TitleSet *
counted_of (Check *c, GHashTable *table, gint64 who)
{
  return g_hash_table_lookup (table, &who);
}

static ThiduaFinding *
add_finding (Check *c, ThiduaRule *rule, const char *title_id, char *message)
{
  ThiduaFinding *f = g_new0 (ThiduaFinding, 1);

  f->rule_id = g_strdup (thidua_rule_get_id (rule));
  f->kind = thidua_rule_get_kind (rule);
  f->source = g_strdup (thidua_rule_get_source (rule));
  f->title = g_strdup (title_id ? title_id : "");
  f->message = message;
  g_ptr_array_add (c->findings, f);
  return f;
}

/* ---- loading ---- */

static gboolean
load_units (Check *c, GError **error)
{
  g_autoptr(sqlite3_stmt) sel = thidua_register_prepare (c->reg,
      "SELECT id, ifnull (parent_id, 0), ifnull (closed_year, 0), name FROM units",
      "reading units", error);
  int rc;

  if (sel == NULL)
    return FALSE;
  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      UnitInfo *u = g_new0 (UnitInfo, 1);
      gint64 id = sqlite3_column_int64 (sel, 0);
      GArray *kids;

      u->parent_id = sqlite3_column_int64 (sel, 1);
      u->closed_year = sqlite3_column_int (sel, 2);
      u->name = g_strdup (reg_column_text (sel, 3));
      g_hash_table_insert (c->units, dup_id (id), u);
      kids = g_hash_table_lookup (c->children, &u->parent_id);
      if (kids == NULL)
        {
          kids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (c->children, dup_id (u->parent_id), kids);
        }
      g_array_append_val (kids, id);
    }
  if (rc != SQLITE_DONE)
    return thidua_register_sql_fail (c->reg, error, "reading units");
  return TRUE;
}

/* Reads the registrations of a year into a who → TitleSet table (and,
 * for the checked year, into rows). */
static gboolean
load_year (Check *c, const char *label, GHashTable *counted, GArray *rows, GError **error)
{
  g_autoptr(sqlite3_stmt) sel = thidua_register_prepare (c->reg,
      "SELECT r.id, ifnull (r.person_id, 0), ifnull (r.unit_id, 0), r.title, "
      "r.status = 'registered', r.result <> 'not-achieved', r.initiative <> '', ifnull (r.plan_id, 0), "
      "r.result <> 'pending' "
      "FROM registrations r JOIN reg_years y ON y.id = r.year_id WHERE y.label = ?1",
      "reading the register", error);
  g_autoptr(GHashTable) title_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  if (sel == NULL)
    return FALSE;
  reg_bind_text (sel, 1, label);
  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      Row row;
      const char *title = reg_column_text (sel, 3);
      gpointer cached;
      gint64 who;
      TitleSet *set;

      row.id = sqlite3_column_int64 (sel, 0);
      row.person_id = sqlite3_column_int64 (sel, 1);
      row.unit_id = sqlite3_column_int64 (sel, 2);
      row.active = sqlite3_column_int (sel, 4);
      row.counts = row.active && sqlite3_column_int (sel, 5);
      row.initiative = sqlite3_column_int (sel, 6);
      row.plan_id = sqlite3_column_int64 (sel, 7);
      c->has_results |= sqlite3_column_int (sel, 8);
      if (g_hash_table_lookup_extended (title_cache, title, NULL, &cached))
        row.title = GPOINTER_TO_INT (cached);
      else
        {
          row.title = title_index (c, title);
          g_hash_table_insert (title_cache, g_strdup (title), GINT_TO_POINTER (row.title));
        }

      who = row.person_id > 0 ? row.person_id : -row.unit_id;
      if (row.counts)
        {
          set = g_hash_table_lookup (counted, &who);
          if (set == NULL)
            {
              set = g_new0 (TitleSet, 1);
              g_hash_table_insert (counted, dup_id (who), set);
            }
          set_add (set, row.title);
        }
      if (rows != NULL)
        {
          g_array_append_val (rows, row);
          if (row.active && row.person_id > 0)
            {
              GHashTable *members = g_hash_table_lookup (c->people_by_unit, &row.unit_id);
              if (members == NULL)
                {
                  members = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
                  g_hash_table_insert (c->people_by_unit, dup_id (row.unit_id), members);
                }
              if (!g_hash_table_contains (members, &row.person_id))
                g_hash_table_add (members, dup_id (row.person_id));
              if (!g_hash_table_contains (c->staff, &row.person_id))
                g_hash_table_add (c->staff, dup_id (row.person_id));
            }
        }
    }
  if (rc != SQLITE_DONE)
    return thidua_register_sql_fail (c->reg, error, "reading the register");
  return TRUE;
}

static GHashTable *
new_counted_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

/* ---- rules ---- */

static char *
year_label (Check *c, int offset)
{
  int y = c->start_year - offset;
  return c->school ? g_strdup_printf ("%d-%d", y, y + 1) : g_strdup_printf ("%d", y);
}

/* Whether who holds one of ids (catalog ids) counted this year. */
static gboolean
holds_any (Check *c, gint64 who, GStrv ids)
{
  TitleSet *set = counted_of (c, c->counted, who);

  for (guint i = 0; set != NULL && ids[i]; i++)
    if (set_has (set, title_index (c, ids[i])))
      return TRUE;
  return FALSE;
}

/* "“Hoàn thành xuất sắc nhiệm vụ”" (or several, joined), "" for none. */
static char *
alternatives_text (Check *c, GStrv ids)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; ids[i]; i++)
    {
      int t = title_index (c, ids[i]);
      if (t < 0)
        continue;
      if (s->len)
        g_string_append (s, ", ");
      g_string_append_printf (s, "“%s”", title_name (c, t));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
check_prerequisite (Check *c, ThiduaRule *rule, GError **error)
{
  int title = title_index (c, thidua_rule_get_title (rule));
  g_auto(GStrv) requires = thidua_rule_dup_strings (rule, "requires");
  int years = (int) thidua_rule_get_number (rule, "consecutive_years", 1);
  gboolean initiative = thidua_rule_get_boolean (rule, "initiative", FALSE);
  /* titles that stand in for the initiative (Luật 2022, Điều 23 khoản 2:
   * "hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến …") */
  g_auto(GStrv) initiative_or = thidua_rule_dup_strings (rule, "initiative_or");
  g_autoptr(GPtrArray) past = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);

  /* past[k] holds year Y-k-1 */
  for (int k = 1; k < years; k++)
    {
      g_autofree char *label = year_label (c, k);
      GHashTable *t = new_counted_table ();
      g_ptr_array_add (past, t);
      if (!load_year (c, label, t, NULL, error))
        return FALSE;
    }

  for (guint i = 0; i < c->rows->len; i++)
    {
      Row *row = &g_array_index (c->rows, Row, i);
      gint64 who = row->person_id > 0 ? row->person_id : -row->unit_id;

      if (row->title != title || !row->counts)
        continue;

      if (initiative && !row->initiative && !holds_any (c, who, initiative_or))
        {
          g_autofree char *w = describe (c, row->person_id, row->unit_id);
          g_autofree char *alt = alternatives_text (c, initiative_or);
          ThiduaFinding *f = add_finding (c, rule, thidua_rule_get_title (rule),
              *alt == '\0'
              ? g_strdup_printf (_("%s is registered for “%s” in %s without an initiative or research topic"),
                                 w, title_name (c, title), c->label)
              : g_strdup_printf (_("%s is registered for “%s” in %s without an initiative or research "
                                   "topic, nor %s"),
                                 w, title_name (c, title), c->label, alt));
          f->registration_id = row->id;
          f->person_id = row->person_id;
          f->unit_id = row->unit_id;
        }

      for (guint r = 0; requires[r]; r++)
        {
          int need = title_index (c, requires[r]);
          g_autoptr(GString) missing = g_string_new (NULL);
          guint n_missing = 0;

          for (int k = 0; k < years; k++)
            {
              TitleSet *set = k == 0 ? counted_of (c, c->counted, who)
                                     : counted_of (c, g_ptr_array_index (past, k - 1), who);
              if (set == NULL || !set_has (set, need))
                {
                  g_autofree char *label = year_label (c, k);
                  if (missing->len)
                    g_string_prepend (missing, ", ");
                  g_string_prepend (missing, label);
                  n_missing++;
                }
            }
          if (n_missing > 0)
            {
              g_autofree char *w = describe (c, row->person_id, row->unit_id);
              ThiduaFinding *f;

              if (years == 1)
                f = add_finding (c, rule, thidua_rule_get_title (rule),
                    g_strdup_printf (_("%s is registered for “%s” in %s without “%s” the same year"),
                                     w, title_name (c, title), c->label, title_name (c, need)));
              else
                {
                  g_autofree char *first = year_label (c, years - 1);
                  f = add_finding (c, rule, thidua_rule_get_title (rule),
                      g_strdup_printf (_("%s is registered for “%s” in %s but “%s” is needed %d years "
                                         "running (%s to %s); missing: %s"),
                                       w, title_name (c, title), c->label, title_name (c, need),
                                       years, first, c->label, missing->str));
                }
              f->registration_id = row->id;
              f->person_id = row->person_id;
              f->unit_id = row->unit_id;
              f->count = years - n_missing;
              f->limit = years;
            }
        }
    }
  return TRUE;
}

/* People (not units) holding a counted title this year. */
static guint
count_people_with (Check *c, int title)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_hash_table_iter_init (&iter, c->counted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(gint64 *) key > 0 && set_has (value, title))
      n++;
  return n;
}

static guint
count_units_with (Check *c, int title)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_hash_table_iter_init (&iter, c->counted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(gint64 *) key < 0 && set_has (value, title))
      n++;
  return n;
}

static char *
format_percent (double p)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", p));
}

static void
check_quota (Check *c, ThiduaRule *rule)
{
  int title = title_index (c, thidua_rule_get_title (rule));
  const char *of = thidua_rule_get_string (rule, "of", "staff");
  double percent = thidua_rule_get_number (rule, "max_percent", 100);
  g_autofree char *pct = format_percent (percent);
  guint count = count_people_with (c, title);
  guint base;
  guint allowed;
  g_autofree char *base_text = NULL;
  ThiduaFinding *f;

  if (g_str_equal (of, "staff"))
    {
      base = g_hash_table_size (c->staff);
      base_text = g_strdup_printf (_("%u people registered"), base);
    }
  else
    {
      int base_title = title_index (c, of);
      base = count_people_with (c, base_title);
      /* "đạt" only once results exist; before, what is known is who registered */
      base_text = c->has_results
        ? g_strdup_printf (_("%u with “%s”"), base, title_name (c, base_title))
        : g_strdup_printf (_("%u registered for “%s”"), base, title_name (c, base_title));
    }
  allowed = thidua_rule_quota_allowed (base, percent);
  if (count <= allowed)
    return;
  f = add_finding (c, rule, thidua_rule_get_title (rule),
      /* while every result is pending the numbers are registrations */
      c->has_results
      ? g_strdup_printf (_("%u people have “%s” in %s, more than %s%% of %s allows (at most %u)"),
                         count, title_name (c, title), c->label, pct, base_text, allowed)
      : g_strdup_printf (_("%u people registered for “%s” in %s, more than %s%% of %s allows (at most %u)"),
                         count, title_name (c, title), c->label, pct, base_text, allowed));
  f->count = count;
  f->limit = allowed;
  f->base = base;
}

static void
collect_subtree (Check *c, gint64 unit_id, GHashTable *members)
{
  GHashTable *direct = g_hash_table_lookup (c->people_by_unit, &unit_id);
  GArray *kids = g_hash_table_lookup (c->children, &unit_id);

  if (direct != NULL)
    {
      GHashTableIter iter;
      gpointer key;
      g_hash_table_iter_init (&iter, direct);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (members, key);   /* keys owned by people_by_unit */
    }
  for (guint i = 0; kids && i < kids->len; i++)
    collect_subtree (c, g_array_index (kids, gint64, i), members);
}

static void
check_collective (Check *c, ThiduaRule *rule)
{
  int title = title_index (c, thidua_rule_get_title (rule));
  int members_title = title_index (c, thidua_rule_get_string (rule, "members_title", "ldtt"));
  double min_percent = thidua_rule_get_number (rule, "min_percent", 0);
  gboolean strict = thidua_rule_get_boolean (rule, "strict", FALSE);
  const char *any_id = thidua_rule_get_string (rule, "requires_any", NULL);
  int any_title = any_id ? title_index (c, any_id) : -1;
  guint min_count = (guint) thidua_rule_get_number (rule, "min_count", any_id ? 1 : 0);
  g_autofree char *pct = format_percent (min_percent);

  for (guint i = 0; i < c->rows->len; i++)
    {
      Row *row = &g_array_index (c->rows, Row, i);
      g_autoptr(GHashTable) members = NULL;
      GHashTableIter iter;
      gpointer key;
      guint n = 0, with = 0, any = 0;

      if (row->title != title || !row->counts || row->person_id > 0)
        continue;
      members = g_hash_table_new (g_int64_hash, g_int64_equal);
      collect_subtree (c, row->unit_id, members);
      g_hash_table_iter_init (&iter, members);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          TitleSet *set = counted_of (c, c->counted, *(gint64 *) key);
          n++;
          if (set && set_has (set, members_title))
            with++;
          if (set && any_title >= 0 && set_has (set, any_title))
            any++;
        }

      if (n == 0)
        {
          ThiduaFinding *f = add_finding (c, rule, thidua_rule_get_title (rule),
              g_strdup_printf (_("%s is registered for “%s” in %s but none of its members is in the register"),
                               unit_name (c, row->unit_id), title_name (c, title), c->label));
          f->registration_id = row->id;
          f->unit_id = row->unit_id;
          continue;
        }
      if (min_percent > 0 && !thidua_rule_percent_reached (with, n, min_percent, strict))
        {
          ThiduaFinding *f = add_finding (c, rule, thidua_rule_get_title (rule),
              g_strdup_printf (strict ? _("%s is registered for “%s” in %s but only %u of its %u members "
                                          "have “%s”; more than %s%% is needed")
                                      : _("%s is registered for “%s” in %s but only %u of its %u members "
                                          "have “%s”; at least %s%% is needed"),
                               unit_name (c, row->unit_id), title_name (c, title), c->label,
                               with, n, title_name (c, members_title), pct));
          f->registration_id = row->id;
          f->unit_id = row->unit_id;
          f->count = with;
          f->base = n;
          /* the smallest number that meets the condition */
          f->limit = strict ? thidua_rule_quota_allowed (n, min_percent) + 1
                            : n - thidua_rule_quota_allowed (n, 100 - min_percent);
        }
      if (any_title >= 0 && any < min_count)
        {
          ThiduaFinding *f = add_finding (c, rule, thidua_rule_get_title (rule),
              g_strdup_printf (_("%s is registered for “%s” in %s but %u of its members have “%s” "
                                 "(at least %u needed)"),
                               unit_name (c, row->unit_id), title_name (c, title), c->label,
                               any, title_name (c, any_title), min_count));
          f->registration_id = row->id;
          f->unit_id = row->unit_id;
          f->count = any;
          f->limit = min_count;
          f->base = n;
        }
    }
}

static void
check_units_exist (Check *c, ThiduaRule *rule)
{
  for (guint i = 0; i < c->rows->len; i++)
    {
      Row *row = &g_array_index (c->rows, Row, i);
      UnitInfo *u;
      g_autofree char *w = NULL;
      ThiduaFinding *f;

      if (!row->active || row->unit_id <= 0)
        continue;
      u = g_hash_table_lookup (c->units, &row->unit_id);
      if (u == NULL || u->closed_year == 0 || u->closed_year > c->start_year)
        continue;
      w = row->person_id > 0 ? g_strdup (person_name (c, row->person_id)) : NULL;
      f = add_finding (c, rule, NULL,
          w ? g_strdup_printf (_("%s is registered in %s for %s, but %s no longer exists since %d"),
                               w, c->label, u->name, u->name, u->closed_year)
            : g_strdup_printf (_("%s is registered in %s, but it no longer exists since %d"),
                               u->name, c->label, u->closed_year));
      g_free (f->title);
      f->title = g_strdup (row->title >= 0 ? thidua_catalog_get_title (c->catalog, row->title)->id : "");
      f->registration_id = row->id;
      f->person_id = row->person_id;
      f->unit_id = row->unit_id;
    }
}

static gboolean
check_duplicates (Check *c, ThiduaRule *rule, GError **error)
{
  g_autoptr(sqlite3_stmt) sel = thidua_register_prepare (c->reg,
      "WITH here AS (SELECT DISTINCT r.person_id AS id FROM registrations r "
      "              JOIN reg_years y ON y.id = r.year_id "
      "              WHERE y.label = ?1 AND r.person_id IS NOT NULL) "
      "SELECT group_concat (id), ifnull (unit_id, 0), ifnull (birth_year, 0), count (*) "
      "FROM (SELECT * FROM people ORDER BY id) "
      "GROUP BY name_key, ifnull (unit_id, 0), ifnull (birth_year, 0) "
      "HAVING count (*) > 1 AND sum (id IN (SELECT id FROM here)) > 0",
      "looking for duplicate people", error);
  int rc;

  if (sel == NULL)
    return FALSE;
  reg_bind_text (sel, 1, c->label);
  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      g_auto(GStrv) ids = g_strsplit (reg_column_text (sel, 0), ",", -1);
      gint64 first = g_ascii_strtoll (ids[0], NULL, 10);
      gint64 unit_id = sqlite3_column_int64 (sel, 1);
      int birth = sqlite3_column_int (sel, 2);
      g_autofree char *birth_text = birth ? g_strdup_printf (_("born %d"), birth)
                                          : g_strdup (_("birth year unknown"));
      g_autofree char *list = g_strjoinv (", ", ids);
      ThiduaFinding *f = add_finding (c, rule, NULL,
          g_strdup_printf (_("%s appears %d times in %s (%s): people %s"),
                           person_name (c, first), sqlite3_column_int (sel, 3),
                           unit_name (c, unit_id), birth_text, list));
      f->person_id = first;
      f->unit_id = unit_id;
      f->count = sqlite3_column_int (sel, 3);
    }
  if (rc != SQLITE_DONE)
    return thidua_register_sql_fail (c->reg, error, "looking for duplicate people");
  return TRUE;
}

/* ---- targets ---- */

static guint
count_open_units (Check *c)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, c->units);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      UnitInfo *u = value;
      if (u->closed_year == 0 || u->closed_year > c->start_year)
        n++;
    }
  return n;
}

static char *
format_bounds (const ThiduaPlanTarget *t)
{
  const char *unit = t->measure == THIDUA_TARGET_PERCENT ? "%" : "";
  g_autofree char *lo = t->min_value >= 0 ? format_percent (t->min_value) : NULL;
  g_autofree char *hi = t->max_value >= 0 ? format_percent (t->max_value) : NULL;

  if (lo && hi)
    return g_strdup_printf ("%s - %s%s", lo, hi, unit);
  if (lo)
    return g_strdup_printf (_("at least %s%s"), lo, unit);
  return g_strdup_printf (_("at most %s%s"), hi, unit);
}

/* The plan as the secretary knows it from the plans list: its subject in
 * quotes, cut at a word; never its row id. */
static char *
plan_label (Check *c, gint64 plan_id)
{
  g_autoptr(ThiduaPlan) plan = thidua_store_load_plan (thidua_register_get_store (c->reg), plan_id, NULL);
  const char *subject = plan != NULL ? thidua_plan_get_subject (plan) : "";
  g_autoptr(GString) words = g_string_new (NULL);
  gboolean cut = FALSE;
  gsize word_end = 0;
  guint n = 0;

  /* the subject's own quotes would not pair with ours */
  for (const char *p = subject; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch == '"' || ch == 0x201C || ch == 0x201D)
        continue;
      if (ch == ' ')
        word_end = words->len;
      if (++n > 60)
        {
          cut = TRUE;
          break;
        }
      g_string_append_unichar (words, ch);
    }
  if (cut && word_end > 0)
    g_string_truncate (words, word_end);
  while (cut && words->len > 0 && strchr (" ,;:.-", words->str[words->len - 1]) != NULL)
    g_string_truncate (words, words->len - 1);
  if (words->len == 0)
    return g_strdup (_("(no subject)"));
  return g_strdup_printf ("“%s%s”", words->str, cut ? "…" : "");
}

static gboolean
check_targets (Check *c, ThiduaRule *rule, gint64 plan_id, GError **error)
{
  g_autoptr(GArray) plans = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (plan_id > 0)
    g_array_append_val (plans, plan_id);
  else
    {
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      gint64 year_plan = thidua_register_get_year_plan (c->reg, c->label);

      if (year_plan > 0)
        {
          g_array_append_val (plans, year_plan);
          g_hash_table_add (seen, dup_id (year_plan));
        }
      for (guint i = 0; i < c->rows->len; i++)
        {
          Row *row = &g_array_index (c->rows, Row, i);
          if (row->plan_id > 0 && !g_hash_table_contains (seen, &row->plan_id))
            {
              g_array_append_val (plans, row->plan_id);
              g_hash_table_add (seen, dup_id (row->plan_id));
            }
        }
    }

  for (guint p = 0; p < plans->len; p++)
    {
      gint64 pid = g_array_index (plans, gint64, p);
      g_autoptr(GPtrArray) targets = thidua_register_get_targets (c->reg, pid, error);

      if (targets == NULL)
        return FALSE;
      for (guint i = 0; i < targets->len; i++)
        {
          ThiduaPlanTarget *t = g_ptr_array_index (targets, i);
          const ThiduaTitle *title = thidua_catalog_lookup (c->catalog, t->title);
          const ThiduaTitle *base_title = thidua_catalog_lookup (c->catalog, t->base);
          gboolean collective;
          guint count, base = 0;
          gboolean low = FALSE, high = FALSE;
          g_autofree char *bounds = NULL;
          g_autofree char *base_text = NULL;
          g_autofree char *sentence = NULL;
          g_autofree char *plan_text = NULL;
          ThiduaFinding *f;

          if (title == NULL)
            continue;
          collective = title->subject == THIDUA_SUBJECT_COLLECTIVE;
          count = collective ? count_units_with (c, title->position)
                             : count_people_with (c, title->position);
          if (t->measure == THIDUA_TARGET_COUNT)
            {
              low = t->min_value >= 0 && count < t->min_value;
              high = t->max_value >= 0 && count > t->max_value;
            }
          else
            {
              if (base_title != NULL)
                {
                  base = base_title->subject == THIDUA_SUBJECT_COLLECTIVE
                         ? count_units_with (c, base_title->position)
                         : count_people_with (c, base_title->position);
                  base_text = c->has_results
                    ? g_strdup_printf (_("%u with “%s”"), base, base_title->name)
                    : g_strdup_printf (_("%u registered for “%s”"), base, base_title->name);
                }
              else if (g_str_equal (t->base, "units"))
                {
                  base = count_open_units (c);
                  base_text = g_strdup_printf (_("%u units"), base);
                }
              else
                {
                  base = g_hash_table_size (c->staff);
                  base_text = g_strdup_printf (_("%u people registered"), base);
                }
              low = t->min_value >= 0 && (base == 0 || !thidua_rule_percent_reached (count, base, t->min_value, FALSE));
              high = t->max_value >= 0 && base > 0 && thidua_rule_percent_reached (count, base, t->max_value, TRUE);
            }
          if (!low && !high)
            continue;

          bounds = format_bounds (t);
          plan_text = plan_label (c, pid);
          sentence = thidua_plan_target_to_sentence (t, c->catalog);
          if (t->measure == THIDUA_TARGET_COUNT)
            {
              /* whole sentences, so that each can be translated */
              const char *format = !c->has_results
                ? (low
                   ? (collective ? _("target of plan %s not reached: %u units registered for “%s” in %s, "
                                     "the plan sets %s (%s)")
                                 : _("target of plan %s not reached: %u people registered for “%s” in %s, "
                                     "the plan sets %s (%s)"))
                   : (collective ? _("target of plan %s exceeded: %u units registered for “%s” in %s, "
                                     "the plan sets %s (%s)")
                                 : _("target of plan %s exceeded: %u people registered for “%s” in %s, "
                                     "the plan sets %s (%s)")))
                : low
                ? (collective ? _("target of plan %s not reached: %u units have “%s” in %s, "
                                  "the plan sets %s (%s)")
                              : _("target of plan %s not reached: %u people have “%s” in %s, "
                                  "the plan sets %s (%s)"))
                : (collective ? _("target of plan %s exceeded: %u units have “%s” in %s, "
                                  "the plan sets %s (%s)")
                              : _("target of plan %s exceeded: %u people have “%s” in %s, "
                                  "the plan sets %s (%s)"));

              f = add_finding (c, rule, title->id,
                  g_strdup_printf (format, plan_text, count, title->name, c->label, bounds, sentence));
            }
          else
            {
              g_autofree char *actual = base ? format_percent (100.0 * count / base) : g_strdup ("0");
              f = add_finding (c, rule, title->id,
                  g_strdup_printf (!c->has_results
                                   ? (low ? _("target of plan %s not reached: %u of %s registered for “%s” "
                                              "in %s (%s%%), the plan sets %s (%s)")
                                          : _("target of plan %s exceeded: %u of %s registered for “%s” "
                                              "in %s (%s%%), the plan sets %s (%s)"))
                                   : low ? _("target of plan %s not reached: %u of %s have “%s” "
                                             "in %s (%s%%), the plan sets %s (%s)")
                                         : _("target of plan %s exceeded: %u of %s have “%s” "
                                             "in %s (%s%%), the plan sets %s (%s)"),
                                   plan_text, count, base_text, title->name, c->label, actual, bounds, sentence));
            }
          f->count = count;
          f->base = base;
          f->limit = (guint) (low ? t->min_value : t->max_value);
        }
    }
  return TRUE;
}

GPtrArray *
thidua_register_check (ThiduaRegister *self, const char *year, gint64 plan_id, GError **error)
{
  Check c = { 0 };
  GPtrArray *rules;
  GDate reference;
  gboolean ok = TRUE;

  g_return_val_if_fail (THIDUA_IS_REGISTER (self), NULL);

  c.reg = self;
  c.catalog = thidua_register_get_catalog (self);
  if (!thidua_reg_year_parse (year, &c.label, &c.start_year, &c.school, error))
    return NULL;
  c.rows = g_array_new (FALSE, FALSE, sizeof (Row));
  c.counted = new_counted_table ();
  c.units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) unit_info_free);
  c.children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  c.people_by_unit = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) g_hash_table_unref);
  c.staff = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  c.names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  c.findings = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_finding_free);
  c.name_stmt = thidua_register_prepare (self,
      "SELECT family_name, middle_name, given_name FROM people WHERE id = ?1", "reading people", error);

  if (c.name_stmt == NULL || !load_units (&c, error)
      || !load_year (&c, c.label, c.counted, c.rows, error))
    ok = FALSE;

  /* The rules in force for the year: those of 31 December, or of the end
   * of a school year (thidua_catalog_reference_date). */
  thidua_catalog_reference_date (c.catalog, c.start_year, c.school, &reference);
  rules = thidua_catalog_get_rules (c.catalog);
  for (guint i = 0; ok && i < rules->len; i++)
    {
      g_autoptr(ThiduaRule) rule = NULL;

      if (!thidua_rule_get_enabled (g_ptr_array_index (rules, i)))
        continue;
      rule = thidua_rule_at (g_ptr_array_index (rules, i), &reference,
                             thidua_catalog_get_legal (c.catalog));
      if (rule == NULL)
        continue;
      switch (thidua_rule_get_kind (rule))
        {
        case THIDUA_RULE_PREREQUISITE:
          ok = check_prerequisite (&c, rule, error);
          break;
        case THIDUA_RULE_QUOTA:
          check_quota (&c, rule);
          break;
        case THIDUA_RULE_COLLECTIVE:
          check_collective (&c, rule);
          break;
        case THIDUA_RULE_TARGET:
          ok = check_targets (&c, rule, plan_id, error);
          break;
        case THIDUA_RULE_INTEGRITY:
          if (g_str_equal (thidua_rule_get_id (rule), "unit-exists"))
            check_units_exist (&c, rule);
          else if (g_str_equal (thidua_rule_get_id (rule), "duplicate-people"))
            ok = check_duplicates (&c, rule, error);
          break;
        default:
          break;
        }
    }

  if (!ok)
    {
      g_clear_pointer (&c.findings, g_ptr_array_unref);
      check_clear (&c);
      return NULL;
    }
  check_clear (&c);
  return c.findings;
}
