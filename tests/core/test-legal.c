/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-legal.c — the legal-document table: it validates on load (dates in
 * order, "replaced by" present and without a cycle), offices extend it, the
 * catalog's rules and titles cite only documents in it, a plan's "Căn cứ"
 * lines are judged at the plan's date, and templates cite texts through it. */
#include "config.h"

#include <string.h>
#ifndef G_OS_WIN32
#include <unistd.h>
#endif
#include <glib/gstdio.h>

#include "thidua-legal.h"
#include "thidua-catalog.h"
#include "thidua-paths.h"
#include "thidua-store.h"
#include "../thidua-test-tmp.h"

static void
set_date (GDate *d, int day, int month, int year)
{
  g_date_clear (d, 1);
  g_date_set_dmy (d, day, month, year);
}

static char *
write_file (const char *dir, const char *name, const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_default_table (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = thidua_paths_find_data ("legal", "documents.json", NULL);
  g_autoptr(ThiduaLegalTable) table = thidua_legal_table_new_from_file (path, &error);
  const ThiduaLegalDocument *d98, *d152, *d91;
  GDate date;

  g_assert_no_error (error);
  g_assert_nonnull (table);
  g_assert_cmpuint (thidua_legal_table_get_n_documents (table), >=, 8);

  /* Written another way: leading zeros, "ND-CP" without the đ. */
  d98 = thidua_legal_table_lookup (table, "098/2023/ND-CP");
  d152 = thidua_legal_table_lookup (table, "152/2025/NĐ-CP");
  d91 = thidua_legal_table_lookup (table, "91/2017/NĐ-CP");
  g_assert_nonnull (d98);
  g_assert_nonnull (d152);
  g_assert_nonnull (d91);
  g_assert_cmpstr (d98->replaced_by, ==, "152/2025/NĐ-CP");
  g_assert_cmpstr (d91->replaced_by, ==, "98/2023/NĐ-CP");

  /* 1 July 2025 is the first day of 152/2025 and the day after 98/2023. */
  set_date (&date, 30, 6, 2025);
  g_assert_true (thidua_legal_document_in_force (d98, &date));
  g_assert_false (thidua_legal_document_in_force (d152, &date));
  set_date (&date, 1, 7, 2025);
  g_assert_false (thidua_legal_document_in_force (d98, &date));
  g_assert_true (thidua_legal_document_in_force (d152, &date));
  g_assert_true (thidua_legal_table_current (table, d91, &date) == d152);
  set_date (&date, 15, 3, 2024);
  g_assert_true (thidua_legal_table_current (table, d91, &date) == d98);

  /* Every document says how far it was checked. */
  for (guint i = 0; i < thidua_legal_table_get_n_documents (table); i++)
    {
      const ThiduaLegalDocument *d = thidua_legal_table_get_document (table, i);
      g_assert_true (g_date_valid (&d->checked));
      g_assert_cmpstr (d->kind, !=, "");
      g_assert_cmpstr (d->issuer, !=, "");
    }
}

static void
assert_refused (const char *contents, const char *needle)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-legal");
  g_autofree char *path = write_file (dir, "legal.json", contents);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLegalTable) table = thidua_legal_table_new_from_file (path, &error);

  g_assert_null (table);
  g_assert_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not name “%s”", error->message, needle);
  thidua_test_tmpdir_remove (dir);
}

static void
test_validation (void)
{
  /* in force before its own date */
  assert_refused ("{\"documents\": [{\"number\": \"1/2020/NĐ-CP\", \"date\": \"2020-05-01\","
                  " \"in_force_from\": \"2020-04-01\"}]}", "1/2020/NĐ-CP");
  /* in force to before in force from */
  assert_refused ("{\"documents\": [{\"number\": \"2/2020/NĐ-CP\", \"in_force_from\": \"2020-04-01\","
                  " \"in_force_to\": \"2019-04-01\"}]}", "2/2020/NĐ-CP");
  /* replaced by a document not in the table */
  assert_refused ("{\"documents\": [{\"number\": \"3/2020/NĐ-CP\", \"in_force_to\": \"2021-01-01\","
                  " \"replaced_by\": \"4/2021/NĐ-CP\"}]}", "4/2021/NĐ-CP");
  /* a cycle through "replaced by" */
  assert_refused ("{\"documents\": ["
                  "{\"number\": \"5/2020/NĐ-CP\", \"in_force_to\": \"2021-01-01\", \"replaced_by\": \"6/2021/NĐ-CP\"},"
                  "{\"number\": \"6/2021/NĐ-CP\", \"in_force_to\": \"2022-01-01\", \"replaced_by\": \"5/2020/NĐ-CP\"}]}",
                  "comes back");
  /* a date that is not one */
  assert_refused ("{\"documents\": [{\"number\": \"7/2020/NĐ-CP\", \"date\": \"2020-02-30\"}]}", "date");
  assert_refused ("{\"documents\": [{\"number\": \"8/2020/NĐ-CP\", \"verification\": \"sure\"}]}", "sure");
  assert_refused ("{\"documents\": [{\"date\": \"2020-02-03\"}]}", "number");
  assert_refused ("[1, 2]", "object");
}

#ifndef G_OS_WIN32
static void
test_symlink_refused (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-legal-link");
  g_autofree char *target = thidua_paths_find_data ("legal", "documents.json", NULL);
  g_autofree char *link = g_build_filename (dir, "legal.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLegalTable) table = NULL;

  g_assert_cmpint (symlink (target, link), ==, 0);
  table = thidua_legal_table_new_from_file (link, &error);
  g_assert_null (table);
  g_assert_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID);
  /* removed first: clearing the directory would chmod the link's target */
  g_assert_cmpint (g_unlink (link), ==, 0);
  thidua_test_tmpdir_remove (dir);
}
#endif

/* An office adds its province's decision and corrects a date; a correction
 * that breaks the order is refused naming its file. */
static void
test_office_extension (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-legal-office");
  g_autofree char *path = thidua_paths_find_data ("legal", "documents.json", NULL);
  g_autofree char *office = write_file (dir, "legal.json",
      "{\"documents\": ["
      "{\"number\": \"25/2024/QĐ-UBND\", \"kind\": \"Quyết định\", \"issuer\": \"UBND tỉnh\","
      " \"date\": \"2024-05-02\", \"in_force_from\": \"2024-05-15\", \"verification\": \"read\"},"
      "{\"number\": \"91/2017/NĐ-CP\", \"in_force_from\": \"2017-09-16\"}]}");
  g_autofree char *bad = write_file (dir, "bad.json",
      "{\"documents\": [{\"number\": \"152/2025/NĐ-CP\", \"in_force_from\": \"2025-01-01\"}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLegalTable) table = thidua_legal_table_new_from_file (path, &error);
  const ThiduaLegalDocument *d;

  g_assert_no_error (error);
  g_assert_true (thidua_legal_table_merge_file (table, office, &error));
  g_assert_no_error (error);
  d = thidua_legal_table_lookup (table, "25/2024/QĐ-UBND");
  g_assert_nonnull (d);
  g_assert_cmpint (d->verification, ==, THIDUA_LEGAL_OFFICIAL);
  d = thidua_legal_table_lookup (table, "91/2017/NĐ-CP");
  g_assert_cmpint (g_date_get_day (&d->in_force_from), ==, 16);
  /* what the office did not give stays */
  g_assert_cmpstr (d->replaced_by, ==, "98/2023/NĐ-CP");

  /* 152/2025 dated 14/6/2025 cannot be in force from 1/1/2025 */
  g_assert_false (thidua_legal_table_merge_file (table, bad, &error));
  g_assert_nonnull (strstr (error->message, "bad.json"));
  g_assert_nonnull (strstr (error->message, "152/2025/NĐ-CP"));
  thidua_test_tmpdir_remove (dir);
}

static const char *body_91 =
  "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003;\n"
  "- Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ;\n"
  "Thực hiện Kế hoạch số 36-KH/TU, Nghị định 98/2023/NĐ-CP nhắc lại ở đây;\n"
  "I. MỤC ĐÍCH, YÊU CẦU\n";

static void
test_check_body (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLegalTable) table = thidua_legal_table_new_default (&error);
  g_autoptr(GPtrArray) in_2026 = NULL, in_2017 = NULL, in_2017_early = NULL;
  ThiduaLegalFinding *f;
  GDate date;

  g_assert_no_error (error);
  set_date (&date, 8, 2, 2026);
  in_2026 = thidua_legal_check_body (table, body_91, &date);
  /* The 2003 law cited by its date and the 2017 decree; the line that does
   * not start with "Căn cứ" is not a legal basis. */
  g_assert_cmpuint (in_2026->len, ==, 2);
  f = g_ptr_array_index (in_2026, 0);
  g_assert_cmpint (f->line, ==, 0);
  g_assert_cmpstr (f->number, ==, "15/2003/QH11");
  g_assert_cmpstr (f->current, ==, "06/2022/QH15");
  f = g_ptr_array_index (in_2026, 1);
  g_assert_cmpint (f->line, ==, 1);
  g_assert_cmpstr (f->number, ==, "91/2017/NĐ-CP");
  g_assert_cmpstr (f->current, ==, "152/2025/NĐ-CP");
  g_assert_nonnull (strstr (f->message, "Nghị định 91/2017/NĐ-CP"));
  g_assert_nonnull (strstr (f->message, "Nghị định 152/2025/NĐ-CP"));

  /* The same plan dated December 2017: both were in force. */
  set_date (&date, 15, 12, 2017);
  in_2017 = thidua_legal_check_body (table, body_91, &date);
  g_assert_cmpuint (in_2017->len, ==, 0);

  /* Dated before the decree took effect: not yet in force. */
  set_date (&date, 1, 8, 2017);
  in_2017_early = thidua_legal_check_body (table, body_91, &date);
  g_assert_cmpuint (in_2017_early->len, ==, 1);
  f = g_ptr_array_index (in_2017_early, 0);
  g_assert_cmpstr (f->number, ==, "91/2017/NĐ-CP");
  g_assert_null (f->current);
}

/* The plan's date: a missing day or month counts as the first, a missing
 * year as today. */
static void
test_plan_date (void)
{
  g_autoptr(ThiduaPlan) plan = thidua_plan_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLegalTable) table = thidua_legal_table_new_default (&error);
  GDate d;

  thidua_legal_plan_date (plan, &d);
  g_assert_cmpint (g_date_get_year (&d), ==, g_date_time_get_year (now));
  thidua_plan_set_date (plan, 0, 7, 2025);
  thidua_legal_plan_date (plan, &d);
  g_assert_cmpint (g_date_get_day (&d), ==, 1);
  g_assert_cmpint (g_date_get_month (&d), ==, 7);

  thidua_plan_set_body (plan, "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023;\n");
  findings = thidua_legal_check_plan (table, plan);
  g_assert_cmpuint (findings->len, ==, 1);
}

static void
test_placeholders (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLegalTable) table = thidua_legal_table_new_default (&error);
  g_autofree char *in_2026 = NULL, *in_2024 = NULL, *unknown = NULL;
  GDate date;

  g_assert_no_error (error);
  set_date (&date, 6, 12, 2026);
  in_2026 = thidua_legal_resolve_placeholders (table, "Căn cứ {{van-ban:98/2023/NĐ-CP}} của Chính phủ;", &date);
  g_assert_cmpstr (in_2026, ==, "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;");
  set_date (&date, 1, 3, 2024);
  in_2024 = thidua_legal_resolve_placeholders (table, "{{van-ban:91/2017/NĐ-CP}}", &date);
  g_assert_cmpstr (in_2024, ==, "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023");
  unknown = thidua_legal_resolve_placeholders (table, "a {{van-ban:1/1999/X}} b {{van-ban:", &date);
  g_assert_cmpstr (unknown, ==, "a 1/1999/X b {{van-ban:");
}

/* Every built-in template, made into a plan today, cites no document out of
 * force and keeps no placeholder. */
static void
test_templates_current (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-legal-templates");
  g_autofree char *db = g_build_filename (dir, "t.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = thidua_store_open (db, 0, &error);
  g_autoptr(ThiduaLegalTable) table = thidua_legal_table_new_default (&error);
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gboolean cites = FALSE;

  g_assert_no_error (error);
  templates = thidua_store_list_templates (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < templates->len; i++)
    {
      ThiduaTemplateInfo *t = g_ptr_array_index (templates, i);
      g_autoptr(ThiduaPlan) plan = thidua_store_plan_from_template (store, t->name, &error);
      g_autoptr(GPtrArray) findings = NULL;

      g_assert_no_error (error);
      thidua_plan_set_date (plan, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                            g_date_time_get_year (now));
      findings = thidua_legal_check_plan (table, plan);
      for (guint j = 0; j < findings->len; j++)
        g_printerr ("%s: %s\n", t->name, ((ThiduaLegalFinding *) g_ptr_array_index (findings, j))->message);
      g_assert_cmpuint (findings->len, ==, 0);
      g_assert_null (strstr (thidua_plan_get_body (plan), "{{"));
      if (strstr (thidua_plan_get_body (plan), "Căn cứ Nghị định số ") != NULL)
        cites = TRUE;
    }
  g_assert_true (cites);
  g_clear_object (&store);
  thidua_test_tmpdir_remove (dir);
}

/* The catalog's rules and titles cite only documents of the table. */
static void
test_catalog_sources (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-legal-catalog");
  g_autofree char *titles = thidua_paths_find_data ("catalog", "titles.json", NULL);
  g_autofree char *rules = thidua_paths_find_data ("catalog", "rules.json", NULL);
  g_autofree char *bad_rules = write_file (dir, "rules.json",
      "{\"rules\": [{\"id\": \"q\", \"kind\": \"quota\", \"title\": \"cstdcs\","
      " \"parameters\": {\"max_percent\": 15, \"of\": \"ldtt\"},"
      " \"periods\": [{\"from\": \"2024-01-01\", \"document\": \"999/2024/NĐ-CP\"}]}]}");
  g_autofree char *overlap = write_file (dir, "overlap.json",
      "{\"rules\": [{\"id\": \"q\", \"kind\": \"quota\", \"title\": \"cstdcs\","
      " \"periods\": [{\"to\": \"2025-06-30\", \"document\": \"98/2023/NĐ-CP\"},"
      " {\"from\": \"2025-06-01\", \"document\": \"152/2025/NĐ-CP\"}]}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLegalTable) table = thidua_legal_table_new_default (&error);
  g_autoptr(ThiduaCatalog) catalog = thidua_catalog_new_from_files (titles, rules, &error);
  g_autoptr(ThiduaCatalog) bad = NULL, overlapping = NULL;
  guint dated = 0;

  g_assert_no_error (error);
  g_assert_true (thidua_catalog_set_legal (catalog, table, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < thidua_catalog_get_rules (catalog)->len; i++)
    if (thidua_rule_get_n_periods (g_ptr_array_index (thidua_catalog_get_rules (catalog), i)) > 0)
      dated++;
  g_assert_cmpuint (dated, >=, 6);
  for (guint i = 0; i < thidua_catalog_get_n_titles (catalog); i++)
    {
      const ThiduaTitle *t = thidua_catalog_get_title (catalog, i);
      if (g_str_equal (t->system, "state") && t->kind != THIDUA_TITLE_KIND_RATING)
        g_assert_cmpuint (g_strv_length (t->legal), >, 0);
    }

  bad = thidua_catalog_new_from_files (titles, bad_rules, &error);
  g_assert_no_error (error);
  g_assert_false (thidua_catalog_set_legal (bad, table, &error));
  g_assert_nonnull (strstr (error->message, "999/2024/NĐ-CP"));
  g_assert_nonnull (strstr (error->message, "“q”"));
  g_clear_error (&error);

  overlapping = thidua_catalog_new_from_files (titles, overlap, &error);
  g_assert_null (overlapping);
  g_assert_nonnull (strstr (error->message, "overlaps"));
  g_clear_error (&error);

  /* the Law's article cited as {document, article}: the document too must be
   * in the table */
  {
    g_autofree char *bad_also = write_file (dir, "also.json",
        "{\"rules\": [{\"id\": \"q\", \"kind\": \"quota\", \"title\": \"cstdcs\","
        " \"periods\": [{\"document\": \"152/2025/NĐ-CP\","
        "   \"also\": [{\"document\": \"88/2099/QH99\", \"article\": \"Điều 1\"}]}]}]}");
    g_autoptr(ThiduaCatalog) c = thidua_catalog_new_from_files (titles, bad_also, &error);
    g_assert_no_error (error);
    g_assert_false (thidua_catalog_set_legal (c, table, &error));
    g_assert_nonnull (strstr (error->message, "88/2099/QH99"));
  }
  thidua_test_tmpdir_remove (dir);
}

/* A rule judged at a date takes that period's parameters and source. */
static void
test_rule_at (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLegalTable) table = thidua_legal_table_new_default (&error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ThiduaRule) rule = NULL, before = NULL, after = NULL, none = NULL;
  GDate date;

  g_assert_true (json_parser_load_from_data (parser,
      "{\"id\": \"q\", \"kind\": \"quota\", \"title\": \"cstdcs\","
      " \"parameters\": {\"max_percent\": 15, \"of\": \"ldtt\"},"
      " \"periods\": [{\"from\": \"2024-01-01\", \"to\": \"2025-06-30\", \"document\": \"98/2023/NĐ-CP\","
      "   \"article\": \"Điều X\"},"
      " {\"from\": \"2025-07-01\", \"document\": \"152/2025/NĐ-CP\", \"note\": \"chưa đối chiếu\","
      "   \"also\": [\"06/2022/QH15\"], \"parameters\": {\"max_percent\": 10}}]}", -1, &error));
  rule = thidua_rule_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);

  set_date (&date, 31, 12, 2024);
  before = thidua_rule_at (rule, &date, table);
  g_assert_cmpfloat (thidua_rule_get_number (before, "max_percent", 0), ==, 15);
  g_assert_cmpstr (thidua_rule_get_source (before), ==, "Nghị định 98/2023/NĐ-CP, Điều X");
  set_date (&date, 1, 7, 2025);
  after = thidua_rule_at (rule, &date, table);
  g_assert_cmpfloat (thidua_rule_get_number (after, "max_percent", 0), ==, 10);
  g_assert_cmpstr (thidua_rule_get_string (after, "of", ""), ==, "ldtt");
  g_assert_cmpstr (thidua_rule_get_source (after), ==,
                   "Nghị định 152/2025/NĐ-CP (chưa đối chiếu); Luật 06/2022/QH15");
  set_date (&date, 31, 12, 2023);
  none = thidua_rule_at (rule, &date, table);
  g_assert_null (none);
}

/* The shipped rules at 31/12/2023, 2024 and 2026: the documents in force,
 * the Law's article, the one change of substance the sources show (Luật 2022,
 * Điều 23 khoản 2) and none on 1/7/2025; an "also" entry must name its
 * document. */
static void
test_rules_articles (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLegalTable) table = thidua_legal_table_new_default (&error);
  g_autofree char *titles = thidua_paths_find_data ("catalog", "titles.json", NULL);
  g_autofree char *rules = thidua_paths_find_data ("catalog", "rules.json", NULL);
  g_autoptr(ThiduaCatalog) catalog = thidua_catalog_new_from_files (titles, rules, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  ThiduaRule *initiative = NULL, *ldtt = NULL;
  const ThiduaLegalDocument *d152;
  GDate d2023, d2024, d2026;

  g_assert_no_error (error);
  d152 = thidua_legal_table_lookup (table, "152/2025/NĐ-CP");
  g_assert_cmpint (d152->verification, ==, THIDUA_LEGAL_OFFICIAL);
  g_assert_cmpstr (thidua_legal_verification_to_string (d152->verification), ==, "official");
  for (guint i = 0; i < thidua_catalog_get_rules (catalog)->len; i++)
    {
      ThiduaRule *r = g_ptr_array_index (thidua_catalog_get_rules (catalog), i);
      if (g_str_equal (thidua_rule_get_id (r), "cstdcs-needs-initiative"))
        initiative = r;
      else if (g_str_equal (thidua_rule_get_id (r), "cstdcs-needs-ldtt"))
        ldtt = r;
    }
  g_assert_nonnull (initiative);
  g_assert_nonnull (ldtt);
  set_date (&d2023, 31, 12, 2023);
  set_date (&d2024, 31, 12, 2024);
  set_date (&d2026, 31, 12, 2026);
  {
    g_autoptr(ThiduaRule) a = thidua_rule_at (initiative, &d2023, table);
    g_autoptr(ThiduaRule) b = thidua_rule_at (initiative, &d2024, table);
    g_autoptr(ThiduaRule) c = thidua_rule_at (initiative, &d2026, table);
    g_auto(GStrv) alt_a = thidua_rule_dup_strings (a, "initiative_or");
    g_auto(GStrv) alt_b = thidua_rule_dup_strings (b, "initiative_or");
    g_auto(GStrv) alt_c = thidua_rule_dup_strings (c, "initiative_or");

    g_assert_cmpuint (g_strv_length (alt_a), ==, 0);
    g_assert_true (g_strv_contains ((const char * const *) alt_b, "htxsnv"));
    g_assert_true (g_strv_contains ((const char * const *) alt_c, "htxsnv"));
    g_assert_true (g_str_has_prefix (thidua_rule_get_source (a),
                                     "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3 điểm b"));
    g_assert_nonnull (strstr (thidua_rule_get_source (a), "Luật 15/2003/QH11, Điều 23 khoản 2"));
    g_assert_nonnull (strstr (thidua_rule_get_source (c), "Luật 06/2022/QH15, Điều 23 khoản 2"));
  }
  {
    g_autoptr(ThiduaRule) b = thidua_rule_at (ldtt, &d2024, table);
    g_autoptr(ThiduaRule) c = thidua_rule_at (ldtt, &d2026, table);

    g_assert_true (g_str_has_prefix (thidua_rule_get_source (b), "Nghị định 98/2023/NĐ-CP"));
    g_assert_true (g_str_has_prefix (thidua_rule_get_source (c), "Nghị định 152/2025/NĐ-CP"));
    g_assert_nonnull (strstr (thidua_rule_get_source (c), "Luật 06/2022/QH15, Điều 23 khoản 1"));
  }

  g_assert_true (json_parser_load_from_data (parser,
      "{\"id\": \"q\", \"kind\": \"quota\", \"title\": \"cstdcs\","
      " \"periods\": [{\"document\": \"152/2025/NĐ-CP\", \"also\": [{\"article\": \"Điều 1\"}]}]}",
      -1, &error));
  {
    ThiduaRule *bad = thidua_rule_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
    g_assert_null (bad);
    g_assert_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "also"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/legal/default-table", test_default_table);
  g_test_add_func ("/legal/validation", test_validation);
#ifndef G_OS_WIN32
  g_test_add_func ("/legal/symlink-refused", test_symlink_refused);
#endif
  g_test_add_func ("/legal/office-extension", test_office_extension);
  g_test_add_func ("/legal/check-body", test_check_body);
  g_test_add_func ("/legal/plan-date", test_plan_date);
  g_test_add_func ("/legal/placeholders", test_placeholders);
  g_test_add_func ("/legal/templates-current", test_templates_current);
  g_test_add_func ("/legal/catalog-sources", test_catalog_sources);
  g_test_add_func ("/legal/rule-at", test_rule_at);
  g_test_add_func ("/legal/rules-articles", test_rules_articles);
  return g_test_run ();
}
