/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-register-check.c — every rule with a case that passes and one that
 * fails, quota arithmetic at the boundary, rules switched off or changed in
 * the data, plan targets. */
#include "config.h"

#include <string.h>

#include "register-test-util.h"
#include "thidua-register-check.h"
#include "thidua-register-targets.h"

static GPtrArray *
check (RegFixture *f, const char *year, gint64 plan_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *findings = thidua_register_check (f->reg, year, plan_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (findings);
  return findings;
}

/* The findings of one rule. */
static GPtrArray *
findings_of (GPtrArray *all, const char *rule_id)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    {
      ThiduaFinding *fi = g_ptr_array_index (all, i);
      if (g_str_equal (fi->rule_id, rule_id))
        g_ptr_array_add (out, fi);
    }
  return out;
}

static guint
n_findings (RegFixture *f, const char *year, const char *rule_id)
{
  g_autoptr(GPtrArray) all = check (f, year, 0);
  g_autoptr(GPtrArray) mine = findings_of (all, rule_id);
  return mine->len;
}

static gint64
unit (RegFixture *f, const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = thidua_register_add_unit (f->reg, 0, name, "khoa", &error);
  g_assert_no_error (error);
  return id;
}

/* n people in a unit, each with LĐTT in year; returns their ids. */
static GArray *
staff (RegFixture *f, gint64 unit_id, guint n, const char *year, gboolean ldtt)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Nguyễn Văn Người%u", i + 1);
      g_autofree char *uname = NULL;
      gint64 id;

      /* unique per unit so that duplicates do not mix in */
      uname = g_strdup_printf ("%s %" G_GINT64_FORMAT, name, unit_id);
      id = reg_add_person (f, uname, unit_id, 1980 + i % 20);
      reg_add (f, year, id, ldtt ? "LĐTT" : "HTTNV");
      g_array_append_val (ids, id);
    }
  return ids;
}

static void
test_cstdcs_needs_ldtt (RegFixture *f, gconstpointer data)
{
  gint64 u = unit (f, "Khoa A");
  gint64 ok = reg_add_person (f, "Trần Thị Bình", u, 1985);
  gint64 bad = reg_add_person (f, "Lê Văn Cường", u, 1986);
  gint64 failed = reg_add_person (f, "Phạm Văn Dũng", u, 1987);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  ThiduaFinding *fi;

  reg_add (f, "2024", ok, "LĐTT");
  reg_add_full (f, "2024", ok, 0, "CSTĐCS", "Sáng kiến A", THIDUA_REG_RESULT_PENDING);
  reg_add_full (f, "2024", bad, 0, "CSTĐCS", "Sáng kiến B", THIDUA_REG_RESULT_PENDING);
  /* LĐTT not achieved counts as missing */
  reg_add_full (f, "2024", failed, 0, "LĐTT", NULL, THIDUA_REG_RESULT_NOT_ACHIEVED);
  reg_add_full (f, "2024", failed, 0, "CSTĐCS", "Sáng kiến C", THIDUA_REG_RESULT_PENDING);

  all = check (f, "2024", 0);
  mine = findings_of (all, "cstdcs-needs-ldtt");
  g_assert_cmpuint (mine->len, ==, 2);
  fi = g_ptr_array_index (mine, 0);
  g_assert_cmpint (fi->kind, ==, THIDUA_RULE_PREREQUISITE);
  g_assert_true (fi->person_id == bad || fi->person_id == failed);
  g_assert_cmpint (fi->registration_id, >, 0);
  g_assert_cmpstr (fi->title, ==, "cstdcs");
  g_assert_nonnull (strstr (fi->message, "Lao động tiên tiến"));
  /* the decree in force in 2024 and the Law's article that holds the rule */
  g_assert_true (g_str_has_prefix (fi->source, "98/2023/NĐ-CP"));
  g_assert_nonnull (strstr (fi->source, "06/2022/QH15, Điều 23 khoản 1"));
}

static void
test_cstdcs_needs_initiative (RegFixture *f, gconstpointer data)
{
  gint64 u = unit (f, "Khoa A");
  gint64 ok = reg_add_person (f, "Trần Thị Bình", u, 1985);
  gint64 bad = reg_add_person (f, "Lê Văn Cường", u, 1986);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) mine = NULL;

  reg_add (f, "2024", ok, "LĐTT");
  reg_add_full (f, "2024", ok, 0, "CSTĐCS", "Đổi mới phương pháp giảng dạy", THIDUA_REG_RESULT_PENDING);
  reg_add (f, "2024", bad, "LĐTT");
  reg_add (f, "2024", bad, "CSTĐCS");

  all = check (f, "2024", 0);
  mine = findings_of (all, "cstdcs-needs-initiative");
  g_assert_cmpuint (mine->len, ==, 1);
  g_assert_cmpint (((ThiduaFinding *) mine->pdata[0])->person_id, ==, bad);
  g_assert_nonnull (strstr (((ThiduaFinding *) mine->pdata[0])->message, "Lê Văn Cường"));
  /* from 2024 the Law accepts “hoàn thành xuất sắc nhiệm vụ” instead */
  g_assert_nonnull (strstr (((ThiduaFinding *) mine->pdata[0])->message, "Hoàn thành xuất sắc nhiệm vụ"));
  g_assert_nonnull (strstr (((ThiduaFinding *) mine->pdata[0])->source, "Điều 23 khoản 2"));
}

/* Luật Thi đua, khen thưởng 2022, Điều 23 khoản 2: from 2024 a Chiến sĩ thi
 * đua cơ sở needs an initiative OR “hoàn thành xuất sắc nhiệm vụ”; up to 2023
 * (Luật 2003, Điều 23; Nghị định 91/2017, Điều 9 khoản 3) the initiative
 * only.  The same person, the same registrations, judged by each period. */
static void
test_initiative_or_htxsnv (RegFixture *f, gconstpointer data)
{
  gint64 u = unit (f, "Khoa A");
  gint64 p = reg_add_person (f, "Lê Văn Cường", u, 1986);
  const char *years[] = { "2023", "2024", "2026" };

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      reg_add (f, years[i], p, "LĐTT");
      reg_add (f, years[i], p, "CSTĐCS");
      reg_add (f, years[i], p, "HTXSNV");
    }
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autoptr(GPtrArray) all = check (f, years[i], 0);
      g_autoptr(GPtrArray) mine = findings_of (all, "cstdcs-needs-initiative");
      if (i == 0)
        {
          ThiduaFinding *fi;
          g_assert_cmpuint (mine->len, ==, 1);
          fi = mine->pdata[0];
          g_assert_nonnull (strstr (fi->source, "91/2017/NĐ-CP, Điều 9 khoản 3 điểm b"));
          g_assert_nonnull (strstr (fi->source, "15/2003/QH11, Điều 23 khoản 2"));
        }
      else
        g_assert_cmpuint (mine->len, ==, 0);
    }
}

static void
test_three_years (RegFixture *f, gconstpointer data)
{
  gint64 u = unit (f, "Khoa A");
  gint64 ok = reg_add_person (f, "Trần Thị Bình", u, 1985);
  gint64 bad = reg_add_person (f, "Lê Văn Cường", u, 1986);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  ThiduaFinding *fi;
  const char *years[] = { "2022", "2023", "2024" };

  for (guint i = 0; i < 3; i++)
    {
      reg_add (f, years[i], ok, "LĐTT");
      reg_add_full (f, years[i], ok, 0, "CSTĐCS", "SK", THIDUA_REG_RESULT_ACHIEVED);
      reg_add (f, years[i], bad, "LĐTT");
      /* bad misses 2022 */
      if (i > 0)
        reg_add_full (f, years[i], bad, 0, "CSTĐCS", "SK", THIDUA_REG_RESULT_ACHIEVED);
    }
  reg_add (f, "2024", ok, "Chiến sĩ thi đua cấp tỉnh");
  reg_add (f, "2024", bad, "Chiến sĩ thi đua cấp tỉnh");

  all = check (f, "2024", 0);
  mine = findings_of (all, "cstd-tinh-three-years");
  g_assert_cmpuint (mine->len, ==, 1);
  fi = g_ptr_array_index (mine, 0);
  g_assert_cmpint (fi->person_id, ==, bad);
  g_assert_cmpuint (fi->count, ==, 2);
  g_assert_cmpuint (fi->limit, ==, 3);
  g_assert_nonnull (strstr (fi->message, "missing: 2022"));
}

static void
test_three_school_years (RegFixture *f, gconstpointer data)
{
  gint64 u = unit (f, "Trường Tiểu học Him Lam");
  gint64 p = reg_add_person (f, "Lò Thị Mai", u, 1990);

  reg_add (f, "2022-2023", p, "LĐTT");
  reg_add_full (f, "2022-2023", p, 0, "CSTĐCS", "SK", THIDUA_REG_RESULT_ACHIEVED);
  reg_add (f, "2023-2024", p, "LĐTT");
  reg_add_full (f, "2023-2024", p, 0, "CSTĐCS", "SK", THIDUA_REG_RESULT_ACHIEVED);
  reg_add (f, "2023-2024", p, "Chiến sĩ thi đua cấp tỉnh");
  g_assert_cmpuint (n_findings (f, "2023-2024", "cstd-tinh-three-years"), ==, 1);
  reg_add (f, "2021-2022", p, "LĐTT");
  reg_add_full (f, "2021-2022", p, 0, "CSTĐCS", "SK", THIDUA_REG_RESULT_ACHIEVED);
  g_assert_cmpuint (n_findings (f, "2023-2024", "cstd-tinh-three-years"), ==, 0);
}

/* n_ldtt people with LĐTT, the first n_cs of them also CSTĐCS with an
 * initiative. */
static void
quota_case (RegFixture *f, guint n_ldtt, guint n_cs)
{
  gint64 u = unit (f, "Khoa A");
  g_autoptr(GArray) ids = staff (f, u, n_ldtt, "2024", TRUE);

  for (guint i = 0; i < n_cs; i++)
    reg_add_full (f, "2024", g_array_index (ids, gint64, i), 0, "CSTĐCS", "SK", THIDUA_REG_RESULT_PENDING);
}

static void
test_quota_20_3 (RegFixture *f, gconstpointer data)
{
  quota_case (f, 20, 3);   /* 15% of 20 = 3: allowed */
  g_assert_cmpuint (n_findings (f, "2024", "cstdcs-quota"), ==, 0);
  g_assert_cmpuint (n_findings (f, "2024", "cstdcs-needs-ldtt"), ==, 0);
}

static void
test_quota_20_4 (RegFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  ThiduaFinding *fi;

  quota_case (f, 20, 4);
  all = check (f, "2024", 0);
  mine = findings_of (all, "cstdcs-quota");
  g_assert_cmpuint (mine->len, ==, 1);
  fi = g_ptr_array_index (mine, 0);
  g_assert_cmpuint (fi->count, ==, 4);
  g_assert_cmpuint (fi->limit, ==, 3);
  g_assert_cmpuint (fi->base, ==, 20);
  g_assert_cmpint (fi->kind, ==, THIDUA_RULE_QUOTA);
  g_assert_nonnull (strstr (fi->message, "15% of 20"));
  g_assert_nonnull (strstr (fi->message, "at most 3"));
}

static void
test_quota_21 (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) mine = NULL;

  quota_case (f, 21, 3);   /* 15% of 21 = 3.15: still 3 */
  g_assert_cmpuint (n_findings (f, "2024", "cstdcs-quota"), ==, 0);
  /* a fourth is one too many */
  ids = staff (f, thidua_register_add_unit (f->reg, 0, "Khoa B", "", &error), 0, "2024", TRUE);
  {
    ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
    g_autoptr(GPtrArray) rows = NULL;
    q.year = "2024";
    q.title = "LĐTT";
    rows = thidua_register_query (f->reg, &q, &error);
    g_assert_cmpuint (rows->len, ==, 21);
    /* the 4th person with LĐTT but no CSTĐCS yet */
    for (guint i = 0; i < rows->len; i++)
      {
        ThiduaRegistration *r = g_ptr_array_index (rows, i);
        if (g_str_has_prefix (r->person_name, "Nguyễn Văn Người4 "))
          reg_add_full (f, "2024", r->person_id, 0, "CSTĐCS", "SK", THIDUA_REG_RESULT_PENDING);
      }
  }
  all = check (f, "2024", 0);
  mine = findings_of (all, "cstdcs-quota");
  g_assert_cmpuint (mine->len, ==, 1);
  g_assert_cmpuint (((ThiduaFinding *) mine->pdata[0])->count, ==, 4);
  g_assert_cmpuint (((ThiduaFinding *) mine->pdata[0])->limit, ==, 3);
  g_assert_cmpuint (((ThiduaFinding *) mine->pdata[0])->base, ==, 21);
}

static void
test_withdrawn_do_not_count (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 u = unit (f, "Khoa A");
  g_autoptr(GArray) ids = staff (f, u, 20, "2024", TRUE);
  gint64 extra = 0;

  for (guint i = 0; i < 4; i++)
    extra = reg_add_full (f, "2024", g_array_index (ids, gint64, i), 0, "CSTĐCS", "SK",
                          THIDUA_REG_RESULT_PENDING);
  g_assert_cmpuint (n_findings (f, "2024", "cstdcs-quota"), ==, 1);
  {
    g_autoptr(ThiduaRegistration) r = thidua_register_load (f->reg, extra, &error);
    r->status = THIDUA_REG_STATUS_WITHDRAWN;
    g_assert_true (thidua_register_update (f->reg, r, &error));
  }
  g_assert_cmpuint (n_findings (f, "2024", "cstdcs-quota"), ==, 0);
}

static void
test_htxsnv_quota (RegFixture *f, gconstpointer data)
{
  gint64 u = unit (f, "Phòng Tổ chức");
  g_autoptr(GArray) ids = staff (f, u, 10, "2024", FALSE);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) mine = NULL;

  reg_add (f, "2024", g_array_index (ids, gint64, 0), "HTXSNV");
  reg_add (f, "2024", g_array_index (ids, gint64, 1), "HTXSNV");
  g_assert_cmpuint (n_findings (f, "2024", "htxsnv-quota"), ==, 0);   /* 20% of 10 = 2 */
  reg_add (f, "2024", g_array_index (ids, gint64, 2), "HTXSNV");
  all = check (f, "2024", 0);
  mine = findings_of (all, "htxsnv-quota");
  g_assert_cmpuint (mine->len, ==, 1);
  g_assert_cmpuint (((ThiduaFinding *) mine->pdata[0])->count, ==, 3);
  g_assert_cmpuint (((ThiduaFinding *) mine->pdata[0])->limit, ==, 2);
  g_assert_cmpuint (((ThiduaFinding *) mine->pdata[0])->base, ==, 10);
}

/* A unit of 10 (5 in the unit, 5 in a tổ inside it) with n_ldtt LĐTT and
 * n_cs CSTĐCS, registered for title. */
static gint64
collective_case (RegFixture *f, const char *title, guint n_ldtt, guint n_cs)
{
  g_autoptr(GError) error = NULL;
  gint64 khoa = unit (f, "Khoa Xây dựng Đảng");
  gint64 to = thidua_register_add_unit (f->reg, khoa, "Tổ Bộ môn", "tổ", &error);

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("Hoàng Văn Thành%u", i);
      gint64 p = reg_add_person (f, name, i < 5 ? khoa : to, 1980);
      reg_add (f, "2024", p, i < n_ldtt ? "LĐTT" : "HTTNV");
      if (i < n_cs)
        reg_add_full (f, "2024", p, 0, "CSTĐCS", "SK", THIDUA_REG_RESULT_PENDING);
    }
  return reg_add_full (f, "2024", 0, khoa, title, NULL, THIDUA_REG_RESULT_PENDING);
}

static void
test_ttldxs_passes (RegFixture *f, gconstpointer data)
{
  collective_case (f, "TTLĐXS", 7, 1);   /* exactly 70% and one CSTĐCS */
  g_assert_cmpuint (n_findings (f, "2024", "ttldxs-conditions"), ==, 0);
}

static void
test_ttldxs_too_few_ldtt (RegFixture *f, gconstpointer data)
{
  gint64 reg_id = collective_case (f, "TTLĐXS", 6, 1);
  g_autoptr(GPtrArray) all = check (f, "2024", 0);
  g_autoptr(GPtrArray) mine = findings_of (all, "ttldxs-conditions");
  ThiduaFinding *fi;

  g_assert_cmpuint (mine->len, ==, 1);
  fi = g_ptr_array_index (mine, 0);
  g_assert_cmpint (fi->registration_id, ==, reg_id);
  g_assert_cmpuint (fi->count, ==, 6);
  g_assert_cmpuint (fi->base, ==, 10);
  g_assert_cmpuint (fi->limit, ==, 7);
  g_assert_nonnull (strstr (fi->message, "6 of its 10"));
}

static void
test_ttldxs_no_cstdcs (RegFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) mine = NULL;

  collective_case (f, "TTLĐXS", 8, 0);
  all = check (f, "2024", 0);
  mine = findings_of (all, "ttldxs-conditions");
  g_assert_cmpuint (mine->len, ==, 1);
  g_assert_nonnull (strstr (((ThiduaFinding *) mine->pdata[0])->message, "Chiến sĩ thi đua cơ sở"));
}

static void
test_ttldtt (RegFixture *f, gconstpointer data)
{
  collective_case (f, "TTLĐTT", 6, 0);   /* 60% > 50% */
  g_assert_cmpuint (n_findings (f, "2024", "ttldtt-conditions"), ==, 0);
}

static void
test_ttldtt_half_is_not_enough (RegFixture *f, gconstpointer data)
{
  collective_case (f, "TTLĐTT", 5, 0);   /* exactly 50% is not "more than" */
  g_assert_cmpuint (n_findings (f, "2024", "ttldtt-conditions"), ==, 1);
}

static void
test_unit_closed (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 open = unit (f, "Khoa A");
  gint64 closed = unit (f, "Khoa B");
  gint64 later = unit (f, "Khoa C");
  gint64 p;

  reg_add (f, "2024", reg_add_person (f, "Ngô Văn Hải", open, 1980), "LĐTT");
  p = reg_add_person (f, "Đinh Thị Hoa", closed, 1981);
  reg_add (f, "2024", p, "LĐTT");
  reg_add (f, "2024", reg_add_person (f, "Vũ Văn Khánh", later, 1982), "LĐTT");
  g_assert_true (thidua_register_close_unit (f->reg, closed, 2024, &error));
  g_assert_true (thidua_register_close_unit (f->reg, later, 2025, &error));
  {
    g_autoptr(GPtrArray) all = check (f, "2024", 0);
    g_autoptr(GPtrArray) mine = findings_of (all, "unit-exists");
    g_assert_cmpuint (mine->len, ==, 1);
    g_assert_cmpint (((ThiduaFinding *) mine->pdata[0])->person_id, ==, p);
    g_assert_nonnull (strstr (((ThiduaFinding *) mine->pdata[0])->message, "Khoa B"));
  }
  g_assert_cmpuint (n_findings (f, "2023", "unit-exists"), ==, 0);
}

static void
test_duplicate_people (RegFixture *f, gconstpointer data)
{
  gint64 u = unit (f, "Khoa A");
  gint64 v = unit (f, "Khoa B");
  g_autofree char *nfd = g_utf8_normalize ("nguyễn văn an", -1, G_NORMALIZE_NFD);

  reg_add (f, "2024", reg_add_person (f, "Nguyễn Văn An", u, 1980), "LĐTT");
  /* same name in another unit, or another birth year: different people */
  reg_add (f, "2024", reg_add_person (f, "Nguyễn Văn An", v, 1980), "LĐTT");
  reg_add (f, "2024", reg_add_person (f, "Nguyễn Văn An", u, 1990), "LĐTT");
  g_assert_cmpuint (n_findings (f, "2024", "duplicate-people"), ==, 0);
  /* the same person typed again (decomposed, lower case) */
  reg_add (f, "2024", reg_add_person (f, nfd, u, 1980), "GK");
  {
    g_autoptr(GPtrArray) all = check (f, "2024", 0);
    g_autoptr(GPtrArray) mine = findings_of (all, "duplicate-people");
    g_assert_cmpuint (mine->len, ==, 1);
    g_assert_cmpuint (((ThiduaFinding *) mine->pdata[0])->count, ==, 2);
    g_assert_nonnull (strstr (((ThiduaFinding *) mine->pdata[0])->message, "born 1980"));
  }
}

static void
test_rules_from_data (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "rules.json", NULL);

  quota_case (f, 20, 3);
  g_assert_cmpuint (n_findings (f, "2024", "cstdcs-quota"), ==, 0);
  /* the office lowers the ratio to 10%: 3 of 20 is now too many */
  g_file_set_contents (path, "{\"rules\": [{\"id\": \"cstdcs-quota\", \"parameters\": {\"max_percent\": 10}}]}",
                       -1, &error);
  g_assert_true (thidua_catalog_apply_overrides (f->catalog, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_findings (f, "2024", "cstdcs-quota"), ==, 1);
  /* and then switches the rule off */
  g_file_set_contents (path, "{\"rules\": [{\"id\": \"cstdcs-quota\", \"enabled\": false}]}", -1, &error);
  g_assert_true (thidua_catalog_apply_overrides (f->catalog, path, &error));
  g_assert_cmpuint (n_findings (f, "2024", "cstdcs-quota"), ==, 0);
}

static gint64
new_plan (RegFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlan) plan = thidua_plan_new ();
  gint64 id = thidua_store_insert_plan (f->store, plan, &error);

  g_assert_no_error (error);
  return id;
}

static void
test_targets (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_plan_target_free);
  g_autoptr(GPtrArray) loaded = NULL;
  gint64 plan = new_plan (f);
  gint64 u = unit (f, "Khoa A");
  g_autoptr(GArray) ids = staff (f, u, 20, "2024", TRUE);

  /* seed 002: "Có từ 10 - 15% cá nhân đạt danh hiệu CSTĐCS trong tổng số
   * cá nhân đạt danh hiệu LĐTT"; "Có từ 1 - 2 khoa, phòng đạt danh hiệu
   * tập thể Lao động xuất sắc" */
  g_ptr_array_add (targets, thidua_plan_target_new ("cstdcs", 10, 15, THIDUA_TARGET_PERCENT, "ldtt"));
  g_ptr_array_add (targets, thidua_plan_target_new ("ttldxs", 1, 2, THIDUA_TARGET_COUNT, "units"));
  g_assert_true (thidua_register_set_targets (f->reg, plan, targets, &error));
  g_assert_no_error (error);
  loaded = thidua_register_get_targets (f->reg, plan, &error);
  g_assert_cmpuint (loaded->len, ==, 2);
  g_assert_cmpfloat (((ThiduaPlanTarget *) loaded->pdata[0])->min_value, ==, 10);
  g_assert_cmpstr (((ThiduaPlanTarget *) loaded->pdata[0])->base, ==, "ldtt");

  g_assert_true (thidua_register_set_year_plan (f->reg, "2024", plan, &error));
  g_assert_cmpint (thidua_register_get_year_plan (f->reg, "2024"), ==, plan);
  /* nothing yet: both targets not reached */
  g_assert_cmpuint (n_findings (f, "2024", "plan-targets"), ==, 2);
  /* 2 of 20 = 10%: the first target is reached */
  reg_add_full (f, "2024", g_array_index (ids, gint64, 0), 0, "CSTĐCS", "SK", THIDUA_REG_RESULT_PENDING);
  g_assert_cmpuint (n_findings (f, "2024", "plan-targets"), ==, 2);
  reg_add_full (f, "2024", g_array_index (ids, gint64, 1), 0, "CSTĐCS", "SK", THIDUA_REG_RESULT_PENDING);
  {
    g_autoptr(GPtrArray) all = check (f, "2024", plan);
    g_autoptr(GPtrArray) mine = findings_of (all, "plan-targets");
    g_assert_cmpuint (mine->len, ==, 1);
    g_assert_cmpstr (((ThiduaFinding *) mine->pdata[0])->title, ==, "ttldxs");
    g_assert_nonnull (strstr (((ThiduaFinding *) mine->pdata[0])->message, "not reached"));
  }
  /* 4 of 20 = 20% exceeds 15% */
  reg_add_full (f, "2024", g_array_index (ids, gint64, 2), 0, "CSTĐCS", "SK", THIDUA_REG_RESULT_PENDING);
  reg_add_full (f, "2024", g_array_index (ids, gint64, 3), 0, "CSTĐCS", "SK", THIDUA_REG_RESULT_PENDING);
  {
    g_autoptr(GPtrArray) all = check (f, "2024", plan);
    g_autoptr(GPtrArray) mine = findings_of (all, "plan-targets");
    g_assert_cmpuint (mine->len, ==, 2);
    g_assert_nonnull (strstr (((ThiduaFinding *) mine->pdata[0])->message, "exceeded"));
  }
  /* a target that makes no sense is refused */
  g_ptr_array_add (targets, thidua_plan_target_new ("ldtt", 90, 80, THIDUA_TARGET_PERCENT, "staff"));
  g_assert_false (thidua_register_set_targets (f->reg, plan, targets, &error));
  g_assert_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID);
  loaded = (g_ptr_array_unref (loaded), thidua_register_get_targets (f->reg, plan, NULL));
  g_assert_cmpuint (loaded->len, ==, 2);
}

static void
test_target_sentences (void)
{
  g_autoptr(ThiduaCatalog) catalog = reg_test_catalog ();
  struct { ThiduaPlanTarget t; const char *sentence; } cases[] = {
    { { "cstdcs", 10, 15, THIDUA_TARGET_PERCENT, "ldtt" },
      "Có từ 10 - 15% cá nhân đạt danh hiệu “Chiến sĩ thi đua cơ sở” trong tổng số cá nhân "
      "đạt danh hiệu “Lao động tiên tiến”;" },
    { { "ldtt", 90, -1, THIDUA_TARGET_PERCENT, "staff" },
      "Có từ 90% trở lên cá nhân đạt danh hiệu “Lao động tiên tiến” trong tổng số cán bộ, "
      "viên chức, người lao động;" },
    { { "ttldxs", 1, 2, THIDUA_TARGET_COUNT, "units" },
      "Có từ 1 - 2 tập thể đạt danh hiệu “Tập thể lao động xuất sắc”;" },
    { { "htxsnv", -1, 20, THIDUA_TARGET_PERCENT, "staff" },
      "Không quá 20% cá nhân xếp loại “Hoàn thành xuất sắc nhiệm vụ” trong tổng số cán bộ, "
      "viên chức, người lao động;" },
    { { "gk", 10, -1, THIDUA_TARGET_COUNT, "staff" },
      "Có từ 10 trở lên cá nhân được tặng “Giấy khen của Thủ trưởng cơ quan, đơn vị”;" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = thidua_plan_target_to_sentence (&cases[i].t, catalog);
      g_assert_cmpstr (s, ==, cases[i].sentence);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, RegFixture, NULL, reg_fixture_set_up, func, reg_fixture_tear_down)
  ADD ("/register/check/cstdcs-needs-ldtt", test_cstdcs_needs_ldtt);
  ADD ("/register/check/cstdcs-needs-initiative", test_cstdcs_needs_initiative);
  ADD ("/register/check/initiative-or-htxsnv", test_initiative_or_htxsnv);
  ADD ("/register/check/three-years", test_three_years);
  ADD ("/register/check/three-school-years", test_three_school_years);
  ADD ("/register/check/quota-15-of-20-is-3", test_quota_20_3);
  ADD ("/register/check/quota-4-of-20-exceeds", test_quota_20_4);
  ADD ("/register/check/quota-15-of-21-is-3", test_quota_21);
  ADD ("/register/check/withdrawn-do-not-count", test_withdrawn_do_not_count);
  ADD ("/register/check/htxsnv-quota", test_htxsnv_quota);
  ADD ("/register/check/ttldxs-passes", test_ttldxs_passes);
  ADD ("/register/check/ttldxs-too-few-ldtt", test_ttldxs_too_few_ldtt);
  ADD ("/register/check/ttldxs-no-cstdcs", test_ttldxs_no_cstdcs);
  ADD ("/register/check/ttldtt-passes", test_ttldtt);
  ADD ("/register/check/ttldtt-half-fails", test_ttldtt_half_is_not_enough);
  ADD ("/register/check/unit-closed", test_unit_closed);
  ADD ("/register/check/duplicate-people", test_duplicate_people);
  ADD ("/register/check/rules-from-data", test_rules_from_data);
  ADD ("/register/check/targets", test_targets);
  g_test_add_func ("/register/check/target-sentences", test_target_sentences);
  return g_test_run ();
}
