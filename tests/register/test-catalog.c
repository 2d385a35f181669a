/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-catalog.c — the title catalog and the rules, read from data. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>

#include "thidua-catalog.h"
#include "thidua-paths.h"

static ThiduaCatalog *
default_catalog (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *titles = thidua_paths_find_data ("catalog", "titles.json", NULL);
  g_autofree char *rules = thidua_paths_find_data ("catalog", "rules.json", NULL);
  ThiduaCatalog *catalog = thidua_catalog_new_from_files (titles, rules, &error);

  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  return catalog;
}

static void
test_match_names_and_abbreviations (void)
{
  g_autoptr(ThiduaCatalog) catalog = default_catalog ();
  /* decomposed input, as typed with Unikey's "Unicode tổ hợp" */
  g_autofree char *nfd = g_utf8_normalize ("Chiến sĩ thi đua cơ sở", -1, G_NORMALIZE_NFD);
  struct { const char *text; const char *id; } cases[] = {
    { "Lao động tiên tiến", "ldtt" },
    { "LAO ĐỘNG TIÊN TIẾN", "ldtt" },
    { "lao dong tien tien", "ldtt" },
    { "LĐTT", "ldtt" },
    { "ldtt", "ldtt" },
    { "  “Lao động tiên tiến”. ", "ldtt" },
    { "Danh hiệu Lao động tiên tiến", "ldtt" },
    { "CSTĐCS", "cstdcs" },
    { "CSTĐ CS", "cstdcs" },
    { "Chiến sỹ thi đua cơ sở", "cstdcs" },
    { nfd, "cstdcs" },
    { "Chiến sĩ thi đua cấp tỉnh", "cstd-tinh" },
    { "TTLĐXS", "ttldxs" },
    { "Tập thể Lao động xuất sắc", "ttldxs" },
    { "TTLĐTT", "ttldtt" },
    { "Hoàn thành xuất sắc nhiệm vụ", "htxsnv" },
    { "Giấy khen của Hiệu trưởng", "gk" },
    { "Bằng khen của Chủ tịch UBND tỉnh", "bk-tinh" },
    { "Huân chương Lao động hạng Ba", "hcld3" },
    { "Đoàn viên công đoàn xuất sắc", "dvcdxs" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const ThiduaTitle *t = thidua_catalog_match (catalog, cases[i].text);
      g_assert_nonnull (t);
      g_assert_cmpstr (t->id, ==, cases[i].id);
    }
  g_assert_null (thidua_catalog_match (catalog, "Giải thưởng Nobel"));
  g_assert_null (thidua_catalog_match (catalog, ""));
  g_assert_null (thidua_catalog_match (catalog, "Lao động"));
}

static void
test_title_kinds (void)
{
  g_autoptr(ThiduaCatalog) catalog = default_catalog ();
  const ThiduaTitle *t;

  t = thidua_catalog_lookup (catalog, "ttldxs");
  g_assert_nonnull (t);
  g_assert_cmpint (t->subject, ==, THIDUA_SUBJECT_COLLECTIVE);
  g_assert_cmpint (t->kind, ==, THIDUA_TITLE_KIND_TITLE);
  g_assert_cmpstr (thidua_title_get_short_name (t), ==, "TTLĐXS");
  t = thidua_catalog_lookup (catalog, "bk-tinh");
  g_assert_cmpint (t->kind, ==, THIDUA_TITLE_KIND_REWARD);
  g_assert_cmpint (t->subject, ==, THIDUA_SUBJECT_BOTH);
  g_assert_cmpstr (thidua_title_get_short_name (t), ==, t->name);
  t = thidua_catalog_lookup (catalog, "ldtt");
  g_assert_cmpint (t->subject, ==, THIDUA_SUBJECT_INDIVIDUAL);
  /* every name in the data is NFC */
  for (guint i = 0; i < thidua_catalog_get_n_titles (catalog); i++)
    {
      const ThiduaTitle *ti = thidua_catalog_get_title (catalog, i);
      g_autofree char *nfc = g_utf8_normalize (ti->name, -1, G_NORMALIZE_NFC);
      g_assert_cmpstr (ti->name, ==, nfc);
      g_assert_true (thidua_catalog_match (catalog, ti->name) == ti);
    }
}

static void
test_rules_loaded (void)
{
  g_autoptr(ThiduaCatalog) catalog = default_catalog ();
  ThiduaRule *quota = thidua_catalog_lookup_rule (catalog, "cstdcs-quota");
  ThiduaRule *three = thidua_catalog_lookup_rule (catalog, "cstd-tinh-three-years");
  g_auto(GStrv) requires = NULL;

  g_assert_nonnull (quota);
  g_assert_cmpint (thidua_rule_get_kind (quota), ==, THIDUA_RULE_QUOTA);
  g_assert_true (thidua_rule_get_enabled (quota));
  g_assert_cmpfloat (thidua_rule_get_number (quota, "max_percent", 0), ==, 15);
  g_assert_cmpstr (thidua_rule_get_string (quota, "of", NULL), ==, "ldtt");
  g_assert_cmpstr (thidua_rule_get_source (quota), !=, "");

  g_assert_nonnull (three);
  g_assert_cmpfloat (thidua_rule_get_number (three, "consecutive_years", 0), ==, 3);
  requires = thidua_rule_dup_strings (three, "requires");
  g_assert_cmpuint (g_strv_length (requires), ==, 1);
  g_assert_cmpstr (requires[0], ==, "cstdcs");

  for (guint i = 0; i < thidua_catalog_get_rules (catalog)->len; i++)
    {
      ThiduaRule *r = g_ptr_array_index (thidua_catalog_get_rules (catalog), i);
      g_assert_cmpstr (thidua_rule_get_source (r), !=, "");
      g_assert_cmpstr (thidua_rule_get_description (r), !=, "");
    }
}

static void
test_quota_arithmetic (void)
{
  /* floor: 15% of 20 is 3, of 21 is 3.15 → 3, of 19 is 2.85 → 2 */
  g_assert_cmpuint (thidua_rule_quota_allowed (20, 15), ==, 3);
  g_assert_cmpuint (thidua_rule_quota_allowed (21, 15), ==, 3);
  g_assert_cmpuint (thidua_rule_quota_allowed (19, 15), ==, 2);
  g_assert_cmpuint (thidua_rule_quota_allowed (6, 15), ==, 0);
  g_assert_cmpuint (thidua_rule_quota_allowed (7, 15), ==, 1);
  g_assert_cmpuint (thidua_rule_quota_allowed (0, 15), ==, 0);
  g_assert_cmpuint (thidua_rule_quota_allowed (10, 20), ==, 2);
  g_assert_cmpuint (thidua_rule_quota_allowed (14, 20), ==, 2);
  g_assert_cmpuint (thidua_rule_quota_allowed (15, 20), ==, 3);
  g_assert_cmpuint (thidua_rule_quota_allowed (100000, 15), ==, 15000);
  g_assert_cmpuint (thidua_rule_quota_allowed (8, 12.5), ==, 1);

  /* 7 of 10 is exactly 70%: reached; strictly more than 50%: 5 of 10 is not */
  g_assert_true (thidua_rule_percent_reached (7, 10, 70, FALSE));
  g_assert_false (thidua_rule_percent_reached (6, 10, 70, FALSE));
  g_assert_false (thidua_rule_percent_reached (5, 10, 50, TRUE));
  g_assert_true (thidua_rule_percent_reached (6, 10, 50, TRUE));
  g_assert_true (thidua_rule_percent_reached (1, 1, 100, FALSE));
  g_assert_false (thidua_rule_percent_reached (0, 0, 50, FALSE));
}

static char *
write_temp (const char *name, const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thidua-catalog-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_office_override (void)
{
  g_autoptr(ThiduaCatalog) catalog = default_catalog ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_temp ("rules.json",
    "{\"rules\": [{\"id\": \"cstdcs-quota\", \"parameters\": {\"max_percent\": 10}},"
    "             {\"id\": \"htxsnv-quota\", \"enabled\": false}]}");
  ThiduaRule *quota = thidua_catalog_lookup_rule (catalog, "cstdcs-quota");

  g_assert_true (thidua_catalog_apply_overrides (catalog, path, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (thidua_rule_get_number (quota, "max_percent", 0), ==, 10);
  /* untouched parameters stay */
  g_assert_cmpstr (thidua_rule_get_string (quota, "of", NULL), ==, "ldtt");
  g_assert_true (thidua_rule_get_enabled (quota));
  g_assert_false (thidua_rule_get_enabled (thidua_catalog_lookup_rule (catalog, "htxsnv-quota")));
  remove_temp (path);

  g_free (path);
  path = write_temp ("rules.json", "{\"rules\": [{\"id\": \"cstdcs-quota\", \"parameters\": {\"max_percent\": 150}}]}");
  g_assert_false (thidua_catalog_apply_overrides (catalog, path, &error));
  g_assert_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "max_percent"));
  g_assert_nonnull (strstr (error->message, "cstdcs-quota"));
  /* a refused override changes nothing */
  g_assert_cmpfloat (thidua_rule_get_number (quota, "max_percent", 0), ==, 10);
  g_clear_error (&error);
  remove_temp (path);

  g_free (path);
  path = write_temp ("rules.json", "{\"rules\": [{\"id\": \"no-such-rule\", \"enabled\": false}]}");
  g_assert_false (thidua_catalog_apply_overrides (catalog, path, &error));
  g_assert_nonnull (strstr (error->message, "no-such-rule"));
  remove_temp (path);
}

static void
test_bad_data (void)
{
  g_autofree char *titles = thidua_paths_find_data ("catalog", "titles.json", NULL);
  struct { const char *rules; const char *expect; } cases[] = {
    { "{\"rules\": [{\"id\": \"x\", \"kind\": \"magic\", \"title\": \"ldtt\"}]}", "magic" },
    { "{\"rules\": [{\"id\": \"x\", \"kind\": \"quota\", \"title\": \"nope\"}]}", "nope" },
    { "{\"rules\": [{\"id\": \"x\", \"kind\": \"quota\"}]}", "needs a “title”" },
    { "{\"rules\": [{\"id\": \"x\", \"kind\": \"quota\", \"title\": \"ldtt\", \"parameters\": {\"max_percent\": \"15%\"}}]}", "must be a number" },
    { "{\"rules\": [{\"id\": \"x\", \"kind\": \"quota\", \"title\": \"ldtt\"},"
      "            {\"id\": \"x\", \"kind\": \"quota\", \"title\": \"ldtt\"}]}", "twice" },
    { "{\"rules\": [", "rules.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = write_temp ("rules.json", cases[i].rules);
      g_autoptr(ThiduaCatalog) catalog = thidua_catalog_new_from_files (titles, path, &error);

      g_assert_null (catalog);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].expect) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, cases[i].expect);
      remove_temp (path);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/register/catalog/match", test_match_names_and_abbreviations);
  g_test_add_func ("/register/catalog/kinds", test_title_kinds);
  g_test_add_func ("/register/rules/loaded", test_rules_loaded);
  g_test_add_func ("/register/rules/quota-arithmetic", test_quota_arithmetic);
  g_test_add_func ("/register/rules/office-override", test_office_override);
  g_test_add_func ("/register/rules/bad-data", test_bad_data);
  return g_test_run ();
}
