/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-document.c — one document, one history of steps in the order they
 * were made (plan fields, recipients, targets), one save of both. */
#include "config.h"
#include "thidua-document.h"
#include "thidua-catalog.h"
#include "thidua-plan-list.h"

#include <glib/gstdio.h>

typedef struct {
  char           *dir;
  ThiduaStore    *store;
  ThiduaRegister *reg;
  ThiduaPlan     *plan;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaCatalog) catalog = thidua_catalog_new_default (&error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("thidua-document-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "thidua.db", NULL);
  f->store = thidua_store_open (path, THIDUA_STORE_OPEN_NO_SEED, &error);
  g_assert_no_error (error);
  f->reg = thidua_register_new (f->store, catalog);
  f->plan = thidua_plan_new ();
  thidua_plan_set_subject (f->plan, "Phát động phong trào");
  g_assert_cmpint (thidua_store_insert_plan (f->store, f->plan, &error), >, 0);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->plan);
  g_clear_object (&f->reg);
  g_clear_object (&f->store);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_remove (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static ThiduaTargetDraft *
draft (const char *title,
       const char *min)
{
  ThiduaTargetDraft *d = thidua_target_draft_new (title);

  g_free (d->min_text);
  d->min_text = g_strdup (min);
  return d;
}

/* A view's edit: remember the state, change, tell. */
static void
edit_subject (ThiduaDocument *doc,
              const char     *subject)
{
  thidua_document_begin_step (doc, "subject");
  thidua_plan_set_subject (thidua_document_get_plan (doc), subject);
  thidua_document_changed (doc);
}

static void
set_recipients (ThiduaDocument      *doc,
                const char * const  *lines)
{
  thidua_document_begin_step (doc, NULL);
  thidua_plan_set_recipients (thidua_document_get_plan (doc), lines);
  thidua_document_changed (doc);
}

static void
test_one_history (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ThiduaDocument) doc = thidua_document_new (f->store, f->reg, f->plan);
  ThiduaHistory *history = thidua_document_get_history (doc);
  const char *three[] = { "Như trên;", "Phòng A;", "Lưu: VT.", NULL };
  const char *two[] = { "Như trên;", "Lưu: VT.", NULL };
  g_autoptr(ThiduaTargetDraft) ldtt = draft ("ldtt", "90");
  guint restored = 0;

  g_signal_connect_swapped (doc, "restored", G_CALLBACK (g_atomic_int_inc), &restored);
  g_assert_false (thidua_history_can_undo (history));

  /* typing in one field is one step */
  edit_subject (doc, "Phát động phong trào t");
  edit_subject (doc, "Phát động phong trào thi");
  edit_subject (doc, "Phát động phong trào thi đua");
  set_recipients (doc, three);
  set_recipients (doc, two);                 /* "Phòng A;" removed */
  thidua_document_insert_target (doc, 0, ldtt);

  /* undone latest first, whatever each step touched */
  g_assert_true (thidua_document_undo (doc));
  g_assert_cmpuint (thidua_document_get_n_targets (doc), ==, 0);
  g_assert_true (thidua_document_undo (doc));
  g_assert_cmpstrv (thidua_plan_get_recipients (f->plan), three);   /* the removed line is back */
  g_assert_true (thidua_document_undo (doc));
  g_assert_null (thidua_plan_get_recipients (f->plan)[0]);
  g_assert_cmpstr (thidua_plan_get_subject (f->plan), ==, "Phát động phong trào thi đua");
  g_assert_true (thidua_document_undo (doc));
  g_assert_cmpstr (thidua_plan_get_subject (f->plan), ==, "Phát động phong trào");
  g_assert_false (thidua_history_can_undo (history));
  g_assert_false (thidua_document_undo (doc));
  g_assert_cmpuint (restored, ==, 4);

  /* and redone in the order made */
  g_assert_true (thidua_document_redo (doc));
  g_assert_cmpstr (thidua_plan_get_subject (f->plan), ==, "Phát động phong trào thi đua");
  g_assert_true (thidua_document_redo (doc));
  g_assert_true (thidua_document_redo (doc));
  g_assert_cmpstrv (thidua_plan_get_recipients (f->plan), two);
  g_assert_true (thidua_document_redo (doc));
  g_assert_cmpuint (thidua_document_get_n_targets (doc), ==, 1);
  g_assert_false (thidua_document_redo (doc));

  /* a new step after an undo drops what could be redone */
  g_assert_true (thidua_document_undo (doc));
  edit_subject (doc, "Khác");
  g_assert_false (thidua_history_can_redo (history));
}

static void
test_targets_and_save (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ThiduaDocument) doc = thidua_document_new (f->store, f->reg, f->plan);
  g_autoptr(ThiduaTargetDraft) ldtt = draft ("ldtt", "90");
  g_autoptr(ThiduaTargetDraft) bad = draft ("ldtt", "120");
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(ThiduaPlan) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  gint64 id = thidua_plan_get_id (f->plan);

  thidua_document_insert_target (doc, 0, ldtt);
  thidua_document_insert_target (doc, 1, bad);
  edit_subject (doc, "Kế hoạch có chỉ tiêu");
  g_assert_cmpint (thidua_document_get_state (doc), ==, THIDUA_SAVE_STATE_PENDING);
  g_assert_null (thidua_document_check_target (doc, 0));
  why = thidua_document_check_target (doc, 1);
  g_assert_nonnull (why);     /* one message for the rule it breaks */

  /* nothing written before the pause */
  stored = thidua_register_get_targets (f->reg, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 0);
  g_clear_pointer (&stored, g_ptr_array_unref);

  g_assert_true (thidua_document_flush (doc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (thidua_document_get_state (doc), ==, THIDUA_SAVE_STATE_SAVED);
  /* plan and valid targets together; the row in error stays in the document */
  reloaded = thidua_store_load_plan (f->store, id, &error);
  g_assert_cmpstr (thidua_plan_get_subject (reloaded), ==, "Kế hoạch có chỉ tiêu");
  stored = thidua_register_get_targets (f->reg, id, &error);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpfloat (((ThiduaPlanTarget *) g_ptr_array_index (stored, 0))->min_value, ==, 90);
  g_assert_cmpuint (thidua_document_get_n_targets (doc), ==, 2);
  g_clear_pointer (&stored, g_ptr_array_unref);

  /* a second document of the same plan reads the targets back */
  {
    g_autoptr(ThiduaDocument) again = thidua_document_new (f->store, f->reg, reloaded);

    g_assert_cmpuint (thidua_document_get_n_targets (again), ==, 1);
    g_assert_cmpstr (thidua_document_get_target (again, 0)->min_text, ==, "90");
  }

  /* deleted, then brought back with its targets in one step */
  g_assert_true (thidua_store_delete_plan (f->store, id, &error));
  g_assert_cmpint (thidua_document_reinsert (doc, &error), >, 0);
  g_assert_no_error (error);
  stored = thidua_register_get_targets (f->reg, thidua_plan_get_id (f->plan), &error);
  g_assert_cmpuint (stored->len, ==, 1);
}

static void
test_draft_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaCatalog) catalog = thidua_catalog_new_default (&error);
  static const struct { const char *min, *max; ThiduaTargetBound bound; ThiduaTargetMeasure measure; gboolean ok; } cases[] = {
    { "90", "", THIDUA_TARGET_BOUND_AT_LEAST, THIDUA_TARGET_PERCENT, TRUE },
    { "", "", THIDUA_TARGET_BOUND_AT_LEAST, THIDUA_TARGET_PERCENT, FALSE },
    { "abc", "", THIDUA_TARGET_BOUND_AT_LEAST, THIDUA_TARGET_PERCENT, FALSE },
    { "101", "", THIDUA_TARGET_BOUND_AT_LEAST, THIDUA_TARGET_PERCENT, FALSE },
    { "1,5", "", THIDUA_TARGET_BOUND_AT_LEAST, THIDUA_TARGET_COUNT, FALSE },
    { "20", "12,5", THIDUA_TARGET_BOUND_RANGE, THIDUA_TARGET_PERCENT, FALSE },
    { "12,5", "20", THIDUA_TARGET_BOUND_RANGE, THIDUA_TARGET_PERCENT, TRUE },
  };
  GHashTable *messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ThiduaTargetDraft) d = draft ("ldtt", cases[i].min);
      g_autoptr(ThiduaPlanTarget) t = NULL;
      char *why = NULL;

      g_free (d->max_text);
      d->max_text = g_strdup (cases[i].max);
      d->bound = cases[i].bound;
      d->measure = cases[i].measure;
      t = thidua_target_draft_to_target (d, catalog, &why);
      g_assert_true ((t != NULL) == cases[i].ok);
      g_assert_true ((why == NULL) == cases[i].ok);
      /* every rule says its own thing */
      if (why != NULL)
        g_assert_true (g_hash_table_add (messages, why));
    }
  g_hash_table_unref (messages);
}

static void
count_changes (GListModel *list,
               guint       position,
               guint       removed,
               guint       added,
               guint      *n)
{
  (*n)++;
}

/* The list follows writes of another connection through data_version,
 * and keeps the item objects of plans still listed. */
static void
test_plan_list (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ThiduaPlanList) list = thidua_plan_list_new (f->store);
  g_autoptr(ThiduaStore) other = NULL;
  g_autoptr(ThiduaPlan) plan = thidua_plan_new ();
  g_autoptr(ThiduaPlanItem) first = NULL;
  g_autoptr(ThiduaPlanItem) again = NULL;
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  g_assert_true (thidua_plan_list_refresh (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes), &changes);
  g_assert_false (thidua_plan_list_poll (list));     /* nothing new */

  other = thidua_store_open (thidua_store_get_path (f->store), THIDUA_STORE_OPEN_NO_SEED, &error);
  g_assert_no_error (error);
  thidua_plan_set_subject (plan, "Từ một kết nối khác");
  thidua_plan_set_date (plan, 1, 1, 1990);           /* listed last */
  g_assert_cmpint (thidua_store_insert_plan (other, plan, &error), >, 0);

  g_assert_true (thidua_plan_list_poll (list));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (thidua_plan_list_find (list, thidua_plan_get_id (plan)), !=, G_MAXUINT);
  again = g_list_model_get_item (G_LIST_MODEL (list), thidua_plan_list_find (list, thidua_plan_get_id (f->plan)));
  g_assert_true (first == again);
  g_assert_false (thidua_plan_list_poll (list));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/document/one-history", Fixture, NULL, setup, test_one_history, teardown);
  g_test_add ("/document/targets-and-save", Fixture, NULL, setup, test_targets_and_save, teardown);
  g_test_add_func ("/document/draft-rules", test_draft_rules);
  g_test_add ("/plan-list/other-connection", Fixture, NULL, setup, test_plan_list, teardown);
  return g_test_run ();
}
