/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-exchange-trust.c — core's trust API: a package signed by another key
 * than the pinned one is refused, nothing written, until
 * thidua_exchange_replace_key is given the new key's fingerprint. */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "thidua-exchange.h"
#include "thidua-store.h"
#include "../thidua-test-tmp.h"

static char *
run (const char *const *argv)
{
  char *out = NULL;
  int status = 0;
  g_autoptr(GError) error = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return out;
}

static void
cli (const char *db, const char *a, const char *b, const char *c, const char *d, const char *e,
     const char *f, const char *g)
{
  const char *argv[] = { g_getenv ("THIDUA_CLI"), "--db", db, a, b, c, d, e, f, g, NULL };
  g_free (run (argv));
}

static char *
dump (const char *db)
{
  const char *argv[] = { "sqlite3", db, ".dump", NULL };
  return run (argv);
}

/* A school database named so, with n registrations, exported to pkg. */
static void
school (const char *dir, const char *db, const char *tag, guint n, const char *pkg)
{
  g_autofree char *csv = g_strdup_printf ("%s/%s.csv", dir, tag);
  GString *s = g_string_new ("Họ và tên;Chức vụ;Đơn vị;Loại;Danh hiệu thi đua\n");
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (s, "Lò Văn %s%u;Giáo viên;Tổ %u;Cá nhân;Lao động tiên tiến\n", tag, i, i % 3);
  g_assert_true (g_file_set_contents (csv, s->str, -1, NULL));
  g_string_free (s, TRUE);
  cli (db, "office", "--name", "Trường Tiểu học Nậm Hàng", "--code", "NH", NULL, NULL);
  cli (db, "register", "import", csv, "--year", "2026", NULL, NULL);
  cli (db, "exchange", "export", "--year", "2026", "-o", pkg, NULL);
}

static void
count_signal (guint *n)
{
  (*n)++;
}

static void
test_replace (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-exchange-trust");
  g_autofree char *old_db = g_build_filename (dir, "old.db", NULL);
  g_autofree char *new_db = g_build_filename (dir, "new.db", NULL);
  g_autofree char *office_db = g_build_filename (dir, "office.db", NULL);
  g_autofree char *old_pkg = g_build_filename (dir, "old.thidua", NULL);
  g_autofree char *new_pkg = g_build_filename (dir, "new.thidua", NULL);
  g_autoptr(GError) error = NULL;

  school (dir, old_db, "C", 5, old_pkg);
  school (dir, new_db, "M", 7, new_pkg);
  cli (office_db, "office", "--name", "Phòng GD&ĐT huyện Nậm Nhùn", NULL, NULL, NULL, NULL);

  g_autoptr(ThiduaStore) store = thidua_store_open (office_db, THIDUA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  /* Nothing pinned yet: no conflict, and nothing to replace. */
  g_assert_null (thidua_exchange_key_conflict (store, new_pkg, &error));
  g_assert_no_error (error);
  g_assert_false (thidua_exchange_replace_key (store, new_pkg, "0000", &error));
  g_assert_error (error, THIDUA_EXCHANGE_ERROR, THIDUA_EXCHANGE_ERROR_INVALID);
  g_clear_error (&error);

  /* The apply writes through a connection of its own: the caller's store
   * still tells its listeners, once. */
  guint changed = 0;
  g_signal_connect_swapped (store, "changed::register", G_CALLBACK (count_signal), &changed);
  g_autoptr(ThiduaExchangeReport) first = thidua_exchange_import (store, old_pkg, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (first->first_from_office);
  g_assert_cmpuint (first->added, ==, 5);
  g_assert_cmpuint (changed, ==, 1);
  g_autofree char *received = NULL;
  {
    const char *argv[] = { "sqlite3", office_db, "SELECT count(*) FROM registrations WHERE office_id IS NOT NULL; "
                           "PRAGMA foreign_key_check", NULL };
    received = run (argv);
  }
  g_assert_cmpstr (received, ==, "5\n");
  g_autofree char *old_fp = g_strdup (first->fingerprint);

  /* Refused, naming both keys; the conflict shows both; the database unchanged. */
  g_autofree char *before = dump (office_db);
  g_assert_null (thidua_exchange_import (store, new_pkg, TRUE, &error));
  g_assert_error (error, THIDUA_EXCHANGE_ERROR, THIDUA_EXCHANGE_ERROR_UNTRUSTED);
  g_assert_nonnull (strstr (error->message, old_fp));
  g_clear_error (&error);
  g_autoptr(ThiduaExchangeKeyConflict) c = thidua_exchange_key_conflict (store, new_pkg, &error);
  g_assert_no_error (error);
  g_assert_nonnull (c);
  g_assert_cmpstr (c->office, ==, "Trường Tiểu học Nậm Hàng");
  g_assert_cmpstr (c->pinned, ==, old_fp);
  g_assert_cmpstr (c->offered, !=, old_fp);
  /* The wrong fingerprint (the pinned one) replaces nothing. */
  g_assert_false (thidua_exchange_replace_key (store, new_pkg, old_fp, &error));
  g_assert_error (error, THIDUA_EXCHANGE_ERROR, THIDUA_EXCHANGE_ERROR_UNTRUSTED);
  g_clear_error (&error);
  /* A damaged package replaces nothing either. */
  g_autofree char *bad = g_build_filename (dir, "bad.thidua", NULL);
  g_assert_true (g_file_set_contents (bad, "\x1f\x8b garbage", -1, NULL));
  g_assert_false (thidua_exchange_replace_key (store, bad, c->offered, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_autofree char *after = dump (office_db);
  g_assert_cmpstr (before, ==, after);

  /* The explicit action; then the package is accepted (its sequence 1 is
   * not "older" than the old key's packages) and the old key refused. */
  g_assert_true (thidua_exchange_replace_key (store, new_pkg, c->offered, &error));
  g_assert_no_error (error);
  g_assert_null (thidua_exchange_key_conflict (store, new_pkg, &error));
  g_assert_no_error (error);
  g_autoptr(ThiduaExchangeReport) second = thidua_exchange_import (store, new_pkg, TRUE, &error);
  g_assert_no_error (error);
  g_assert_false (second->first_from_office);
  g_assert_cmpstr (second->fingerprint, ==, c->offered);
  g_assert_cmpuint (second->added, ==, 7);
  g_assert_cmpuint (second->removed, ==, 5);
  g_assert_null (thidua_exchange_import (store, old_pkg, FALSE, &error));
  g_assert_error (error, THIDUA_EXCHANGE_ERROR, THIDUA_EXCHANGE_ERROR_UNTRUSTED);
  g_clear_error (&error);

  g_clear_object (&store);
  thidua_test_tmpdir_remove (dir);
}

static char *
query (const char *db, const char *sql)
{
  const char *argv[] = { "sqlite3", db, sql, NULL };
  return g_strchomp (run (argv));
}

/* A database from before packages were numbered per key keeps what it
 * received: the rows survive the migration, and an older package is still
 * refused after it. */
static void
test_migration_keeps_received (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-exchange-trust-migrate");
  g_autofree char *school_db = g_build_filename (dir, "school.db", NULL);
  g_autofree char *pkg1 = g_build_filename (dir, "p1.thidua", NULL);
  g_autofree char *pkg2 = g_build_filename (dir, "p2.thidua", NULL);
  g_autofree char *office_db = NULL;
  g_autoptr(GError) error = NULL;
  int latest = thidua_store_latest_version ();
  int old = -1;

  school (dir, school_db, "V", 3, pkg1);
  cli (school_db, "exchange", "export", "--year", "2026", "-o", pkg2, NULL);
  /* The newest schema version that has exchange_received without key_epoch. */
  for (int v = latest - 1; v > 0 && old < 0; v--)
    {
      g_autofree char *path = g_strdup_printf ("%s/office-v%d.db", dir, v);
      g_autoptr(ThiduaStore) at = thidua_store_open_at_version (path, THIDUA_STORE_OPEN_NO_SEED, v, &error);
      g_assert_no_error (error);
      g_clear_object (&at);
      g_autofree char *cols = query (path, "SELECT group_concat (name) FROM pragma_table_info ('exchange_received')");
      if (*cols != '\0' && strstr (cols, "key_epoch") == NULL)
        {
          old = v;
          office_db = g_steal_pointer (&path);
        }
    }
  g_assert_cmpint (old, >, 0);
  /* What the old schema held: the office pinned, package 2 received. */
  g_autofree char *hex = query (school_db, "SELECT hex (public_key) FROM exchange_key");
  g_autofree char *fill = g_strdup_printf (
      "INSERT INTO exchange_offices (id, name, code, public_key, pinned) "
      "  VALUES (1, 'Trường Tiểu học Nậm Hàng', 'NH', x'%s', 0); "
      "INSERT INTO exchange_received (office_id, year, direction, sequence, received, content_hash, rows) "
      "  VALUES (1, '2026', 'up', 2, 0, 'x', 3)", hex);
  g_free (query (office_db, fill));

  g_autoptr(ThiduaStore) store = thidua_store_open (office_db, THIDUA_STORE_OPEN_NO_SEED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (thidua_store_get_schema_version (store), ==, latest);
  g_autofree char *kept = query (office_db, "SELECT office_id, key_epoch, year, direction, sequence, rows "
                                            "FROM exchange_received");
  g_assert_cmpstr (kept, ==, "1|0|2026|up|2|3");
  /* Package 1 is older than package 2, received before the migration. */
  g_assert_null (thidua_exchange_import (store, pkg1, TRUE, &error));
  g_assert_error (error, THIDUA_EXCHANGE_ERROR, THIDUA_EXCHANGE_ERROR_STALE);
  g_clear_error (&error);
  g_clear_object (&store);
  thidua_test_tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/exchange/trust/replace", test_replace);
  g_test_add_func ("/exchange/trust/migration-keeps-received", test_migration_keeps_received);
  return g_test_run ();
}
