/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-register-calendar.c — `thidua-cli register check` judges a year by
 * the rules in force then: the same register in 2024 and in 2026 cites the
 * decree in force each year, and a quota whose period changes it is judged
 * differently either side of 1 July 2025 (calendar years by 31 December,
 * school years by their end, which the office may move). */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "../thidua-test-tmp.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* config: XDG_CONFIG_HOME for the office's overrides (NULL: an empty one). */
static void
cli (Run *r, const char *config, const char *db, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  va_list ap;
  const char *a;

  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config, TRUE);
  g_ptr_array_add (argv, (gpointer) g_getenv ("THIDUA_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (gpointer) db);
  va_start (ap, db);
  while ((a = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &r->out, &r->err, &r->status, &error);
  g_assert_no_error (error);
}

/* The finding of rule_id in `register check --year year --json`, as a new
 * reference, or NULL. */
static JsonObject *
check_finding (const char *config, const char *db, const char *year, const char *rule_id)
{
  g_auto(Run) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  cli (&r, config, db, "register", "check", "--year", year, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      if (g_str_equal (json_object_get_string_member (o, "rule"), rule_id))
        return json_object_ref (o);
    }
  return NULL;
}

static char *
make_register (const char *dir, const char *config, const char * const *years)
{
  char *db = g_build_filename (dir, "calendar.db", NULL);
  g_autofree char *csv = g_build_filename (g_getenv ("THIDUA_TEST_FIXTURES"), "register",
                                           "dang-ky-2024.csv", NULL);

  for (guint i = 0; years[i]; i++)
    {
      g_auto(Run) r = { 0 };
      cli (&r, config, db, "register", "import", csv, "--year", years[i], NULL);
      g_assert_cmpint (r.status, ==, 0);
    }
  return db;
}

static void
test_decree_in_force (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-calendar");
  g_autofree char *config = g_build_filename (dir, "config", NULL);
  const char * const years[] = { "2024", "2026", NULL };
  g_autofree char *db = NULL;
  g_autoptr(JsonObject) f2024 = NULL, f2026 = NULL;
  const char *s2024, *s2026;

  db = make_register (dir, config, years);
  f2024 = check_finding (config, db, "2024", "cstdcs-quota");
  f2026 = check_finding (config, db, "2026", "cstdcs-quota");
  g_assert_nonnull (f2024);
  g_assert_nonnull (f2026);
  s2024 = json_object_get_string_member (f2024, "source");
  s2026 = json_object_get_string_member (f2026, "source");
  g_assert_nonnull (strstr (s2024, "Nghị định 98/2023/NĐ-CP"));
  g_assert_null (strstr (s2024, "152/2025"));
  g_assert_nonnull (strstr (s2026, "Nghị định 152/2025/NĐ-CP"));
  g_assert_null (strstr (s2026, "98/2023"));
  /* the same register: the same numbers */
  g_assert_cmpint (json_object_get_int_member (f2024, "count"), ==,
                   json_object_get_int_member (f2026, "count"));
  g_assert_cmpint (json_object_get_int_member (f2024, "limit"), ==,
                   json_object_get_int_member (f2026, "limit"));
  thidua_test_tmpdir_remove (dir);
}

/* An office's quota that changes on 1 July 2025 (the shipped data has no
 * verified change of substance): up to 30 June 2025 no cap, from 1 July 2025
 * nobody. */
static const char *changed_quota =
  "{\"rules\": [{\"id\": \"cstdcs-quota\", \"periods\": ["
  " {\"to\": \"2025-06-30\", \"document\": \"98/2023/NĐ-CP\", \"parameters\": {\"max_percent\": 100}},"
  " {\"from\": \"2025-07-01\", \"document\": \"152/2025/NĐ-CP\", \"article\": \"Điều thử\","
  "  \"parameters\": {\"max_percent\": 0}}]}]}";

static void
test_quota_changes_with_period (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-calendar-quota");
  g_autofree char *config = g_build_filename (dir, "config", NULL);
  g_autofree char *thidua_config = g_build_filename (config, "thidua", NULL);
  g_autofree char *rules = g_build_filename (thidua_config, "rules.json", NULL);
  const char * const years[] = { "2024", "2025", "2024-2025", "2025-2026", NULL };
  g_autofree char *db = NULL;
  g_autoptr(JsonObject) y2024 = NULL, y2025 = NULL, s2425 = NULL, s2526 = NULL, moved = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (thidua_config, 0700), ==, 0);
  g_assert_true (g_file_set_contents (rules, changed_quota, -1, &error));
  db = make_register (dir, config, years);

  /* Calendar years by 31 December: 2024 under the old rule, 2025 the new. */
  y2024 = check_finding (config, db, "2024", "cstdcs-quota");
  y2025 = check_finding (config, db, "2025", "cstdcs-quota");
  g_assert_null (y2024);
  g_assert_nonnull (y2025);
  g_assert_cmpint (json_object_get_int_member (y2025, "limit"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (y2025, "source"), ==,
                   "Nghị định 152/2025/NĐ-CP, Điều thử");

  /* School years by their end (31 May by default): 2024-2025 ends before
   * 1 July 2025. */
  s2425 = check_finding (config, db, "2024-2025", "cstdcs-quota");
  s2526 = check_finding (config, db, "2025-2026", "cstdcs-quota");
  g_assert_null (s2425);
  g_assert_nonnull (s2526);

  /* The office sets another reference date: 31 August. */
  {
    g_autofree char *with_end = g_strdup_printf ("{\"school_year_end\": \"08-31\", %s", changed_quota + 1);
    g_assert_true (g_file_set_contents (rules, with_end, -1, &error));
  }
  moved = check_finding (config, db, "2024-2025", "cstdcs-quota");
  g_assert_nonnull (moved);

  /* A period citing a document the legal table lacks is refused, naming it. */
  {
    g_auto(Run) r = { 0 };
    g_assert_true (g_file_set_contents (rules,
        "{\"rules\": [{\"id\": \"cstdcs-quota\", \"periods\": ["
        " {\"document\": \"777/2025/NĐ-CP\"}]}]}", -1, &error));
    cli (&r, config, db, "register", "check", "--year", "2025", NULL);
    g_assert_cmpint (r.status, !=, 0);
    g_assert_nonnull (strstr (r.err, "777/2025/NĐ-CP"));
  }
  thidua_test_tmpdir_remove (dir);
}

/* The same register judged in 2023, 2024 and 2026 (Luật 2022, Điều 23
 * khoản 2: from 2024 “hoàn thành xuất sắc nhiệm vụ” stands in for the
 * initiative; Nghị định 152/2025/NĐ-CP changed nothing here): a Chiến sĩ thi
 * đua cơ sở with HTXSNV and no initiative is a finding in 2023 only, and each
 * year's finding names the decree then in force and the article. */
static const char *initiative_csv =
  "BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA\n"
  "STT;Họ và tên;Chức vụ;Đơn vị;Loại;Đăng ký danh hiệu thi đua;Hình thức khen thưởng;Sáng kiến;Ghi chú\n"
  "1;Lê Văn Cường;Giảng viên;Khoa Xây dựng Đảng;Cá nhân;\"LĐTT; CSTĐCS; HTXSNV\";;;\n"
  "2;Phạm Thị Dung;Chuyên viên;Phòng Đào tạo;Cá nhân;CSTĐCS;;Sáng kiến số hóa;\n";

static void
test_initiative_by_period (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-calendar-initiative");
  g_autofree char *config = g_build_filename (dir, "config", NULL);
  g_autofree char *db = g_build_filename (dir, "initiative.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "dang-ky.csv", NULL);
  const char * const years[] = { "2023", "2024", "2026", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (csv, initiative_csv, -1, &error));
  for (guint i = 0; years[i]; i++)
    {
      g_auto(Run) r = { 0 };
      cli (&r, config, db, "register", "import", csv, "--year", years[i], NULL);
      g_assert_cmpint (r.status, ==, 0);
    }

  {
    g_autoptr(JsonObject) y2023 = check_finding (config, db, "2023", "cstdcs-needs-initiative");
    g_autoptr(JsonObject) y2024 = check_finding (config, db, "2024", "cstdcs-needs-initiative");
    g_autoptr(JsonObject) y2026 = check_finding (config, db, "2026", "cstdcs-needs-initiative");
    const char *src;

    g_assert_nonnull (y2023);
    src = json_object_get_string_member (y2023, "source");
    g_assert_true (g_str_has_prefix (src, "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3 điểm b"));
    g_assert_nonnull (strstr (src, "Luật 15/2003/QH11, Điều 23 khoản 2"));
    g_assert_nonnull (strstr (json_object_get_string_member (y2023, "message"), "Lê Văn Cường"));
    g_assert_null (y2024);
    g_assert_null (y2026);
  }
  {
    /* Phạm Thị Dung has no LĐTT: each year names its decree and the article */
    g_autoptr(JsonObject) y2024 = check_finding (config, db, "2024", "cstdcs-needs-ldtt");
    g_autoptr(JsonObject) y2026 = check_finding (config, db, "2026", "cstdcs-needs-ldtt");
    const char *s2024, *s2026;

    g_assert_nonnull (y2024);
    g_assert_nonnull (y2026);
    s2024 = json_object_get_string_member (y2024, "source");
    s2026 = json_object_get_string_member (y2026, "source");
    g_assert_true (g_str_has_prefix (s2024, "Nghị định 98/2023/NĐ-CP"));
    g_assert_true (g_str_has_prefix (s2026, "Nghị định 152/2025/NĐ-CP"));
    g_assert_nonnull (strstr (s2024, "Luật 06/2022/QH15, Điều 23 khoản 1"));
    g_assert_nonnull (strstr (s2026, "Luật 06/2022/QH15, Điều 23 khoản 1"));
  }
  thidua_test_tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/register-calendar/decree-in-force", test_decree_in_force);
  g_test_add_func ("/register-calendar/quota-changes-with-period", test_quota_changes_with_period);
  g_test_add_func ("/register-calendar/initiative-by-period", test_initiative_by_period);
  return g_test_run ();
}
