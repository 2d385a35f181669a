/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-plan-list.c — core's list of plans follows this process's saves one
 * plan at a time (the store names the plan), and other connections'
 * writes through PRAGMA data_version. */
#include "config.h"
#include "thidua-document.h"
#include "thidua-plan-list.h"

#include <glib/gstdio.h>

#define N_PLANS 2000

typedef struct {
  char           *dir;
  ThiduaStore    *store;
  ThiduaPlanList *list;
  GArray         *changes;   /* Change, one per items-changed */
} Fixture;

typedef struct {
  guint position, removed, added;
} Change;

static gboolean
insert_plans (ThiduaStore *store,
              gpointer     data,
              GError     **error)
{
  for (guint i = 0; i < N_PLANS; i++)
    {
      g_autoptr(ThiduaPlan) plan = thidua_plan_new ();
      g_autofree char *subject = g_strdup_printf ("Kế hoạch thi đua số %u", i + 1);

      thidua_plan_set_subject (plan, subject);
      /* several plans share a date: the id decides between them */
      thidua_plan_set_date (plan, 1 + i % 28, 1 + (i / 28) % 12, 2000 + i / 336);
      if (thidua_store_insert_plan (store, plan, error) == 0)
        return FALSE;
    }
  return TRUE;
}

static void
record_change (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               Fixture    *f)
{
  Change c = { position, removed, added };

  g_array_append_val (f->changes, c);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("thidua-plan-list-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "thidua.db", NULL);
  f->store = thidua_store_open (path, THIDUA_STORE_OPEN_NO_SEED, &error);
  g_assert_no_error (error);
  g_assert_true (thidua_store_transaction (f->store, insert_plans, NULL, &error));
  g_assert_no_error (error);
  f->list = thidua_plan_list_new (f->store);
  g_assert_true (thidua_plan_list_refresh (f->list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, N_PLANS);
  /* the inserts' own announcement is behind us */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  f->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_signal_connect (f->list, "items-changed", G_CALLBACK (record_change), f);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->list);
  g_clear_object (&f->store);
  g_array_unref (f->changes);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_remove (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Lets every timeout and idle run until the document has saved. */
static void
run_until_saved (ThiduaDocument *doc)
{
  while (thidua_document_get_state (doc) != THIDUA_SAVE_STATE_SAVED)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static ThiduaDocument *
open_document (Fixture *f,
               gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlan) plan = thidua_store_load_plan (f->store, id, &error);
  ThiduaDocument *doc;

  g_assert_no_error (error);
  doc = thidua_document_new (f->store, NULL, plan);
  thidua_document_set_delays (doc, 5, 50);
  return doc;
}

static gint64
id_at (ThiduaPlanList *list,
       guint           position)
{
  g_autoptr(ThiduaPlanItem) item = g_list_model_get_item (G_LIST_MODEL (list), position);

  return thidua_plan_item_get_id (item);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

/* The list holds the store's order, item by item. */
static void
assert_same_order (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = thidua_store_list_plans (f->store, thidua_plan_list_get_search (f->list),
                                                      &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, all->len);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpint (id_at (f->list, i), ==, ((ThiduaPlanSummary *) g_ptr_array_index (all, i))->id);
}

/* An autosave of one plan changes that one item in place: same object at
 * the same position, its title notified, no items-changed, and no read of
 * the other 1,999 (a change another connection made meanwhile to another
 * plan stays unseen until data_version is looked at). */
static void
test_autosave_in_place (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) other = NULL;
  g_autoptr(ThiduaPlan) behind = NULL;
  g_autoptr(ThiduaDocument) doc = NULL;
  g_autoptr(ThiduaPlanItem) item = NULL;
  g_autoptr(ThiduaPlanItem) again = NULL;
  g_autoptr(ThiduaPlanItem) behind_item = NULL;
  guint position = 700, behind_position = 1500;
  guint titles = 0;

  item = g_list_model_get_item (G_LIST_MODEL (f->list), position);
  behind_item = g_list_model_get_item (G_LIST_MODEL (f->list), behind_position);

  /* another program renames another plan; nobody has polled yet */
  other = thidua_store_open (thidua_store_get_path (f->store), THIDUA_STORE_OPEN_NO_SEED, &error);
  g_assert_no_error (error);
  behind = thidua_store_load_plan (other, thidua_plan_item_get_id (behind_item), &error);
  g_assert_no_error (error);
  thidua_plan_set_subject (behind, "Đổi bởi chương trình khác");
  g_assert_true (thidua_store_update_plan (other, behind, &error));

  doc = open_document (f, thidua_plan_item_get_id (item));
  g_signal_connect (item, "notify::title", G_CALLBACK (count_notify), &titles);
  thidua_document_begin_step (doc, "subject");
  thidua_plan_set_subject (thidua_document_get_plan (doc), "Phát động thi đua yêu nước");
  thidua_document_changed (doc);
  g_assert_cmpstr (thidua_plan_item_get_title (item), !=, "Phát động thi đua yêu nước");
  run_until_saved (doc);

  g_assert_cmpstr (thidua_plan_item_get_title (item), ==, "Phát động thi đua yêu nước");
  g_assert_cmpuint (titles, ==, 1);
  g_assert_cmpuint (f->changes->len, ==, 0);
  again = g_list_model_get_item (G_LIST_MODEL (f->list), position);
  g_assert_true (again == item);
  /* the other plan was not read again */
  g_assert_cmpstr (thidua_plan_item_get_title (behind_item), !=, "Đổi bởi chương trình khác");

  /* the data_version path (focus, timer) still reads what others wrote */
  g_assert_true (thidua_plan_list_poll (f->list));
  g_assert_cmpstr (thidua_plan_item_get_title (behind_item), ==, "Đổi bởi chương trình khác");
  {
    g_autoptr(ThiduaPlanItem) still = g_list_model_get_item (G_LIST_MODEL (f->list), behind_position);
    g_assert_true (still == behind_item);
  }
  g_assert_false (thidua_plan_list_poll (f->list));
  assert_same_order (f);
}

/* A new date moves the plan: one items-changed over the rows between its
 * old and new place, the same item object inside it. */
static void
test_autosave_moves (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ThiduaDocument) doc = NULL;
  g_autoptr(ThiduaPlanItem) item = g_list_model_get_item (G_LIST_MODEL (f->list), 1200);
  g_autoptr(ThiduaPlanItem) moved = NULL;
  gint64 id = thidua_plan_item_get_id (item);
  guint position;
  Change c;

  doc = open_document (f, id);
  thidua_document_begin_step (doc, "date");
  thidua_plan_set_date (thidua_document_get_plan (doc), 15, 6, 2099);   /* newest of all */
  thidua_document_changed (doc);
  run_until_saved (doc);

  g_assert_cmpuint (f->changes->len, ==, 1);
  c = g_array_index (f->changes, Change, 0);
  g_assert_cmpuint (c.position, ==, 0);
  g_assert_cmpuint (c.removed, ==, 1201);
  g_assert_cmpuint (c.added, ==, 1201);
  position = thidua_plan_list_find (f->list, id);
  g_assert_cmpuint (position, ==, 0);
  moved = g_list_model_get_item (G_LIST_MODEL (f->list), position);
  g_assert_true (moved == item);
  assert_same_order (f);

  /* and back among the others, to a blank year: listed last */
  g_array_set_size (f->changes, 0);
  thidua_document_begin_step (doc, "date");
  thidua_plan_set_date (thidua_document_get_plan (doc), 0, 0, 0);
  thidua_document_changed (doc);
  run_until_saved (doc);
  g_assert_cmpuint (f->changes->len, ==, 1);
  g_assert_cmpuint (thidua_plan_list_find (f->list, id), ==, N_PLANS - 1);
  assert_same_order (f);
}

/* Under a search, a save that makes the plan stop matching removes its one
 * row; matching again brings it back at its place. */
static void
test_autosave_search (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ThiduaDocument) doc = NULL;
  guint n, position;
  gint64 id;
  Change c;

  thidua_plan_list_set_search (f->list, "số 199");   /* 199, 1199, 1990–1999 */
  n = g_list_model_get_n_items (G_LIST_MODEL (f->list));
  g_assert_cmpuint (n, >, 1);
  g_assert_cmpuint (n, <, 50);
  position = n / 2;
  id = id_at (f->list, position);
  g_array_set_size (f->changes, 0);

  doc = open_document (f, id);
  thidua_document_begin_step (doc, "subject");
  thidua_plan_set_subject (thidua_document_get_plan (doc), "Kế hoạch khác hẳn");
  thidua_document_changed (doc);
  run_until_saved (doc);
  g_assert_cmpuint (f->changes->len, ==, 1);
  c = g_array_index (f->changes, Change, 0);
  g_assert_cmpuint (c.position, ==, position);
  g_assert_cmpuint (c.removed, ==, 1);
  g_assert_cmpuint (c.added, ==, 0);
  g_assert_cmpuint (thidua_plan_list_find (f->list, id), ==, G_MAXUINT);
  assert_same_order (f);

  g_array_set_size (f->changes, 0);
  thidua_document_undo (doc);
  run_until_saved (doc);
  g_assert_cmpuint (f->changes->len, ==, 1);
  c = g_array_index (f->changes, Change, 0);
  g_assert_cmpuint (c.position, ==, position);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, 1);
  assert_same_order (f);
}

static void
record_plan_changed (ThiduaStore *store,
                     gint64       id,
                     GArray      *ids)
{
  g_array_append_val (ids, id);
}

/* The store names each plan a commit updated, and says 0 ("read them
 * all") when plans were added or removed; the list then reads them all. */
static void
test_store_names_plans (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autoptr(ThiduaPlan) fresh = thidua_plan_new ();
  g_autoptr(GError) error = NULL;
  gint64 id = id_at (f->list, 3);

  g_signal_connect (f->store, "plan-changed", G_CALLBACK (record_plan_changed), ids);
  plan = thidua_store_load_plan (f->store, id, &error);
  g_assert_no_error (error);
  thidua_plan_set_subject (plan, "Một kế hoạch");
  g_assert_true (thidua_store_update_plan (f->store, plan, &error));
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id);

  g_array_set_size (ids, 0);
  thidua_plan_set_subject (fresh, "Kế hoạch mới");
  thidua_plan_set_date (fresh, 2, 9, 2098);
  g_assert_cmpint (thidua_store_insert_plan (f->store, fresh, &error), >, 0);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 0);
  /* the list reads them all once the loop is free */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (id_at (f->list, 0), ==, thidua_plan_get_id (fresh));
  assert_same_order (f);

  g_array_set_size (ids, 0);
  g_assert_true (thidua_store_delete_plan (f->store, thidua_plan_get_id (fresh), &error));
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, N_PLANS);
  assert_same_order (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/plan-list/autosave-in-place", Fixture, NULL, setup, test_autosave_in_place, teardown);
  g_test_add ("/plan-list/autosave-moves", Fixture, NULL, setup, test_autosave_moves, teardown);
  g_test_add ("/plan-list/autosave-search", Fixture, NULL, setup, test_autosave_search, teardown);
  g_test_add ("/plan-list/store-names-plans", Fixture, NULL, setup, test_store_names_plans, teardown);
  return g_test_run ();
}
