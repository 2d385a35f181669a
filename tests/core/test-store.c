/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store.c — the database: migrations, plans, templates, bad files. */
#include "config.h"
#include "../thidua-test-tmp.h"
#include "thidua-store.h"
#include "thidua-store-private.h"  /* raw handle: the tests poke the file directly */
#include "thidua-text.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = thidua_test_tmpdir_new ("thidua-store");
  f->path = g_build_filename (f->dir, "sub", "thidua.db", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  thidua_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static ThiduaPlan *
sample_plan (void)
{
  ThiduaPlan *plan = thidua_plan_new ();
  const char *recipients[] = { "UBND tỉnh (b/c);", "Các phòng, ban;", "Lưu: VT, VP.", NULL };

  thidua_plan_set_superior_body (plan, "UBND TỈNH ĐIỆN BIÊN");
  thidua_plan_set_issuing_body (plan, "SỞ Y TẾ");
  thidua_plan_set_number (plan, "215");
  thidua_plan_set_symbol (plan, "KH-SYT");
  thidua_plan_set_place (plan, "Điện Biên");
  thidua_plan_set_date (plan, 8, 2, 2024);
  thidua_plan_set_subject (plan, "Phát động phong trào thi đua “Đồng lòng vượt khó” năm 2024");
  thidua_plan_set_body (plan, "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\nĐoàn kết, đồng lòng./.");
  thidua_plan_set_recipients (plan, recipients);
  thidua_plan_set_signer_authority (plan, "KT.");
  thidua_plan_set_signer_on_behalf_of (plan, "GIÁM ĐỐC");
  thidua_plan_set_signer_position (plan, "PHÓ GIÁM ĐỐC");
  thidua_plan_set_signer_name (plan, "Lò Văn Thắng");
  return plan;
}

static void
test_create_seeds_templates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = thidua_store_open (f->path, 0, &error);
  g_autoptr(GPtrArray) templates = NULL;
  gboolean seen_union = FALSE;

  g_assert_no_error (error);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (thidua_store_get_schema_version (store), ==, thidua_store_latest_version ());
  g_assert_cmpint (thidua_store_latest_version (), >=, 2);
  g_assert_false (thidua_store_is_read_only (store));

  templates = thidua_store_list_templates (store, &error);
  g_assert_no_error (error);
  /* Four templates derived from the seeds, a blank one per profile, an
   * annual state plan citing the legal texts through the table and a school
   * Youth Union's annual plan. */
  g_assert_cmpuint (templates->len, ==, 10);
  for (guint i = 0; i < templates->len; i++)
    {
      ThiduaTemplateInfo *t = g_ptr_array_index (templates, i);
      g_autoptr(ThiduaPlan) plan = thidua_store_plan_from_template (store, t->name, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (t->profile, ==, thidua_profile_kind_to_string (thidua_plan_get_profile (plan)));
      if (g_str_equal (t->name, "labour-federation"))
        {
          seen_union = TRUE;
          g_assert_cmpstr (t->profile, ==, "union");
          g_assert_cmpstr (thidua_plan_get_signer_on_behalf_of (plan), ==, "BAN THƯỜNG VỤ");
        }
    }
  g_assert_true (seen_union);

  /* Reopening does not seed twice. */
  g_clear_object (&store);
  store = thidua_store_open (f->path, 0, &error);
  g_assert_no_error (error);
  g_clear_pointer (&templates, g_ptr_array_unref);
  templates = thidua_store_list_templates (store, &error);
  g_assert_cmpuint (templates->len, ==, 10);
}

/* Inserts a plan as a program of schema `version` would have. */
static void
raw_insert_plan (const char *path, int version, const char *subject, const char *body)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *sql = version < 3
    ? "INSERT INTO plans (profile, subject, body, day, month, year, created, modified) "
      "VALUES ('party', ?1, ?2, NULL, 9, 2021, 1, 1)"
    : "INSERT INTO plans (profile, subject, day, month, year, created, modified) "
      "VALUES ('party', ?1, NULL, 9, 2021, 1, 1)";

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, subject, -1, SQLITE_TRANSIENT);
  if (version < 3)
    sqlite3_bind_text (stmt, 2, body, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  if (version >= 3)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO plan_bodies (plan_id, body) "
                                           "VALUES (last_insert_rowid (), ?1)", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, body, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
}

static void
test_migrate_from_each_version (Fixture *f, gconstpointer data)
{
  int latest = thidua_store_latest_version ();

  for (int v = 0; v < latest; v++)
    {
      g_autofree char *path = g_strdup_printf ("%s.v%d", f->path, v);
      g_autoptr(GError) error = NULL;
      g_autoptr(ThiduaStore) old = NULL;
      g_autoptr(ThiduaStore) store = NULL;
      g_autoptr(GPtrArray) found = NULL;

      old = thidua_store_open_at_version (path, THIDUA_STORE_OPEN_NO_SEED, v, &error);
      g_assert_no_error (error);
      g_assert_cmpint (thidua_store_get_schema_version (old), ==, v);
      g_clear_object (&old);
      if (v >= 1)
        raw_insert_plan (path, v, "Phát động thi đua Đặc biệt", "I. MỤC ĐÍCH, YÊU CẦU\n\nĐoàn kết./.");

      store = thidua_store_open (path, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpint (thidua_store_get_schema_version (store), ==, latest);

      /* Rows from the old schema are readable and searchable after it. */
      found = thidua_store_list_plans (store, "dac biet", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, v >= 1 ? 1 : 0);
      if (v >= 1)
        {
          ThiduaPlanSummary *s = g_ptr_array_index (found, 0);
          g_autoptr(ThiduaPlan) plan = thidua_store_load_plan (store, s->id, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (thidua_plan_get_day (plan), ==, 0);
          g_assert_cmpuint (thidua_plan_get_month (plan), ==, 9);
          g_assert_cmpint (thidua_plan_get_profile (plan), ==, THIDUA_PROFILE_PARTY);
          g_assert_cmpstr (thidua_plan_get_body (plan), ==, "I. MỤC ĐÍCH, YÊU CẦU\n\nĐoàn kết./.");
        }
    }
}

static void
test_too_new (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = thidua_store_open (f->path, 0, &error);
  g_autoptr(ThiduaStore) again = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", thidua_store_latest_version () + 5);
  sqlite3 *db = thidua_store_get_db (store);

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&store);
  again = thidua_store_open (f->path, 0, &error);
  g_assert_null (again);
  g_assert_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "thidua.db"));
}

static void
test_plan_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = thidua_store_open (f->path, 0, &error);
  g_autoptr(ThiduaPlan) plan = sample_plan ();
  g_autoptr(ThiduaPlan) loaded = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gint64 id;

  id = thidua_store_insert_plan (store, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (thidua_plan_get_id (plan), ==, id);
  g_assert_cmpint (thidua_plan_get_created (plan), >, 0);

  loaded = thidua_store_load_plan (store, id, &error);
  g_assert_no_error (error);
  a = thidua_plan_to_json (plan, FALSE);
  b = thidua_plan_to_json (loaded, FALSE);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (thidua_plan_get_recipients (loaded)[2], ==, "Lưu: VT, VP.");

  /* Updates replace the recipients as a whole. */
  {
    const char *fewer[] = { "Lưu: VT.", NULL };
    thidua_plan_set_recipients (loaded, fewer);
    thidua_plan_set_date (loaded, 0, 0, 2025);
    g_assert_true (thidua_store_update_plan (store, loaded, &error));
    g_assert_no_error (error);
    g_clear_object (&plan);
    plan = thidua_store_load_plan (store, id, &error);
    g_assert_cmpuint (g_strv_length ((GStrv) thidua_plan_get_recipients (plan)), ==, 1);
    g_assert_cmpuint (thidua_plan_get_day (plan), ==, 0);
    g_assert_cmpuint (thidua_plan_get_month (plan), ==, 0);
    g_assert_cmpuint (thidua_plan_get_year (plan), ==, 2025);
  }
}

static void
test_nfc_on_store (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = thidua_store_open (f->path, 0, &error);
  g_autoptr(ThiduaPlan) plan = thidua_plan_new ();
  g_autoptr(ThiduaPlan) loaded = NULL;
  /* "Kế hoạch" typed as Unikey's "Unicode tổ hợp": e + circumflex + acute. */
  const char *nfd = "Ke\xcc\x82\xcc\x81 hoa\xcc\xa3" "ch";
  g_autofree char *expected = g_utf8_normalize (nfd, -1, G_NORMALIZE_NFC);

  thidua_plan_set_subject (plan, nfd);
  g_assert_cmpstr (thidua_plan_get_subject (plan), ==, "Kế hoạch");
  g_assert_cmpstr (expected, ==, "Kế hoạch");
  thidua_store_insert_plan (store, plan, &error);
  g_assert_no_error (error);
  loaded = thidua_store_load_plan (store, thidua_plan_get_id (plan), &error);
  g_assert_cmpstr (thidua_plan_get_subject (loaded), ==, "Kế hoạch");
}

static void
test_search_folds (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = thidua_store_open (f->path, THIDUA_STORE_OPEN_NO_SEED, &error);
  g_autoptr(ThiduaPlan) a = sample_plan ();
  g_autoptr(ThiduaPlan) b = thidua_plan_new ();
  struct { const char *query; guint expected; } cases[] = {
    { "dong long", 1 },           /* đ = d, no diacritics */
    { "ĐỒNG LÒNG", 1 },           /* any case, with diacritics */
    { "  vuot   kho  ", 1 },      /* spacing does not matter */
    { "ke hoach", 2 },            /* the type name of both */
    { "thi dua", 2 },
    { "kh-syt", 1 },              /* symbol */
    { "dien bien 2024", 1 },      /* words in different fields */
    { "hoa binh", 1 },            /* "Hòa"/"Hoà" both fold to hoa */
    { "HÒA BÌNH", 1 },
    { "xyz", 0 },
  };

  thidua_store_insert_plan (store, a, &error);
  g_assert_no_error (error);
  thidua_plan_set_subject (b, "Kế hoạch thi đua Hoà bình");
  thidua_store_insert_plan (store, b, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) found = thidua_store_list_plans (store, cases[i].query, &error);
      g_assert_no_error (error);
      if (found->len != cases[i].expected)
        g_error ("search “%s”: %u plans, expected %u", cases[i].query, found->len, cases[i].expected);
    }
}

static void
test_list_order (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = thidua_store_open (f->path, THIDUA_STORE_OPEN_NO_SEED, &error);
  g_autoptr(GPtrArray) list = NULL;
  struct { guint d, m, y; } dates[] = { { 5, 3, 2022 }, { 0, 9, 2021 }, { 29, 10, 2021 }, { 1, 1, 2023 } };
  guint expected_years[] = { 2023, 2022, 2021, 2021 };
  guint expected_months[] = { 1, 3, 10, 9 };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(ThiduaPlan) p = thidua_plan_new ();
      thidua_plan_set_date (p, dates[i].d, dates[i].m, dates[i].y);
      thidua_store_insert_plan (store, p, &error);
      g_assert_no_error (error);
    }
  list = thidua_store_list_plans (store, NULL, &error);
  g_assert_cmpuint (list->len, ==, 4);
  for (guint i = 0; i < list->len; i++)
    {
      ThiduaPlanSummary *s = g_ptr_array_index (list, i);
      g_assert_cmpuint (s->year, ==, expected_years[i]);
      g_assert_cmpuint (s->month, ==, expected_months[i]);
    }
}

static void
test_impossible_date (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = thidua_store_open (f->path, THIDUA_STORE_OPEN_NO_SEED, &error);
  g_autoptr(ThiduaPlan) plan = thidua_plan_new ();
  g_autoptr(GPtrArray) list = NULL;

  thidua_plan_set_date (plan, 31, 2, 2024);
  /* The model keeps what was typed, the store refuses it, nothing is "fixed". */
  g_assert_cmpuint (thidua_plan_get_day (plan), ==, 31);
  g_assert_cmpint (thidua_store_insert_plan (store, plan, &error), ==, 0);
  g_assert_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "31/02"));
  g_clear_error (&error);
  list = thidua_store_list_plans (store, NULL, &error);
  g_assert_cmpuint (list->len, ==, 0);

  g_assert_true (thidua_plan_check_date (29, 2, 2024, NULL));
  g_assert_false (thidua_plan_check_date (29, 2, 2023, NULL));
  g_assert_true (thidua_plan_check_date (29, 2, 0, NULL));    /* year left blank */
  g_assert_true (thidua_plan_check_date (0, 2, 2023, NULL));  /* day left blank */
  g_assert_false (thidua_plan_check_date (31, 4, 0, NULL));
  g_assert_false (thidua_plan_check_date (1, 13, 2023, NULL));
}

static void
test_big_body (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = thidua_store_open (f->path, THIDUA_STORE_OPEN_NO_SEED, &error);
  g_autoptr(ThiduaPlan) plan = thidua_plan_new ();
  g_autoptr(ThiduaPlan) loaded = NULL;
  g_autoptr(GString) body = g_string_new (NULL);

  while (body->len < 10 * 1024 * 1024)
    g_string_append (body, "- Thi đua thực hiện tốt công tác phòng, chống dịch Covid-19;\n");
  thidua_plan_set_body (plan, body->str);
  thidua_store_insert_plan (store, plan, &error);
  g_assert_no_error (error);
  loaded = thidua_store_load_plan (store, thidua_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (thidua_plan_get_body (loaded)), ==, body->len);
  g_assert_cmpstr (thidua_plan_get_body (loaded), ==, body->str);
}

static void
test_duplicate_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = thidua_store_open (f->path, 0, &error);
  g_autoptr(ThiduaPlan) original = NULL;
  g_autoptr(ThiduaPlan) copy = NULL;
  gint64 id, copy_id;

  id = thidua_store_new_plan (store, "annual-party-school", &error);
  g_assert_no_error (error);
  copy_id = thidua_store_duplicate_plan (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (copy_id, !=, id);
  original = thidua_store_load_plan (store, id, &error);
  copy = thidua_store_load_plan (store, copy_id, &error);
  g_assert_cmpstr (thidua_plan_get_body (copy), ==, thidua_plan_get_body (original));
  g_assert_cmpstr (thidua_plan_get_number (original), ==, "100");
  g_assert_cmpstr (thidua_plan_get_number (copy), ==, "");
  g_assert_cmpuint (thidua_plan_get_year (original), ==, 2022);
  g_assert_cmpuint (thidua_plan_get_day (copy) + thidua_plan_get_month (copy) + thidua_plan_get_year (copy), ==, 0);
  g_assert_cmpstr (thidua_plan_get_status (copy), ==, "draft");

  /* The plan's targets come along with it. */
  {
    sqlite3 *db = thidua_store_get_db (store);
    g_autofree char *ins = g_strdup_printf (
      "INSERT INTO plan_targets (plan_id, position, title, min_value, max_value, measure, base) "
      "VALUES (%" G_GINT64_FORMAT ", 0, 'cstdcs', 10, 15, 'percent', 'ldtt')", id);
    g_autofree char *count = NULL;
    sqlite3_stmt *stmt = NULL;
    gint64 second;

    g_assert_cmpint (sqlite3_exec (db, ins, NULL, NULL, NULL), ==, SQLITE_OK);
    second = thidua_store_duplicate_plan (store, id, &error);
    g_assert_no_error (error);
    count = g_strdup_printf ("SELECT count(*), max(title), max(min_value) FROM plan_targets "
                             "WHERE plan_id = %" G_GINT64_FORMAT, second);
    g_assert_cmpint (sqlite3_prepare_v2 (db, count, -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "cstdcs");
    g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 10);
    sqlite3_finalize (stmt);
  }

  g_assert_true (thidua_store_delete_plan (store, id, &error));
  g_assert_null (thidua_store_load_plan (store, id, &error));
  g_assert_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (thidua_store_delete_plan (store, id, &error));
  g_assert_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (thidua_store_new_plan (store, "no-such-template", &error), ==, 0);
  g_assert_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_NOT_FOUND);
}

/* ---- bad files: a clear message naming the file, the file untouched ---- */

static void
assert_open_fails_untouched (const char *path, int code)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = NULL;
  g_autofree char *base = g_path_get_basename (path);

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  store = thidua_store_open (path, 0, &error);
  g_assert_null (store);
  g_assert_error (error, THIDUA_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, base));
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpuint (before_len, ==, after_len);
  g_assert_true (memcmp (before, after, before_len) == 0);
}

static void
test_not_a_database (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "letter.docx", NULL);
  g_autoptr(GString) junk = g_string_new ("PK\x03\x04 this is a Word file, not a database.\n");

  while (junk->len < 8192)
    g_string_append (junk, "Kế hoạch thi đua năm 2024. ");
  g_assert_true (g_file_set_contents (path, junk->str, junk->len, NULL));
  assert_open_fails_untouched (path, THIDUA_STORE_ERROR_NOT_DATABASE);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

static void
test_corrupt (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len, page_size;

  {
    g_autoptr(ThiduaStore) store = thidua_store_open (f->path, 0, &error);
    g_assert_no_error (error);
    for (int i = 0; i < 40; i++)
      g_assert_cmpint (thidua_store_new_plan (store, "labour-federation", &error), >, 0);
    /* Fold the WAL into the main file so the damage below hits real pages. */
    g_assert_cmpint (sqlite3_exec (thidua_store_get_db (store),
                                   "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 16 * 4096);
  /* Keep the header page (its size is bytes 16-17 of the header), scribble
   * over the pages after it. */
  page_size = ((guchar) contents[16] << 8) | (guchar) contents[17];
  g_assert_cmpuint (page_size, >=, 4096);
  g_assert_cmpuint (len, >, 4 * page_size);
  for (gsize i = page_size; i < len; i++)
    contents[i] = (char) (i * 7 + 13);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));
  assert_open_fails_untouched (f->path, THIDUA_STORE_ERROR_CORRUPT);
}

static void
test_read_only_file (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  gint64 id;

  store = thidua_store_open (f->path, 0, &error);
  id = thidua_store_new_plan (store, "education-office", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (thidua_store_get_db (store),
                                 "PRAGMA journal_mode=DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&store);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  g_assert_true (g_file_get_contents (f->path, &before, &before_len, NULL));

  store = thidua_store_open (f->path, 0, &error);
  g_assert_no_error (error);
  g_assert_true (thidua_store_is_read_only (store));
  list = thidua_store_list_plans (store, "giao duc", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  {
    g_autoptr(ThiduaPlan) plan = thidua_store_load_plan (store, id, &error);
    g_assert_no_error (error);
    thidua_plan_set_subject (plan, "changed");
    g_assert_false (thidua_store_update_plan (store, plan, &error));
    g_assert_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_READ_ONLY);
    g_assert_nonnull (strstr (error->message, "thidua.db"));
  }
  g_clear_object (&store);
  g_assert_true (g_file_get_contents (f->path, &after, &after_len, NULL));
  g_assert_cmpuint (before_len, ==, after_len);
  g_assert_true (memcmp (before, after, before_len) == 0);
}

static void
test_locked (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;

  {
    g_autoptr(ThiduaStore) store = thidua_store_open (f->path, 0, &error);
    g_assert_no_error (error);
  }
  /* Another program holds the database exclusively. */
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; "
                                 "UPDATE templates SET title = title;", NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autoptr(ThiduaStore) store = thidua_store_open (f->path, 0, &error);
    g_assert_null (store);
    g_assert_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_LOCKED);
    g_assert_nonnull (strstr (error->message, "thidua.db"));
    g_assert_nonnull (strstr (error->message, "locked"));
  }
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  g_clear_error (&error);
  {
    g_autoptr(ThiduaStore) store = thidua_store_open (f->path, 0, &error);
    g_assert_no_error (error);
  }
}

static void
test_foreign_database (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "contacts.db", NULL);
  g_autofree char *old = g_build_filename (f->dir, "old.db", NULL);
  sqlite3 *db = NULL;

  /* Another program's database, and one that claims a schema version. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT); "
                                 "INSERT INTO contacts VALUES ('Lò Văn Thắng')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_open_fails_untouched (path, THIDUA_STORE_ERROR_NOT_DATABASE);

  g_assert_cmpint (sqlite3_open (old, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); PRAGMA user_version = 7", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_open_fails_untouched (old, THIDUA_STORE_ERROR_NOT_DATABASE);
}

/* Damage inside a cell is not seen by reading the tables' pages of the
 * first rows; it is found before anything is written. */
static void
test_damaged_cell (Fixture *f, gconstpointer data)
{
  gboolean wal = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  gsize len;
  gint64 page = 0, page_size = 0;

  {
    g_autoptr(ThiduaStore) store = thidua_store_open (f->path, 0, &error);
    sqlite3 *db;
    sqlite3_stmt *stmt = NULL;

    g_assert_no_error (error);
    for (int i = 0; i < 30; i++)
      g_assert_cmpint (thidua_store_new_plan (store, "annual-party-school", &error), >, 0);
    db = thidua_store_get_db (store);
    /* Bodies longer than two pages overflow at any page size (a new file
     * has 16 kB pages, where a template's body fits in one). */
    g_assert_cmpint (sqlite3_exec (db, "UPDATE plan_bodies SET body = body || "
                                       "hex (zeroblob ((SELECT page_size FROM pragma_page_size)))",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db,
                                   wal ? "PRAGMA wal_checkpoint(TRUNCATE)"
                                       : "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    /* A page of a plan body's overflow chain: reading the tables' own
     * pages never touches it (whatever else the schema adds). */
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pageno, (SELECT page_size FROM pragma_page_size) "
                                             "FROM dbstat WHERE name = 'plan_bodies' AND pagetype = 'overflow' "
                                             "ORDER BY pageno DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    page = sqlite3_column_int64 (stmt, 0);
    page_size = sqlite3_column_int64 (stmt, 1);
    sqlite3_finalize (stmt);
  }
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  /* Scribble over that page, its link to the next one included. */
  g_assert_cmpuint ((gsize) (page * page_size), <=, len);
  for (gsize i = (gsize) ((page - 1) * page_size); i < (gsize) ((page - 1) * page_size + 2048); i++)
    contents[i] = (char) (i * 31 + 7);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));
  before = g_memdup2 (contents, len);

  {
    g_autoptr(ThiduaStore) store = thidua_store_open (f->path, 0, &error);
    g_autofree char *after = NULL;
    gsize after_len;

    if (!wal)
      {
        /* Not yet in WAL mode: opening would rewrite the header, so the
         * damage is found at open. */
        g_assert_null (store);
        g_assert_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_CORRUPT);
      }
    else
      {
        /* Ours, in WAL mode: opening and reading stay fast; the first
         * write finds the damage and writes nothing. */
        g_assert_no_error (error);
        g_assert_nonnull (store);
        g_assert_cmpint (thidua_store_new_plan (store, "blank-state", &error), ==, 0);
        g_assert_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_CORRUPT);
        g_assert_nonnull (strstr (error->message, "thidua.db"));
        g_clear_object (&store);
      }
    g_assert_true (g_file_get_contents (f->path, &after, &after_len, NULL));
    g_assert_cmpuint (after_len, ==, len);
    g_assert_true (memcmp (before, after, len) == 0);
  }
}

static void
test_directory_not_file (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = thidua_store_open (f->dir, 0, &error);

  g_assert_null (store);
  g_assert_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_NOT_DATABASE);
}

static void
count_change (ThiduaStore *store, const char *what, gpointer data)
{
  g_ptr_array_add (data, g_strdup (what));
}

/* One "changed" per area touched, after the commit; none after a refused change. */
static void
test_changed_signal (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = thidua_store_open (f->path, 0, &error);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) plans_only = g_ptr_array_new_with_free_func (g_free);
  gint64 id;

  g_assert_no_error (error);
  g_signal_connect (store, "changed", G_CALLBACK (count_change), seen);
  g_signal_connect (store, "changed::plans", G_CALLBACK (count_change), plans_only);
  id = thidua_store_new_plan (store, "blank-state", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "plans");
  g_assert_cmpuint (plans_only->len, ==, 1);

  g_assert_true (thidua_store_delete_plan (store, id, &error));
  g_assert_cmpuint (seen->len, ==, 2);
  /* a plan that does not exist: nothing changed, nothing said */
  g_assert_false (thidua_store_delete_plan (store, id, &error));
  g_assert_cmpuint (seen->len, ==, 2);
}

/* Another connection's commit shows as a new data_version; our own does not. */
static void
test_data_version (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = thidua_store_open (f->path, 0, &error);
  g_autoptr(ThiduaStore) other = NULL;
  gint64 v0, v1, v2;

  g_assert_no_error (error);
  other = thidua_store_open (f->path, 0, &error);
  g_assert_no_error (error);
  v0 = thidua_store_get_data_version (store);
  g_assert_cmpint (v0, >=, 0);
  g_assert_cmpint (thidua_store_new_plan (store, "blank-state", &error), >, 0);
  v1 = thidua_store_get_data_version (store);
  g_assert_cmpint (v1, ==, v0);
  g_assert_cmpint (thidua_store_new_plan (other, "blank-state", &error), >, 0);
  g_assert_no_error (error);
  v2 = thidua_store_get_data_version (store);
  g_assert_cmpint (v2, !=, v1);
  g_assert_cmpint (thidua_store_get_data_version (store), ==, v2);
}

static gint64
page_size_of (ThiduaStore *store)
{
  sqlite3_stmt *stmt = NULL;
  gint64 size;

  g_assert_cmpint (sqlite3_prepare_v2 (thidua_store_get_db (store), "PRAGMA page_size", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  size = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return size;
}

/* A new file gets 16 kB pages (an import writes a quarter as many pages);
 * a file that already has pages keeps their size, through every
 * migration, and both stay whole. */
static void
test_page_size (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old = g_build_filename (f->dir, "old.db", NULL);
  sqlite3 *db = NULL;

  {
    g_autoptr(ThiduaStore) store = thidua_store_open (f->path, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpint (page_size_of (store), ==, 16384);
    g_assert_cmpint (thidua_store_new_plan (store, "blank-state", &error), >, 0);
  }
  {
    g_autoptr(ThiduaStore) store = thidua_store_open (f->path, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpint (page_size_of (store), ==, 16384);
  }

  /* an empty file another SQLite program made with 4 kB pages */
  g_assert_cmpint (sqlite3_open (old, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA page_size = 4096; CREATE TABLE t (x); DROP TABLE t",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  {
    g_autoptr(ThiduaStore) store = thidua_store_open (old, 0, &error);
    g_autoptr(GPtrArray) plans = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (thidua_store_get_schema_version (store), ==, thidua_store_latest_version ());
    g_assert_cmpint (page_size_of (store), ==, 4096);
    g_assert_cmpint (thidua_store_new_plan (store, "blank-state", &error), >, 0);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_prepare_v2 (thidua_store_get_db (store), "PRAGMA integrity_check", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
  }
}

static int
exec_rc (ThiduaStore *store, const char *sql)
{
  /* the primary code: the store turns on extended ones */
  return sqlite3_exec (thidua_store_get_db (store), sql, NULL, NULL, NULL) & 0xff;
}

/* Migration 240: the CHECKs of the tables imports fill list their values
 * with = and OR (an IN list costs SQLite 3.40 a temporary table per row
 * written) and still refuse what they refused. */
static void
test_check_lists (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = thidua_store_open (f->path, 0, &error);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (thidua_store_get_db (store),
                                       "SELECT name, sql FROM sqlite_schema WHERE name IN ('people', 'registrations')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);
      g_assert_null (strstr (sql, " IN ("));
      g_assert_nonnull (strstr (sql, g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "people")
                                     ? "honorific = 'Ông'" : "result = 'not-achieved'"));
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, ==, 2);

  g_assert_cmpint (exec_rc (store, "INSERT INTO people (id, given_name, name_key, created, honorific) "
                                   "VALUES (1, 'An', 'an', 0, 'Bà')"), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (store, "INSERT INTO people (given_name, name_key, created, honorific) "
                                   "VALUES ('An', 'an', 0, 'Cô')"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (store, "INSERT INTO reg_years (id, label, start_year) VALUES (1, '2024', 2024)"),
                   ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (store, "INSERT INTO registrations (year_id, person_id, title, created, modified, "
                                   "status, result) VALUES (1, 1, 'ldtt', 0, 0, 'withdrawn', 'achieved')"),
                   ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (store, "INSERT INTO registrations (year_id, person_id, title, created, modified, "
                                   "result) VALUES (1, 1, 'cstd', 0, 0, 'Pending')"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (store, "INSERT INTO registrations (year_id, person_id, title, created, modified, "
                                   "status) VALUES (1, 1, 'cstd', 0, 0, 'deleted')"), ==, SQLITE_CONSTRAINT);
}

/* Migration 250: one index reads a year of registrations, collectives
 * included, and still keeps a person's title and a unit's title once a
 * year. */
static void
test_year_index (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = thidua_store_open (f->path, 0, &error);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_cmpint (exec_rc (store, "INSERT INTO units (id, name, name_key, created) VALUES (1, 'Tổ 1', 'to 1', 0), "
                                   "(2, 'Tổ 2', 'to 2', 0)"), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (store, "INSERT INTO people (id, given_name, name_key, created) VALUES (1, 'An', 'an', 0)"),
                   ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (store, "INSERT INTO reg_years (id, label, start_year) VALUES (1, '2024', 2024), "
                                   "(2, '2025', 2025)"), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (store, "INSERT INTO registrations (year_id, person_id, title, created, modified) "
                                   "VALUES (1, 1, 'ldtt', 0, 0), (2, 1, 'ldtt', 0, 0)"), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (store, "INSERT INTO registrations (year_id, person_id, title, created, modified) "
                                   "VALUES (1, 1, 'ldtt', 0, 0)"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (store, "INSERT INTO registrations (year_id, unit_id, title, created, modified) "
                                   "VALUES (1, 1, 'ttldxs', 0, 0), (1, 2, 'ttldxs', 0, 0)"), ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (store, "INSERT INTO registrations (year_id, unit_id, title, created, modified) "
                                   "VALUES (1, 2, 'ttldxs', 0, 0)"), ==, SQLITE_CONSTRAINT);

  /* a year's rows, persons and collectives, through the index */
  g_assert_cmpint (sqlite3_prepare_v2 (thidua_store_get_db (store),
                                       "EXPLAIN QUERY PLAN SELECT r.id FROM registrations r "
                                       "JOIN reg_years y ON y.id = r.year_id WHERE y.label = '2024'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  g_assert_nonnull (strstr (plan->str, "registrations_once_person (year_id=?)"));
  g_assert_cmpint (sqlite3_prepare_v2 (thidua_store_get_db (store),
                                       "SELECT count(*) FROM registrations r JOIN reg_years y ON y.id = r.year_id "
                                       "WHERE y.label = '2024'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
  sqlite3_finalize (stmt);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/store/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("changed-signal", test_changed_signal);
  ADD ("data-version", test_data_version);
  ADD ("create-seeds-templates", test_create_seeds_templates);
  ADD ("migrate-from-each-version", test_migrate_from_each_version);
  ADD ("too-new", test_too_new);
  ADD ("page-size", test_page_size);
  ADD ("check-lists", test_check_lists);
  ADD ("year-index", test_year_index);
  ADD ("plan-round-trip", test_plan_round_trip);
  ADD ("nfc", test_nfc_on_store);
  ADD ("search-folds", test_search_folds);
  ADD ("list-order", test_list_order);
  ADD ("impossible-date", test_impossible_date);
  ADD ("big-body", test_big_body);
  ADD ("duplicate-delete", test_duplicate_delete);
  ADD ("bad/not-a-database", test_not_a_database);
  ADD ("bad/corrupt", test_corrupt);
  ADD ("bad/read-only", test_read_only_file);
  ADD ("bad/locked", test_locked);
  ADD ("bad/directory", test_directory_not_file);
  ADD ("bad/foreign-database", test_foreign_database);
  g_test_add ("/store/bad/damaged-cell", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_damaged_cell, fixture_teardown);
  g_test_add ("/store/bad/damaged-cell-wal", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_damaged_cell, fixture_teardown);
#undef ADD

  return g_test_run ();
}
