/* thidua-document.c — debounced saving with retries. */
#include "config.h"
#include "thidua-document.h"

struct _ThiduaDocument
{
  GObject          parent_instance;
  ThiduaStore     *store;
  ThiduaPlan      *plan;
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

static gboolean save_timeout (gpointer data);

static void
schedule (ThiduaDocument *self,
          guint           ms)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (ms, save_timeout, self);
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
  if (!thidua_store_update_plan (self->store, self->plan, &local))
    {
      /* Keep the edit; try again later.  The plan object is the copy of
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
  if (self->state == THIDUA_SAVE_STATE_FAILED)
    return;
  set_state (self, THIDUA_SAVE_STATE_PENDING);
  schedule (self, self->save_ms);
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
  g_clear_object (&self->plan);
  G_OBJECT_CLASS (thidua_document_parent_class)->dispose (object);
}

static void
thidua_document_finalize (GObject *object)
{
  ThiduaDocument *self = THIDUA_DOCUMENT (object);

  g_clear_error (&self->error);
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
}

static void
thidua_document_init (ThiduaDocument *self)
{
  self->save_ms = 400;
  self->retry_ms = 3000;
}

ThiduaDocument *
thidua_document_new (ThiduaStore *store,
                     ThiduaPlan  *plan)
{
  ThiduaDocument *self;

  g_return_val_if_fail (THIDUA_IS_STORE (store), NULL);
  g_return_val_if_fail (THIDUA_IS_PLAN (plan), NULL);

  self = g_object_new (THIDUA_TYPE_DOCUMENT, NULL);
  self->store = g_object_ref (store);
  self->plan = g_object_ref (plan);
  return self;
}
