/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-document.c — the plan with its targets, history and autosave. */
#include "config.h"
#include "thidua-document.h"

#include <glib/gi18n-lib.h>

struct _ThiduaDocument
{
  GObject          parent_instance;
  ThiduaStore     *store;
  ThiduaRegister  *reg;
  ThiduaPlan      *plan;
  GPtrArray       *targets;        /* ThiduaTargetDraft */
  GError          *targets_error;  /* reading failed: never written */
  ThiduaHistory   *history;
  ThiduaSaveState  state;
  GError          *error;
  guint            save_source;
  guint            save_ms;
  guint            retry_ms;
};

G_DEFINE_FINAL_TYPE (ThiduaDocument, thidua_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What one step changes: the plan's fields and the targets. */
typedef struct {
  ThiduaPlan *plan;
  GPtrArray  *targets;
} Snapshot;

static void
snapshot_free (Snapshot *snap)
{
  g_clear_object (&snap->plan);
  g_clear_pointer (&snap->targets, g_ptr_array_unref);
  g_free (snap);
}

static GPtrArray *
targets_copy (GPtrArray *targets)
{
  GPtrArray *copy = g_ptr_array_new_full (targets->len, (GDestroyNotify) thidua_target_draft_free);

  for (guint i = 0; i < targets->len; i++)
    g_ptr_array_add (copy, thidua_target_draft_copy (g_ptr_array_index (targets, i)));
  return copy;
}

static Snapshot *
snapshot_take (ThiduaDocument *self)
{
  Snapshot *snap = g_new0 (Snapshot, 1);

  snap->plan = thidua_plan_copy (self->plan);
  snap->targets = targets_copy (self->targets);
  return snap;
}

static void
set_state (ThiduaDocument  *self,
           ThiduaSaveState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

ThiduaPlan *
thidua_document_get_plan (ThiduaDocument *self)
{
  g_return_val_if_fail (THIDUA_IS_DOCUMENT (self), NULL);
  return self->plan;
}

ThiduaStore *
thidua_document_get_store (ThiduaDocument *self)
{
  g_return_val_if_fail (THIDUA_IS_DOCUMENT (self), NULL);
  return self->store;
}

ThiduaRegister *
thidua_document_get_register (ThiduaDocument *self)
{
  g_return_val_if_fail (THIDUA_IS_DOCUMENT (self), NULL);
  return self->reg;
}

ThiduaHistory *
thidua_document_get_history (ThiduaDocument *self)
{
  g_return_val_if_fail (THIDUA_IS_DOCUMENT (self), NULL);
  return self->history;
}

ThiduaSaveState
thidua_document_get_state (ThiduaDocument *self)
{
  g_return_val_if_fail (THIDUA_IS_DOCUMENT (self), THIDUA_SAVE_STATE_SAVED);
  return self->state;
}

const GError *
thidua_document_get_error (ThiduaDocument *self)
{
  g_return_val_if_fail (THIDUA_IS_DOCUMENT (self), NULL);
  return self->error;
}

const GError *
thidua_document_get_targets_error (ThiduaDocument *self)
{
  g_return_val_if_fail (THIDUA_IS_DOCUMENT (self), NULL);
  return self->targets_error;
}

/* ---- saving ---- */

static gboolean save_timeout (gpointer data);

static void
schedule (ThiduaDocument *self,
          guint           ms)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (ms, save_timeout, self);
}

GPtrArray *
thidua_document_dup_targets (ThiduaDocument *self)
{
  GPtrArray *valid = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_plan_target_free);
  ThiduaCatalog *catalog;

  g_return_val_if_fail (THIDUA_IS_DOCUMENT (self), valid);
  catalog = self->reg ? thidua_register_get_catalog (self->reg) : NULL;
  /* a row in error stays in the document, saying why, and the others
   * are not held back by it */
  for (guint i = 0; i < self->targets->len; i++)
    {
      g_autofree char *why = NULL;
      ThiduaPlanTarget *t = thidua_target_draft_to_target (g_ptr_array_index (self->targets, i),
                                                           catalog, &why);
      if (t != NULL)
        g_ptr_array_add (valid, t);
    }
  return valid;
}

/* The plan and its targets in one transaction: both or neither. */
static gboolean
save_txn (ThiduaStore *store,
          gpointer     data,
          GError     **error)
{
  ThiduaDocument *self = data;
  g_autoptr(GPtrArray) targets = NULL;

  if (!thidua_store_update_plan (store, self->plan, error))
    return FALSE;
  if (self->reg == NULL || self->targets_error != NULL)
    return TRUE;
  targets = thidua_document_dup_targets (self);
  return thidua_register_set_targets (self->reg, thidua_plan_get_id (self->plan), targets, error);
}

gboolean
thidua_document_flush (ThiduaDocument  *self,
                       GError         **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (THIDUA_IS_DOCUMENT (self), FALSE);

  if (self->state == THIDUA_SAVE_STATE_SAVED)
    return TRUE;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!thidua_store_transaction (self->store, save_txn, self, &local))
    {
      /* Keep the edit; try again later.  The document is the copy of
       * record until the store accepts it. */
      g_clear_error (&self->error);
      self->error = g_error_copy (local);
      set_state (self, THIDUA_SAVE_STATE_FAILED);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      schedule (self, self->retry_ms);
      if (error != NULL)
        *error = g_steal_pointer (&local);
      return FALSE;
    }

  g_clear_error (&self->error);
  set_state (self, THIDUA_SAVE_STATE_SAVED);
  return TRUE;
}

static gboolean
reinsert_txn (ThiduaStore *store,
              gpointer     data,
              GError     **error)
{
  ThiduaDocument *self = data;
  g_autoptr(GPtrArray) targets = NULL;

  if (thidua_store_insert_plan (store, self->plan, error) == 0)
    return FALSE;
  if (self->reg == NULL || self->targets_error != NULL)
    return TRUE;
  targets = thidua_document_dup_targets (self);
  return thidua_register_set_targets (self->reg, thidua_plan_get_id (self->plan), targets, error);
}

gint64
thidua_document_reinsert (ThiduaDocument  *self,
                          GError         **error)
{
  gint64 old_id;

  g_return_val_if_fail (THIDUA_IS_DOCUMENT (self), 0);

  old_id = thidua_plan_get_id (self->plan);
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!thidua_store_transaction (self->store, reinsert_txn, self, error))
    {
      thidua_plan_set_id (self->plan, old_id);
      return 0;
    }
  set_state (self, THIDUA_SAVE_STATE_SAVED);
  return thidua_plan_get_id (self->plan);
}

static gboolean
save_timeout (gpointer data)
{
  ThiduaDocument *self = data;

  self->save_source = 0;
  thidua_document_flush (self, NULL);
  return G_SOURCE_REMOVE;
}

void
thidua_document_changed (ThiduaDocument *self)
{
  g_return_if_fail (THIDUA_IS_DOCUMENT (self));

  /* While failing, the retry timer is already running: a keystroke must
   * not postpone it forever. */
  if (self->state != THIDUA_SAVE_STATE_FAILED)
    {
      set_state (self, THIDUA_SAVE_STATE_PENDING);
      schedule (self, self->save_ms);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

void
thidua_document_abandon (ThiduaDocument *self)
{
  g_return_if_fail (THIDUA_IS_DOCUMENT (self));

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_error (&self->error);
  set_state (self, THIDUA_SAVE_STATE_SAVED);
}

void
thidua_document_set_delays (ThiduaDocument *self,
                            guint           save_ms,
                            guint           retry_ms)
{
  g_return_if_fail (THIDUA_IS_DOCUMENT (self));
  self->save_ms = save_ms;
  self->retry_ms = retry_ms;
}

/* ---- history ---- */

void
thidua_document_begin_step (ThiduaDocument *self,
                            const char     *key)
{
  g_return_if_fail (THIDUA_IS_DOCUMENT (self));

  /* keystrokes in one field: the state before the first one is kept */
  if (thidua_history_merge (self->history, key))
    return;
  thidua_history_push (self->history, key, snapshot_take (self));
}

static gboolean
restore (ThiduaDocument *self,
         gboolean        undo)
{
  Snapshot *current = snapshot_take (self);
  Snapshot *snap = undo ? thidua_history_undo (self->history, current)
                        : thidua_history_redo (self->history, current);

  if (snap == NULL)
    return FALSE;
  thidua_plan_assign_content (self->plan, snap->plan);
  g_ptr_array_unref (self->targets);
  self->targets = g_steal_pointer (&snap->targets);
  snapshot_free (snap);
  g_signal_emit (self, signals[RESTORED], 0);
  thidua_document_changed (self);
  return TRUE;
}

gboolean
thidua_document_undo (ThiduaDocument *self)
{
  g_return_val_if_fail (THIDUA_IS_DOCUMENT (self), FALSE);
  return restore (self, TRUE);
}

gboolean
thidua_document_redo (ThiduaDocument *self)
{
  g_return_val_if_fail (THIDUA_IS_DOCUMENT (self), FALSE);
  return restore (self, FALSE);
}

/* ---- targets ---- */

guint
thidua_document_get_n_targets (ThiduaDocument *self)
{
  g_return_val_if_fail (THIDUA_IS_DOCUMENT (self), 0);
  return self->targets->len;
}

const ThiduaTargetDraft *
thidua_document_get_target (ThiduaDocument *self,
                            guint           index)
{
  g_return_val_if_fail (THIDUA_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->targets->len, NULL);
  return g_ptr_array_index (self->targets, index);
}

char *
thidua_document_check_target (ThiduaDocument *self,
                              guint           index)
{
  g_autoptr(ThiduaPlanTarget) t = NULL;
  char *why = NULL;

  g_return_val_if_fail (THIDUA_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->targets->len, NULL);
  t = thidua_target_draft_to_target (g_ptr_array_index (self->targets, index),
                                     self->reg ? thidua_register_get_catalog (self->reg) : NULL,
                                     &why);
  return why;
}

void
thidua_document_set_target (ThiduaDocument          *self,
                            guint                    index,
                            const ThiduaTargetDraft *draft,
                            const char              *key)
{
  g_return_if_fail (THIDUA_IS_DOCUMENT (self));
  g_return_if_fail (index < self->targets->len);

  if (thidua_target_draft_equal (g_ptr_array_index (self->targets, index), draft))
    return;
  thidua_document_begin_step (self, key);
  thidua_target_draft_free (g_ptr_array_index (self->targets, index));
  g_ptr_array_index (self->targets, index) = thidua_target_draft_copy (draft);
  thidua_document_changed (self);
}

void
thidua_document_insert_target (ThiduaDocument          *self,
                               guint                    index,
                               const ThiduaTargetDraft *draft)
{
  g_return_if_fail (THIDUA_IS_DOCUMENT (self));

  thidua_document_begin_step (self, NULL);
  g_ptr_array_insert (self->targets, MIN (index, self->targets->len),
                      thidua_target_draft_copy (draft));
  thidua_document_changed (self);
}

void
thidua_document_remove_target (ThiduaDocument *self,
                               guint           index)
{
  g_return_if_fail (THIDUA_IS_DOCUMENT (self));
  g_return_if_fail (index < self->targets->len);

  thidua_document_begin_step (self, NULL);
  g_ptr_array_remove_index (self->targets, index);
  thidua_document_changed (self);
}

/* ---- GObject ---- */

static void
thidua_document_dispose (GObject *object)
{
  ThiduaDocument *self = THIDUA_DOCUMENT (object);

  if (self->store != NULL && self->state != THIDUA_SAVE_STATE_SAVED)
    {
      g_autoptr(GError) error = NULL;

      if (!thidua_document_flush (self, &error))
        g_warning ("Plan %" G_GINT64_FORMAT " could not be saved: %s",
                   thidua_plan_get_id (self->plan), error->message);
    }
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->reg);
  g_clear_object (&self->plan);
  g_clear_object (&self->history);
  G_OBJECT_CLASS (thidua_document_parent_class)->dispose (object);
}

static void
thidua_document_finalize (GObject *object)
{
  ThiduaDocument *self = THIDUA_DOCUMENT (object);

  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_clear_error (&self->targets_error);
  G_OBJECT_CLASS (thidua_document_parent_class)->finalize (object);
}

static void
thidua_document_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ThiduaDocument *self = THIDUA_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_document_class_init (ThiduaDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = thidua_document_dispose;
  object_class->finalize = thidua_document_finalize;
  object_class->get_property = thidua_document_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      THIDUA_SAVE_STATE_SAVED, THIDUA_SAVE_STATE_FAILED, THIDUA_SAVE_STATE_SAVED,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The plan or its targets changed (a user step, undo or redo). */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Undo or redo put back a whole state: views show the model again. */
  signals[RESTORED] =
    g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
thidua_document_init (ThiduaDocument *self)
{
  self->save_ms = 400;
  self->retry_ms = 3000;
  self->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_target_draft_free);
  self->history = thidua_history_new ((GDestroyNotify) snapshot_free);
}

ThiduaDocument *
thidua_document_new (ThiduaStore    *store,
                     ThiduaRegister *reg,
                     ThiduaPlan     *plan)
{
  ThiduaDocument *self;

  g_return_val_if_fail (THIDUA_IS_STORE (store), NULL);
  g_return_val_if_fail (reg == NULL || THIDUA_IS_REGISTER (reg), NULL);
  g_return_val_if_fail (THIDUA_IS_PLAN (plan), NULL);

  self = g_object_new (THIDUA_TYPE_DOCUMENT, NULL);
  self->store = g_object_ref (store);
  self->plan = g_object_ref (plan);
  if (reg != NULL)
    {
      g_autoptr(GPtrArray) targets = NULL;

      self->reg = g_object_ref (reg);
      targets = thidua_register_get_targets (reg, thidua_plan_get_id (plan), &self->targets_error);
      for (guint i = 0; targets != NULL && i < targets->len; i++)
        g_ptr_array_add (self->targets,
                         thidua_target_draft_new_from_target (g_ptr_array_index (targets, i)));
    }
  return self;
}
