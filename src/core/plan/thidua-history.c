/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-history.c — undo/redo stacks of states. */
#include "config.h"
#include "thidua-history.h"

struct _ThiduaHistory
{
  GObject         parent_instance;
  GPtrArray      *undo;          /* states before each step, oldest first */
  GPtrArray      *redo;          /* states after each undone step */
  GDestroyNotify  free_state;
  char           *last_key;      /* key of the last step, for merging */
  gint64          last_time;
  gint64          merge_usec;
};

G_DEFINE_FINAL_TYPE (ThiduaHistory, thidua_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Notifies can-undo / can-redo when they changed. */
static void
notify_changes (ThiduaHistory *self,
                gboolean       could_undo,
                gboolean       could_redo)
{
  if (could_undo != thidua_history_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != thidua_history_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

gboolean
thidua_history_merge (ThiduaHistory *self,
                      const char    *key)
{
  gint64 now = g_get_monotonic_time ();

  g_return_val_if_fail (THIDUA_IS_HISTORY (self), FALSE);

  if (key == NULL || self->last_key == NULL || self->undo->len == 0 ||
      self->redo->len > 0 || g_strcmp0 (key, self->last_key) != 0 ||
      now - self->last_time >= self->merge_usec)
    return FALSE;
  self->last_time = now;
  return TRUE;
}

void
thidua_history_push (ThiduaHistory *self,
                     const char    *key,
                     gpointer       before)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (THIDUA_IS_HISTORY (self));
  g_return_if_fail (before != NULL);

  could_undo = thidua_history_can_undo (self);
  could_redo = thidua_history_can_redo (self);
  g_ptr_array_add (self->undo, before);
  g_ptr_array_set_size (self->redo, 0);
  g_free (self->last_key);
  self->last_key = g_strdup (key);
  self->last_time = g_get_monotonic_time ();
  notify_changes (self, could_undo, could_redo);
}

void
thidua_history_break (ThiduaHistory *self)
{
  g_return_if_fail (THIDUA_IS_HISTORY (self));
  g_clear_pointer (&self->last_key, g_free);
}

gboolean
thidua_history_can_undo (ThiduaHistory *self)
{
  g_return_val_if_fail (THIDUA_IS_HISTORY (self), FALSE);
  return self->undo->len > 0;
}

gboolean
thidua_history_can_redo (ThiduaHistory *self)
{
  g_return_val_if_fail (THIDUA_IS_HISTORY (self), FALSE);
  return self->redo->len > 0;
}

static gpointer
move_step (ThiduaHistory *self,
           GPtrArray     *from,
           GPtrArray     *to,
           gpointer       current)
{
  gboolean could_undo = thidua_history_can_undo (self);
  gboolean could_redo = thidua_history_can_redo (self);
  gpointer state;

  if (from->len == 0)
    {
      self->free_state (current);
      return NULL;
    }
  state = g_ptr_array_steal_index (from, from->len - 1);
  g_ptr_array_add (to, current);
  /* typing after an undo is a step of its own */
  g_clear_pointer (&self->last_key, g_free);
  notify_changes (self, could_undo, could_redo);
  return state;
}

gpointer
thidua_history_undo (ThiduaHistory *self,
                     gpointer       current)
{
  g_return_val_if_fail (THIDUA_IS_HISTORY (self), NULL);
  return move_step (self, self->undo, self->redo, current);
}

gpointer
thidua_history_redo (ThiduaHistory *self,
                     gpointer       current)
{
  g_return_val_if_fail (THIDUA_IS_HISTORY (self), NULL);
  return move_step (self, self->redo, self->undo, current);
}

void
thidua_history_clear (ThiduaHistory *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (THIDUA_IS_HISTORY (self));
  could_undo = thidua_history_can_undo (self);
  could_redo = thidua_history_can_redo (self);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  g_clear_pointer (&self->last_key, g_free);
  notify_changes (self, could_undo, could_redo);
}

void
thidua_history_set_merge_interval (ThiduaHistory *self,
                                   gint64         usec)
{
  g_return_if_fail (THIDUA_IS_HISTORY (self));
  self->merge_usec = usec;
}

static void
thidua_history_finalize (GObject *object)
{
  ThiduaHistory *self = THIDUA_HISTORY (object);

  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  g_free (self->last_key);
  G_OBJECT_CLASS (thidua_history_parent_class)->finalize (object);
}

static void
thidua_history_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ThiduaHistory *self = THIDUA_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, thidua_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, thidua_history_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_history_class_init (ThiduaHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = thidua_history_finalize;
  object_class->get_property = thidua_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
thidua_history_init (ThiduaHistory *self)
{
  self->merge_usec = 1500 * G_TIME_SPAN_MILLISECOND;
}

ThiduaHistory *
thidua_history_new (GDestroyNotify free_state)
{
  ThiduaHistory *self;

  g_return_val_if_fail (free_state != NULL, NULL);
  self = g_object_new (THIDUA_TYPE_HISTORY, NULL);
  self->free_state = free_state;
  self->undo = g_ptr_array_new_with_free_func (free_state);
  self->redo = g_ptr_array_new_with_free_func (free_state);
  return self;
}
