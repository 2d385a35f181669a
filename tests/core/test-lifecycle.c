/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-lifecycle.c — sign-off in core: the canonical hash against the
 * README's test vector, the whole path with its history, numbering,
 * replace, and refusals that change nothing. */
#include "config.h"
#include "../thidua-test-tmp.h"
#include "thidua-lifecycle.h"
#include "thidua-canonical.h"
#include "thidua-store-private.h"

#include <string.h>
#include <sqlite3.h>

typedef struct {
  char        *dir;
  ThiduaStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = thidua_test_tmpdir_new ("thidua-lifecycle");
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = thidua_store_open (path, THIDUA_STORE_OPEN_NO_SEED, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  thidua_test_tmpdir_remove (f->dir);
  g_free (f->dir);
}

/* The README's test vector plan. */
static ThiduaPlan *
vector_plan (void)
{
  ThiduaPlan *p = thidua_plan_new ();
  const char *rec[] = { "UBND huyện (b/c);", "Lưu: VT.", NULL };

  thidua_plan_set_superior_body (p, "UBND HUYỆN KHOÁI CHÂU");
  thidua_plan_set_issuing_body (p, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO");
  thidua_plan_set_number (p, "7");
  thidua_plan_set_symbol (p, "KH-PGDĐT");
  thidua_plan_set_place (p, "Khoái Châu");
  thidua_plan_set_date (p, 5, 12, 2026);
  thidua_plan_set_subject (p, "Thi đua \"Dạy tốt, học tốt\"");
  thidua_plan_set_body (p, "I. MỤC ĐÍCH\nThi đua./.");
  thidua_plan_set_recipients (p, rec);
  thidua_plan_set_signer_position (p, "TRƯỞNG PHÒNG");
  thidua_plan_set_signer_name (p, "Nguyễn Văn An");
  return p;
}

/* The line after "the canonical form" in README's code block, the hash
 * and the code that follow it. */
static void
read_readme_vector (char **canonical, char **hash, char **code)
{
  g_autofree char *readme = g_build_filename (g_getenv ("THIDUA_TEST_FIXTURES"), "..", "..",
                                              "README.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *p, *end;

  g_file_get_contents (readme, &text, NULL, &error);
  g_assert_no_error (error);
  p = strstr (text, "Test vector");
  g_assert_nonnull (p);
  p = strstr (p, "```\n");
  g_assert_nonnull (p);
  p += 4;
  end = strchr (p, '\n');
  *canonical = g_strndup (p, end - p);
  p = strstr (end, "SHA-256 `");
  g_assert_nonnull (p);
  p += strlen ("SHA-256 `");
  *hash = g_strndup (p, 64);
  p = strstr (p, "code `");
  g_assert_nonnull (p);
  p += strlen ("code `");
  *code = g_strndup (p, strcspn (p, "`"));
}

static void
test_canonical_vector (void)
{
  g_autoptr(ThiduaPlan) plan = vector_plan ();
  g_autofree char *want_json = NULL, *want_hash = NULL, *want_code = NULL;
  g_autofree char *json = thidua_canonical_json (plan);
  g_autofree char *hash = thidua_canonical_hash (plan);
  g_autofree char *code = thidua_canonical_code_from_hash (hash);
  g_autofree char *nfd = NULL;
  g_autofree char *nfd_hash = NULL;
  g_autoptr(ThiduaPlan) decomposed = vector_plan ();

  read_readme_vector (&want_json, &want_hash, &want_code);
  g_assert_cmpstr (json, ==, want_json);
  g_assert_cmpstr (hash, ==, want_hash);
  g_assert_cmpstr (code, ==, want_code);
  g_assert_cmpuint (strlen (code), >=, 10);
  g_assert_null (strpbrk (code, "ILOU="));

  /* Typed from paper: any case, dashes, O for 0 and l for 1. */
  {
    g_autofree char *typed = thidua_canonical_normalize_code ("8thq-abxO-7ykq");
    g_assert_cmpstr (typed, ==, code);
  }
  g_assert_null (thidua_canonical_normalize_code ("8THQ-ABX0"));
  g_assert_null (thidua_canonical_normalize_code ("8THQ-ABX0-7YK!"));

  /* The same text in NFD hashes the same (NFC first). */
  nfd = g_utf8_normalize ("Nguyễn Văn An", -1, G_NORMALIZE_NFD);
  g_assert_cmpstr (nfd, !=, "Nguyễn Văn An");
  thidua_plan_set_signer_name (decomposed, nfd);
  nfd_hash = thidua_canonical_hash (decomposed);
  g_assert_cmpstr (nfd_hash, ==, hash);

  /* Any content change changes it. */
  thidua_plan_set_subject (decomposed, "Thi đua \"Dạy tốt, học tốt\" ");
  g_clear_pointer (&nfd_hash, g_free);
  nfd_hash = thidua_canonical_hash (decomposed);
  g_assert_cmpstr (nfd_hash, !=, hash);
}

static gint64
add_plan (Fixture *f, const char *issuing_body)
{
  g_autoptr(ThiduaPlan) plan = vector_plan ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  thidua_plan_set_number (plan, "");
  thidua_plan_set_date (plan, 0, 0, 0);
  thidua_plan_set_issuing_body (plan, issuing_body);
  id = thidua_store_insert_plan (f->store, plan, &error);
  g_assert_no_error (error);
  return id;
}

static guint
issue_on (Fixture *f, gint64 id, guint number, guint d, guint m, guint y, GError **error)
{
  g_auto(ThiduaIssueResult) r = { 0 };
  ThiduaIssueRequest req = { number, d, m, y, "Văn thư", NULL, NULL };

  if (!thidua_lifecycle_issue (f->store, id, &req, &r, error))
    return 0;
  g_assert_cmpuint (strlen (r.code), ==, THIDUA_CODE_LENGTH);
  return r.number;
}

static char *
status_of (Fixture *f, gint64 id)
{
  g_auto(ThiduaLifecycleInfo) info = { 0 };
  g_autoptr(GError) error = NULL;

  thidua_lifecycle_get_info (f->store, id, &info, &error);
  g_assert_no_error (error);
  return g_strdup (info.status);
}

static void
test_whole_path (Fixture *f, gconstpointer data)
{
  gint64 id = add_plan (f, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(ThiduaPlan) issued = NULL;
  g_autofree char *hash = NULL;
  g_auto(ThiduaLifecycleInfo) info = { 0 };
  const char *steps[][3] = {
    { "draft", "submitted", "" }, { "submitted", "returned", "Sửa mục II" },
    { "returned", "submitted", "" }, { "submitted", "issued", "" },
  };

  /* Returning a draft is refused and changes nothing. */
  g_assert_false (thidua_lifecycle_return (f->store, id, "Lãnh đạo", "sai", &error));
  g_assert_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_WRONG_STATE);
  g_clear_error (&error);

  g_assert_true (thidua_lifecycle_submit (f->store, id, "Chị Hoa", &error));
  g_assert_no_error (error);
  /* A return needs the leader's comment. */
  g_assert_false (thidua_lifecycle_return (f->store, id, "Anh Thắng", "  ", &error));
  g_assert_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (thidua_lifecycle_return (f->store, id, "Anh Thắng", "Sửa mục II", &error));
  g_assert_no_error (error);
  g_assert_true (thidua_lifecycle_get_info (f->store, id, &info, &error));
  g_assert_cmpuint (thidua_lifecycle_draft_round (&info), ==, 2);
  thidua_lifecycle_info_clear (&info);
  g_assert_true (thidua_lifecycle_submit (f->store, id, "Chị Hoa", &error));
  g_assert_cmpuint (issue_on (f, id, 0, 5, 12, 2026, &error), ==, 1);
  g_assert_no_error (error);

  events = thidua_lifecycle_history (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (steps));
  for (guint i = 0; i < events->len; i++)
    {
      ThiduaLifecycleEvent *e = g_ptr_array_index (events, i);

      g_assert_cmpstr (e->from, ==, steps[i][0]);
      g_assert_cmpstr (e->to, ==, steps[i][1]);
      g_assert_cmpstr (e->comment, ==, steps[i][2]);
      g_assert_cmpuint (strlen (e->at), ==, 19);
      g_assert_cmpuint (strlen (e->content_hash), ==, 64);
    }
  g_assert_cmpstr (((ThiduaLifecycleEvent *) events->pdata[1])->by, ==, "Anh Thắng");

  /* The issued plan carries number and date; its code is its hash's. */
  issued = thidua_store_load_plan (f->store, id, &error);
  g_assert_cmpstr (thidua_plan_get_number (issued), ==, "1");
  g_assert_cmpuint (thidua_plan_get_year (issued), ==, 2026);
  hash = thidua_canonical_hash (issued);
  g_assert_cmpstr (((ThiduaLifecycleEvent *) events->pdata[3])->content_hash, ==, hash);
  g_assert_true (thidua_lifecycle_get_info (f->store, id, &info, &error));
  {
    g_autofree char *code = thidua_canonical_code_from_hash (hash);
    g_autoptr(ThiduaOutgoingEntry) hit = NULL;

    g_assert_cmpstr (info.code, ==, code);
    hit = thidua_lifecycle_verify (f->store, code, &error);
    g_assert_no_error (error);
    g_assert_nonnull (hit);
    g_assert_cmpint (hit->plan_id, ==, id);
    g_assert_cmpstr (hit->number_and_symbol, ==, "01/KH-PGDĐT");
  }

  /* Frozen: the store's update and delete are refused by the database. */
  thidua_plan_set_subject (issued, "Khác");
  g_assert_false (thidua_store_update_plan (f->store, issued, &error));
  g_assert_nonnull (strstr (error->message, "issued"));
  g_clear_error (&error);
  g_assert_false (thidua_store_delete_plan (f->store, id, &error));
  g_clear_error (&error);
  g_assert_false (thidua_lifecycle_submit (f->store, id, NULL, &error));
  g_assert_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_WRONG_STATE);
}

static void
test_numbering (Fixture *f, gconstpointer data)
{
  gint64 a = add_plan (f, "SỞ Y TẾ");
  gint64 b = add_plan (f, "Sở  Y tế");          /* the same body, typed differently */
  gint64 c = add_plan (f, "SỞ Y TẾ");
  gint64 d = add_plan (f, "SỞ Y TẾ");
  gint64 other = add_plan (f, "SỞ TƯ PHÁP");
  gint64 e = add_plan (f, "SỞ Y TẾ");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) year = NULL;
  g_autofree char *st = NULL;

  g_assert_cmpuint (thidua_lifecycle_next_number (f->store, "SỞ Y TẾ", 2025, &error), ==, 1);
  g_assert_cmpuint (issue_on (f, a, 0, 30, 12, 2025, &error), ==, 1);
  g_assert_cmpuint (issue_on (f, b, 0, 31, 12, 2025, &error), ==, 2);
  /* 1 January starts again at 01; another body has its own series. */
  g_assert_cmpuint (issue_on (f, c, 0, 1, 1, 2026, &error), ==, 1);
  g_assert_cmpuint (issue_on (f, other, 0, 1, 1, 2026, &error), ==, 1);
  g_assert_no_error (error);

  /* A used number is refused and nothing changes. */
  g_assert_cmpuint (issue_on (f, d, 1, 2, 1, 2026, &error), ==, 0);
  g_assert_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_NUMBER_USED);
  g_clear_error (&error);
  st = status_of (f, d);
  g_assert_cmpstr (st, ==, "draft");
  {
    g_autoptr(GPtrArray) none = thidua_lifecycle_history (f->store, d, &error);
    g_assert_cmpuint (none->len, ==, 0);
  }

  /* A number by hand (register kept elsewhere), then the next follows it. */
  g_assert_cmpuint (issue_on (f, d, 15, 2, 1, 2026, &error), ==, 15);
  g_assert_cmpuint (thidua_lifecycle_next_number (f->store, "SỞ Y TẾ", 2026, &error), ==, 16);
  g_assert_cmpuint (issue_on (f, e, 0, 3, 1, 2026, &error), ==, 16);
  g_assert_no_error (error);

  year = thidua_lifecycle_numbers (f->store, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (year->len, ==, 4);
  g_assert_cmpuint (((ThiduaOutgoingEntry *) year->pdata[0])->number, ==, 1);
  g_assert_cmpuint (((ThiduaOutgoingEntry *) year->pdata[3])->number, ==, 16);
  g_assert_cmpstr (((ThiduaOutgoingEntry *) year->pdata[3])->filing, ==, "VT");
}

static void
test_replace (Fixture *f, gconstpointer data)
{
  gint64 old = add_plan (f, "SỞ Y TẾ");
  gint64 draft = add_plan (f, "SỞ Y TẾ");
  g_autoptr(GError) error = NULL;
  g_auto(ThiduaLifecycleInfo) info = { 0 };
  g_autofree char *st = NULL;
  gint64 repl;

  /* Only an issued plan can be replaced. */
  g_assert_cmpint (thidua_lifecycle_replace (f->store, draft, &error), ==, 0);
  g_assert_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_WRONG_STATE);
  g_clear_error (&error);

  g_assert_cmpuint (issue_on (f, old, 0, 1, 3, 2026, &error), ==, 1);
  repl = thidua_lifecycle_replace (f->store, old, &error);
  g_assert_no_error (error);
  g_assert_cmpint (repl, >, old);
  g_assert_true (thidua_lifecycle_get_info (f->store, repl, &info, &error));
  g_assert_cmpstr (info.status, ==, "draft");
  g_assert_cmpint (info.replaces, ==, old);
  thidua_lifecycle_info_clear (&info);

  /* Until the replacement is issued the old plan stays issued. */
  st = status_of (f, old);
  g_assert_cmpstr (st, ==, "issued");
  g_assert_cmpuint (issue_on (f, repl, 0, 2, 3, 2026, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_true (thidua_lifecycle_get_info (f->store, old, &info, &error));
  g_assert_cmpstr (info.status, ==, "replaced");
  g_assert_cmpint (info.replaced_by, ==, repl);
  {
    g_autoptr(GPtrArray) events = thidua_lifecycle_history (f->store, old, &error);
    ThiduaLifecycleEvent *last = g_ptr_array_index (events, events->len - 1);

    g_assert_cmpstr (last->from, ==, "issued");
    g_assert_cmpstr (last->to, ==, "replaced");
  }
  /* A replaced plan cannot be replaced again. */
  g_assert_cmpint (thidua_lifecycle_replace (f->store, old, &error), ==, 0);
  g_assert_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_WRONG_STATE);
}

/* A completeness check refusing inside the transaction leaves no trace. */
static gboolean
refuse_check (ThiduaPlan *plan, gpointer data, GError **error)
{
  g_assert_cmpstr (thidua_plan_get_status (plan), ==, "issued");
  g_assert_cmpstr (thidua_plan_get_number (plan), ==, "1");
  g_set_error_literal (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_INCOMPLETE,
                       "The subject (trích yếu) is missing");
  return FALSE;
}

static void
test_check_refuses (Fixture *f, gconstpointer data)
{
  gint64 id = add_plan (f, "SỞ Y TẾ");
  g_autoptr(GError) error = NULL;
  g_auto(ThiduaIssueResult) r = { 0 };
  ThiduaIssueRequest req = { 0, 4, 5, 2026, "x", refuse_check, NULL };
  g_autofree char *st = NULL;
  g_autoptr(GPtrArray) year = NULL;

  g_assert_false (thidua_lifecycle_issue (f->store, id, &req, &r, &error));
  g_assert_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "trích yếu"));
  st = status_of (f, id);
  g_assert_cmpstr (st, ==, "draft");
  year = thidua_lifecycle_numbers (f->store, 2026, &error);
  g_assert_cmpuint (year->len, ==, 0);
}

/* A database from before sign-off migrates forward: its plans are drafts
 * without code or replacement, and the freeze applies from then on. */
static void
test_migration (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-lifecycle-migrate");
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(ThiduaLifecycleInfo) info = { 0 };
  ThiduaStore *store;
  char *errmsg = NULL;

  store = thidua_store_open_at_version (path, THIDUA_STORE_OPEN_NO_SEED, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (thidua_store_get_schema_version (store), ==, 5);
  g_assert_cmpint (sqlite3_exec (thidua_store_get_db (store),
                                 "INSERT INTO plans (id, subject, status, created, modified) "
                                 "VALUES (7, 'Cũ', 'approved', 1, 1)", NULL, NULL, &errmsg), ==, SQLITE_OK);
  g_object_unref (store);

  store = thidua_store_open (path, THIDUA_STORE_OPEN_NO_SEED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (thidua_store_get_schema_version (store), ==, thidua_store_latest_version ());
  g_assert_true (thidua_lifecycle_get_info (store, 7, &info, &error));
  g_assert_cmpstr (info.status, ==, "draft");
  g_assert_cmpstr (info.code, ==, "");
  g_assert_cmpint (info.replaces, ==, 0);
  g_assert_cmpuint (info.submissions, ==, 0);
  g_object_unref (store);
  thidua_test_tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lifecycle/canonical-vector", test_canonical_vector);
  g_test_add_func ("/lifecycle/migration", test_migration);
  g_test_add ("/lifecycle/whole-path", Fixture, NULL, fixture_setup, test_whole_path, fixture_teardown);
  g_test_add ("/lifecycle/numbering", Fixture, NULL, fixture_setup, test_numbering, fixture_teardown);
  g_test_add ("/lifecycle/replace", Fixture, NULL, fixture_setup, test_replace, fixture_teardown);
  g_test_add ("/lifecycle/check-refuses", Fixture, NULL, fixture_setup, test_check_refuses, fixture_teardown);
  return g_test_run ();
}
