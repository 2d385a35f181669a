/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-history.c — undo and redo of register edits. */
#include "config.h"
#include "thidua-register-history.h"

#include <stdlib.h>
#include <string.h>

/* Past this many steps the oldest are forgotten: a day's work, not a
 * memory leak over weeks of an open window. */
#define MAX_STEPS 200

typedef struct {
  char      *label;
  GPtrArray *before;   /* ThiduaRegistration or NULL, parallel to after */
  GPtrArray *after;
} Step;

struct _ThiduaRegisterHistory
{
  GObject         parent_instance;
  ThiduaRegister *reg;
  GQueue          undo;    /* Step, newest at the head */
  GQueue          redo;
  Step           *open;
};

G_DEFINE_FINAL_TYPE (ThiduaRegisterHistory, thidua_register_history, G_TYPE_OBJECT)

static void
step_free (Step *step)
{
  g_free (step->label);
  g_ptr_array_unref (step->before);
  g_ptr_array_unref (step->after);
  g_free (step);
}

static void
free_nullable (gpointer r)
{
  if (r != NULL)
    thidua_registration_free (r);
}

void
thidua_register_history_begin (ThiduaRegisterHistory *self, const char *label)
{
  g_return_if_fail (THIDUA_IS_REGISTER_HISTORY (self));
  g_clear_pointer (&self->open, step_free);
  self->open = g_new0 (Step, 1);
  self->open->label = g_strdup (label);
  self->open->before = g_ptr_array_new_with_free_func (free_nullable);
  self->open->after = g_ptr_array_new_with_free_func (free_nullable);
}

void
thidua_register_history_record (ThiduaRegisterHistory *self, const ThiduaRegistration *before,
                                const ThiduaRegistration *after)
{
  g_return_if_fail (THIDUA_IS_REGISTER_HISTORY (self));
  g_return_if_fail (self->open != NULL);
  g_return_if_fail (before != NULL || after != NULL);
  g_ptr_array_add (self->open->before, before ? thidua_registration_copy (before) : NULL);
  g_ptr_array_add (self->open->after, after ? thidua_registration_copy (after) : NULL);
}

void
thidua_register_history_commit (ThiduaRegisterHistory *self)
{
  g_return_if_fail (THIDUA_IS_REGISTER_HISTORY (self));
  if (self->open == NULL)
    return;
  if (self->open->before->len == 0)
    {
      g_clear_pointer (&self->open, step_free);
      return;
    }
  g_queue_push_head (&self->undo, g_steal_pointer (&self->open));
  while (self->undo.length > MAX_STEPS)
    step_free (g_queue_pop_tail (&self->undo));
  g_queue_clear_full (&self->redo, (GDestroyNotify) step_free);
}

typedef struct {
  ThiduaRegister *reg;
  GPtrArray      *from;   /* the state the rows are in now */
  GPtrArray      *to;     /* the state to write */
} Apply;

/* Deletes first (an undone add frees its title for a restored row), then
 * restores, then edits, all in one transaction. */
static gboolean
apply_cb (ThiduaStore *store, gpointer data, GError **error)
{
  Apply *a = data;
  g_autoptr(GPtrArray) edits = g_ptr_array_new ();

  for (guint i = 0; i < a->to->len; i++)
    {
      ThiduaRegistration *from = g_ptr_array_index (a->from, i);
      if (g_ptr_array_index (a->to, i) == NULL
          && !thidua_register_delete (a->reg, from->id, NULL, error))
        return FALSE;
    }
  for (guint i = 0; i < a->to->len; i++)
    {
      ThiduaRegistration *to = g_ptr_array_index (a->to, i);
      if (to == NULL)
        continue;
      if (g_ptr_array_index (a->from, i) == NULL)
        {
          if (!thidua_register_restore (a->reg, to, error))
            return FALSE;
        }
      else
        g_ptr_array_add (edits, to);
    }
  return edits->len == 0 || thidua_register_update_many (a->reg, edits, error);
}

/* A step that changed only results and decisions (bulk result entry):
 * written back as one UPDATE per distinct (result, decision), which for a
 * bulk step is one statement over its 5,000 rows instead of 5,000 edits. */
static gboolean
results_only (Step *step)
{
  for (guint i = 0; i < step->before->len; i++)
    {
      ThiduaRegistration *b = g_ptr_array_index (step->before, i);
      ThiduaRegistration *a = g_ptr_array_index (step->after, i);

      if (a == NULL || b == NULL || a->id != b->id || a->status != b->status || a->plan_id != b->plan_id
          || g_strcmp0 (a->title, b->title) != 0 || g_strcmp0 (a->initiative, b->initiative) != 0
          || g_strcmp0 (a->note, b->note) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
apply_results_cb (ThiduaStore *store, gpointer data, GError **error)
{
  Apply *a = data;
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < a->to->len; i++)
    {
      ThiduaRegistration *to = g_ptr_array_index (a->to, i);
      g_autofree char *k = g_strdup_printf ("%d\x1f%s", (int) to->result, to->decision ? to->decision : "");
      GArray *ids = g_hash_table_lookup (groups, k);

      if (ids == NULL)
        {
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (groups, g_steal_pointer (&k), ids);
        }
      g_array_append_val (ids, to->id);
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *ids = value;
      const char *sep = strchr (key, '\x1f');
      ThiduaRegResult result = (ThiduaRegResult) atoi (key);

      if (!thidua_register_set_results (a->reg, (const gint64 *) ids->data, ids->len, result,
                                        sep + 1, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
move_step (ThiduaRegisterHistory *self, GQueue *from_stack, GQueue *to_stack, gboolean undo,
           GError **error)
{
  Step *step = g_queue_peek_head (from_stack);
  Apply a;

  if (step == NULL)
    return TRUE;
  a.reg = self->reg;
  a.from = undo ? step->after : step->before;
  a.to = undo ? step->before : step->after;
  if (!thidua_store_transaction (thidua_register_get_store (self->reg),
                                 results_only (step) ? apply_results_cb : apply_cb, &a, error))
    return FALSE;
  g_queue_push_head (to_stack, g_queue_pop_head (from_stack));
  return TRUE;
}

gboolean
thidua_register_history_undo (ThiduaRegisterHistory *self, GError **error)
{
  g_return_val_if_fail (THIDUA_IS_REGISTER_HISTORY (self), FALSE);
  return move_step (self, &self->undo, &self->redo, TRUE, error);
}

gboolean
thidua_register_history_redo (ThiduaRegisterHistory *self, GError **error)
{
  g_return_val_if_fail (THIDUA_IS_REGISTER_HISTORY (self), FALSE);
  return move_step (self, &self->redo, &self->undo, FALSE, error);
}

gboolean
thidua_register_history_can_undo (ThiduaRegisterHistory *self)
{
  return self->undo.length > 0;
}

gboolean
thidua_register_history_can_redo (ThiduaRegisterHistory *self)
{
  return self->redo.length > 0;
}

const char *
thidua_register_history_get_undo_label (ThiduaRegisterHistory *self)
{
  Step *step = g_queue_peek_head (&self->undo);
  return step ? step->label : NULL;
}

const char *
thidua_register_history_get_redo_label (ThiduaRegisterHistory *self)
{
  Step *step = g_queue_peek_head (&self->redo);
  return step ? step->label : NULL;
}

void
thidua_register_history_clear (ThiduaRegisterHistory *self)
{
  g_queue_clear_full (&self->undo, (GDestroyNotify) step_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify) step_free);
  g_clear_pointer (&self->open, step_free);
}

GArray *
thidua_register_history_dup_ids (ThiduaRegisterHistory *self, gboolean undo)
{
  Step *step = g_queue_peek_head (undo ? &self->undo : &self->redo);
  GArray *ids;

  if (step == NULL)
    return NULL;
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), step->before->len);
  for (guint i = 0; i < step->before->len; i++)
    {
      ThiduaRegistration *r = g_ptr_array_index (step->before, i);
      if (r == NULL)
        r = g_ptr_array_index (step->after, i);
      g_array_append_val (ids, r->id);
    }
  return ids;
}

static void
thidua_register_history_dispose (GObject *object)
{
  ThiduaRegisterHistory *self = THIDUA_REGISTER_HISTORY (object);

  thidua_register_history_clear (self);
  g_clear_object (&self->reg);
  G_OBJECT_CLASS (thidua_register_history_parent_class)->dispose (object);
}

static void
thidua_register_history_class_init (ThiduaRegisterHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = thidua_register_history_dispose;
}

static void
thidua_register_history_init (ThiduaRegisterHistory *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

ThiduaRegisterHistory *
thidua_register_history_new (ThiduaRegister *reg)
{
  ThiduaRegisterHistory *self;

  g_return_val_if_fail (THIDUA_IS_REGISTER (reg), NULL);
  self = g_object_new (THIDUA_TYPE_REGISTER_HISTORY, NULL);
  self->reg = g_object_ref (reg);
  return self;
}
