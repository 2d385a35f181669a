/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-register-model.c — the GListModel behind the register view:
 * in-memory filters and sorts, items only for requested rows. */
#include "config.h"

#include "register-test-util.h"
#include "thidua-register-item.h"
#include "thidua-register-model.h"

static const char *
name_at (ThiduaRegisterModel *m, guint i)
{
  g_autoptr(ThiduaRegisterItem) item = g_list_model_get_item (G_LIST_MODEL (m), i);
  /* the item lives on in the model's weak cache only while referenced;
   * names are compared right away */
  static char buf[256];
  g_strlcpy (buf, thidua_register_item_get_name (item), sizeof buf);
  return buf;
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, guint *count)
{
  (*count)++;
}

static void
test_model (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaRegisterModel) m = thidua_register_model_new (f->reg);
  gint64 khoa = thidua_register_add_unit (f->reg, 0, "Khoa Lý luận cơ sở", "khoa", NULL);
  gint64 to = thidua_register_add_unit (f->reg, khoa, "Tổ Triết học", "tổ", NULL);
  gint64 phong = thidua_register_add_unit (f->reg, 0, "Phòng Đào tạo", "phòng", NULL);
  gint64 dat = reg_add_person (f, "Trần Văn Đạt", to, 1980);
  gint64 anh = reg_add_person (f, "Nguyễn Thị Ánh", khoa, 1981);
  gint64 an = reg_add_person (f, "Phạm Thị An", phong, 1982);
  gint64 cs;
  guint changes = 0;

  reg_add (f, "2024", dat, "LĐTT");
  cs = reg_add_full (f, "2024", anh, 0, "CSTĐCS", "SK", THIDUA_REG_RESULT_PENDING);
  reg_add (f, "2024", anh, "LĐTT");
  reg_add (f, "2024", an, "LĐTT");
  reg_add_full (f, "2024", 0, khoa, "TTLĐXS", NULL, THIDUA_REG_RESULT_PENDING);
  reg_add (f, "2023", an, "LĐTT");

  g_signal_connect (m, "items-changed", G_CALLBACK (on_items_changed), &changes);
  g_assert_true (thidua_register_model_load (m, "2024", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 5);
  g_assert_cmpuint (thidua_register_model_get_n_total (m), ==, 5);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (m)) == THIDUA_TYPE_REGISTER_ITEM);
  /* by unit: Khoa (its own row first, then people), Phòng, Tổ */
  g_assert_cmpstr (name_at (m, 0), ==, "Tập thể Khoa Lý luận cơ sở");

  thidua_register_model_set_sort (m, THIDUA_REG_SORT_NAME);
  g_assert_cmpstr (name_at (m, 0), ==, "Phạm Thị An");
  g_assert_cmpstr (name_at (m, 1), ==, "Nguyễn Thị Ánh");
  g_assert_cmpstr (name_at (m, 3), ==, "Trần Văn Đạt");
  g_assert_cmpstr (name_at (m, 4), ==, "Tập thể Khoa Lý luận cơ sở");

  /* typing narrows letter by letter; deleting widens again */
  thidua_register_model_set_search (m, "n");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 5);
  thidua_register_model_set_search (m, "nguyen");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 2);
  thidua_register_model_set_search (m, "nguyen thi a");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 2);
  thidua_register_model_set_search (m, "nguyen thi ax");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 0);
  thidua_register_model_set_search (m, "nguyen thi");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 2);
  thidua_register_model_set_search (m, "thi");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 3);
  thidua_register_model_set_search (m, "ĐẠT");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 1);
  thidua_register_model_set_search (m, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 5);

  /* the khoa includes its tổ */
  thidua_register_model_set_unit (m, khoa);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 4);
  thidua_register_model_set_unit (m, to);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 1);
  thidua_register_model_set_unit (m, 0);
  thidua_register_model_set_title (m, "ldtt");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 3);
  thidua_register_model_set_title (m, NULL);

  /* an edit shows in its row */
  g_assert_cmpint (thidua_register_model_find (m, cs), >=, 0);
  {
    g_autoptr(ThiduaRegistration) r = thidua_register_load (f->reg, cs, &error);
    g_autoptr(ThiduaRegisterItem) item = NULL;
    r->result = THIDUA_REG_RESULT_ACHIEVED;
    g_free (r->note);
    r->note = g_strdup ("đã xét");
    g_assert_true (thidua_register_update (f->reg, r, &error));
    g_assert_true (thidua_register_model_refresh_row (m, cs, &error));
    item = g_list_model_get_item (G_LIST_MODEL (m), thidua_register_model_find (m, cs));
    g_assert_cmpstr (thidua_register_item_get_note (item), ==, "đã xét");
    g_assert_cmpint (thidua_register_item_get_result (item), ==, THIDUA_REG_RESULT_ACHIEVED);
  }
  thidua_register_model_set_result (m, THIDUA_REG_RESULT_ACHIEVED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 1);
  thidua_register_model_set_result (m, -1);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (m), 99));

  g_assert_true (thidua_register_model_load (m, "2023", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 1);
}

/* Reloading the year the model holds passes the model's own string: it
 * must be copied before the old one is freed (the register view reloads
 * so after "Gán cho các dòng đã chọn"). */
static void
test_reload_own_year (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaRegisterModel) m = thidua_register_model_new (f->reg);
  gint64 khoa = thidua_register_add_unit (f->reg, 0, "Khoa Lý luận cơ sở", "khoa", NULL);
  gint64 an = reg_add_person (f, "Phạm Thị An", khoa, 1982);

  reg_add (f, "2023-2024", an, "LĐTT");
  g_assert_true (thidua_register_model_load (m, "2023-2024", &error));
  for (int i = 0; i < 3; i++)
    {
      g_assert_true (thidua_register_model_load (m, thidua_register_model_get_year (m), &error));
      g_assert_no_error (error);
      g_assert_cmpstr (thidua_register_model_get_year (m), ==, "2023-2024");
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 1);
    }
}

typedef struct {
  guint n;
  guint position, removed, added;
  guint n_updated;
  guint updated_position, updated_n;
} Changes;

static void
on_updated (ThiduaRegisterModel *model, guint position, guint n_items, Changes *c)
{
  c->n_updated++;
  c->updated_position = position;
  c->updated_n = n_items;
}

static void
on_change (GListModel *model, guint position, guint removed, guint added, Changes *c)
{
  c->n++;
  c->position = position;
  c->removed = removed;
  c->added = added;
}

/* Edits are announced over the rows that changed, once per run of rows;
 * reading the year again announces only what changed (even an edit in
 * the same second); items are read on first use. */
static void
test_refresh_rows (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaRegisterModel) m = thidua_register_model_new (f->reg);
  gint64 khoa = thidua_register_add_unit (f->reg, 0, "Khoa Nội", "khoa", NULL);
  const char *names[] = { "Lê Văn An", "Trần Thị Bình", "Phạm Văn Cường", "Đỗ Thị Dung", "Vũ Văn Em" };
  gint64 ids[5], pair[2];
  Changes c = { 0 };
  g_autoptr(GArray) tally = g_array_new (FALSE, TRUE, sizeof (ThiduaRegTally));
  g_autoptr(GArray) units = g_array_new (FALSE, TRUE, sizeof (ThiduaRegUnitTally));
  guint people = 0;

  for (guint i = 0; i < 5; i++)
    ids[i] = reg_add (f, "2024", reg_add_person (f, names[i], khoa, 1980 + i), "LĐTT");
  g_assert_true (thidua_register_model_load (m, "2024", &error));
  g_signal_connect (m, "items-changed", G_CALLBACK (on_change), &c);
  g_signal_connect (m, "items-updated", G_CALLBACK (on_updated), &c);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 5);

  /* two neighbouring rows get a result: they stay where they were, so
   * they are updated in place (the same items, read again), one
   * notification over them and no items-changed */
  {
    g_autoptr(ThiduaRegisterItem) shown = g_list_model_get_item (G_LIST_MODEL (m), 2);
    g_autoptr(ThiduaRegisterItem) again = NULL;

    g_assert_cmpint (thidua_register_item_get_result (shown), ==, THIDUA_REG_RESULT_PENDING);
    pair[0] = thidua_register_model_get_id (m, 1);
    pair[1] = thidua_register_model_get_id (m, 2);
    g_assert_true (thidua_register_set_results (f->reg, pair, 2, THIDUA_REG_RESULT_ACHIEVED, "25/QĐ-UBND", NULL, &error));
    g_assert_true (thidua_register_model_refresh_rows (m, pair, 2, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (c.n, ==, 0);
    g_assert_cmpuint (c.n_updated, ==, 1);
    g_assert_cmpuint (c.updated_position, ==, 1);
    g_assert_cmpuint (c.updated_n, ==, 2);
    again = g_list_model_get_item (G_LIST_MODEL (m), 2);
    g_assert_true (again == shown);
    g_assert_cmpint (thidua_register_item_get_result (shown), ==, THIDUA_REG_RESULT_ACHIEVED);
    g_assert_cmpstr (thidua_register_item_get_decision (shown), ==, "25/QĐ-UBND");
    g_assert_cmpstr (thidua_register_model_peek (m, 2)->decision, ==, "25/QĐ-UBND");
  }

  /* the first and the last: two runs, two notifications */
  c.n = c.n_updated = 0;
  pair[0] = thidua_register_model_get_id (m, 0);
  pair[1] = thidua_register_model_get_id (m, 4);
  g_assert_true (thidua_register_model_refresh_rows (m, pair, 2, &error));
  g_assert_cmpuint (c.n, ==, 0);
  g_assert_cmpuint (c.n_updated, ==, 2);

  /* with a filter on the result, rows whose result changes leave it:
   * those are items-changed; the one that stays shown is updated */
  thidua_register_model_set_result (m, THIDUA_REG_RESULT_ACHIEVED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 2);
  {
    gint64 three[3] = { thidua_register_model_get_id (m, 0), thidua_register_model_get_id (m, 1), 0 };
    g_autoptr(ThiduaRegisterItem) kept = g_list_model_get_item (G_LIST_MODEL (m), 1);

    g_assert_true (thidua_register_set_results (f->reg, three, 1, THIDUA_REG_RESULT_PENDING, "", NULL, &error));
    c.n = c.n_updated = 0;
    g_assert_true (thidua_register_model_refresh_rows (m, three, 2, &error));
    g_assert_cmpuint (c.n, ==, 1);
    g_assert_cmpuint (c.position, ==, 0);
    g_assert_cmpuint (c.removed, ==, 1);
    g_assert_cmpuint (c.added, ==, 0);
    g_assert_cmpuint (c.n_updated, ==, 1);
    g_assert_cmpuint (c.updated_position, ==, 0);
    g_assert_cmpuint (c.updated_n, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 1);
    g_assert_cmpint (thidua_register_model_get_id (m, 0), ==, three[1]);
    g_assert_true (g_list_model_get_item (G_LIST_MODEL (m), 0) == (gpointer) kept);
    g_object_unref (kept);
    /* put back as it was */
    g_assert_true (thidua_register_set_results (f->reg, three, 1, THIDUA_REG_RESULT_ACHIEVED, "25/QĐ-UBND", NULL, &error));
    g_assert_true (thidua_register_model_refresh_rows (m, three, 1, &error));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 2);
  }
  thidua_register_model_set_result (m, -1);

  /* counts over the rows, no row objects */
  thidua_register_model_tally (m, tally, units, &people);
  g_assert_cmpuint (people, ==, 5);
  g_assert_cmpuint (units->len, ==, 1);
  g_assert_cmpuint (g_array_index (units, ThiduaRegUnitTally, 0).registered, ==, 5);
  g_assert_cmpuint (g_array_index (units, ThiduaRegUnitTally, 0).achieved, ==, 2);

  /* a deleted row leaves */
  c.n = 0;
  pair[0] = thidua_register_model_get_id (m, 3);
  g_assert_true (thidua_register_delete (f->reg, pair[0], NULL, &error));
  g_assert_true (thidua_register_model_refresh_rows (m, pair, 1, &error));
  g_assert_cmpuint (c.n, ==, 1);
  g_assert_cmpuint (c.position, ==, 3);
  g_assert_cmpuint (c.removed, ==, 1);
  g_assert_cmpuint (c.added, ==, 0);
  g_assert_cmpuint (thidua_register_model_get_n_total (m), ==, 4);
  g_assert_cmpint (thidua_register_model_find (m, pair[0]), ==, -1);

  /* two rows apart leave: one announcement over both (runs that change
   * the length would leave views a wrong length in between) */
  c.n = 0;
  pair[0] = thidua_register_model_get_id (m, 0);
  pair[1] = thidua_register_model_get_id (m, 3);
  g_assert_true (thidua_register_delete (f->reg, pair[0], NULL, &error));
  g_assert_true (thidua_register_delete (f->reg, pair[1], NULL, &error));
  g_assert_true (thidua_register_model_refresh_rows (m, pair, 2, &error));
  g_assert_cmpuint (c.n, ==, 1);
  g_assert_cmpuint (c.position, ==, 0);
  g_assert_cmpuint (c.removed, ==, 4);
  g_assert_cmpuint (c.added, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 2);
  g_assert_cmpint (thidua_register_model_find (m, pair[0]), ==, -1);
  g_assert_cmpint (thidua_register_model_find (m, pair[1]), ==, -1);

  /* someone else changes a note (within the same second as its last
   * change): reading the year again announces that row only, once it
   * was shown */
  {
    g_autoptr(ThiduaRegisterItem) item = g_list_model_get_item (G_LIST_MODEL (m), 0);
    g_autoptr(ThiduaRegistration) r = thidua_register_load (f->reg, thidua_register_item_get_id (item), &error);

    g_assert_cmpstr (thidua_register_item_get_note (item), ==, "");
    g_free (r->note);
    r->note = g_strdup ("đề nghị Bằng khen");
    g_assert_true (thidua_register_update (f->reg, r, &error));
  }
  c.n = 0;
  g_assert_true (thidua_register_model_load (m, "2024", &error));
  g_assert_cmpuint (c.n, ==, 1);
  g_assert_cmpuint (c.position, ==, 0);
  g_assert_cmpuint (c.removed, ==, 1);
  g_assert_cmpuint (c.added, ==, 1);
  {
    g_autoptr(ThiduaRegisterItem) item = g_list_model_get_item (G_LIST_MODEL (m), 0);
    g_assert_cmpstr (thidua_register_item_get_note (item), ==, "đề nghị Bằng khen");
  }
  /* nothing changed: nothing announced */
  c.n = 0;
  g_assert_true (thidua_register_model_load (m, "2024", &error));
  g_assert_cmpuint (c.n, ==, 0);
  (void) ids;
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/register/model/reload-own-year", RegFixture, NULL, reg_fixture_set_up,
              test_reload_own_year, reg_fixture_tear_down);
  g_test_add ("/register/model/filter-sort", RegFixture, NULL, reg_fixture_set_up, test_model,
              reg_fixture_tear_down);
  g_test_add ("/register/model/refresh-rows", RegFixture, NULL, reg_fixture_set_up, test_refresh_rows,
              reg_fixture_tear_down);
  return g_test_run ();
}
