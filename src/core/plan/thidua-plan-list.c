/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-plan-list.c — the plans list model. */
#include "config.h"
#include "thidua-plan-list.h"

struct _ThiduaPlanList
{
  GObject                  parent_instance;
  ThiduaStore             *store;
  GPtrArray               *items;          /* ThiduaPlanItem */
  char                    *search;
  ThiduaPlanSeparatorFunc  separator_func;
  gpointer                 separator_data;
  gint64                   data_version;
  guint                    refresh_source; /* coalesces store signals */
  gboolean                 refreshing;     /* a view asking again from items-changed */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ThiduaPlanList, thidua_plan_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return THIDUA_TYPE_PLAN_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return THIDUA_PLAN_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  ThiduaPlanList *self = THIDUA_PLAN_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
free_key (gpointer key,
          gpointer value,
          gpointer data)
{
  g_free (key);
}

static const char *
separator_for (ThiduaPlanList *self,
               const char     *profile)
{
  const char *sep = self->separator_func ? self->separator_func (profile, self->separator_data) : NULL;

  return sep ? sep : "/";
}

gboolean
thidua_plan_list_refresh (ThiduaPlanList  *self,
                          GError         **error)
{
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GHashTable *existing;
  guint old_n, prefix = 0, suffix = 0;

  g_return_val_if_fail (THIDUA_IS_PLAN_LIST (self), FALSE);

  if (self->refreshing)
    return TRUE;
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  /* what this read sees is the version to compare with later */
  self->data_version = thidua_store_get_data_version (self->store);
  summaries = thidua_store_list_plans (self->store, self->search, error);
  if (summaries == NULL)
    return FALSE;

  /* A plan still listed keeps its item object (updated in place): a
   * selection follows it, and the view redraws only the rows that moved. */
  existing = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < self->items->len; i++)
    {
      ThiduaPlanItem *item = g_ptr_array_index (self->items, i);

      g_hash_table_insert (existing, g_memdup2 (&(gint64) { thidua_plan_item_get_id (item) }, sizeof (gint64)), item);
    }
  items = g_ptr_array_new_full (summaries->len, g_object_unref);
  for (guint i = 0; i < summaries->len; i++)
    {
      ThiduaPlanSummary *s = g_ptr_array_index (summaries, i);
      ThiduaPlanItem *item = g_hash_table_lookup (existing, &s->id);

      if (item != NULL)
        {
          thidua_plan_item_update (item, s, separator_for (self, s->profile));
          g_ptr_array_add (items, g_object_ref (item));
        }
      else
        g_ptr_array_add (items, thidua_plan_item_new (s, separator_for (self, s->profile)));
    }
  g_hash_table_foreach (existing, (GHFunc) free_key, NULL);
  g_hash_table_unref (existing);

  /* only the run that differs is announced */
  old_n = self->items->len;
  while (prefix < old_n && prefix < items->len &&
         g_ptr_array_index (self->items, prefix) == g_ptr_array_index (items, prefix))
    prefix++;
  while (suffix < old_n - prefix && suffix < items->len - prefix &&
         g_ptr_array_index (self->items, old_n - 1 - suffix) ==
         g_ptr_array_index (items, items->len - 1 - suffix))
    suffix++;
  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);
  if (prefix + suffix < MAX (old_n, self->items->len))
    {
      self->refreshing = TRUE;
      g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                  old_n - prefix - suffix, self->items->len - prefix - suffix);
      self->refreshing = FALSE;
    }
  return TRUE;
}

gboolean
thidua_plan_list_poll (ThiduaPlanList *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_LIST (self), FALSE);

  if (thidua_store_get_data_version (self->store) == self->data_version)
    return FALSE;
  return thidua_plan_list_refresh (self, NULL);
}

static gboolean refresh_idle (gpointer data);

/* Where item goes among the others (self->items without it). */
static guint
sorted_position (ThiduaPlanList *self,
                 ThiduaPlanItem *item)
{
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (thidua_plan_item_compare (g_ptr_array_index (self->items, mid), item) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
announce (ThiduaPlanList *self,
          guint           position,
          guint           removed,
          guint           added)
{
  self->refreshing = TRUE;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  self->refreshing = FALSE;
}

/* This process saved plan `id` (an autosave, a sign-off step): its one
 * row is read and updated in place.  The item object stays; the view
 * hears of it through the item's notify, and through items-changed only
 * when the plan moved, entered or left the (searched) list. */
static void
update_one (ThiduaPlanList *self,
            gint64          id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlanSummary) s = NULL;
  g_autoptr(ThiduaPlanItem) item = NULL;
  guint old_pos, new_pos;

  /* a whole read is on its way and will see this one too */
  if (self->refresh_source != 0)
    return;
  /* a view wrote while hearing of a change: not inside that emission */
  if (self->refreshing)
    {
      self->refresh_source = g_idle_add (refresh_idle, self);
      return;
    }
  s = thidua_store_get_plan_summary (self->store, id, self->search, &error);
  if (error != NULL)
    {
      self->refresh_source = g_idle_add (refresh_idle, self);
      return;
    }
  old_pos = thidua_plan_list_find (self, id);
  if (s == NULL)
    {
      /* gone from the search's matches */
      if (old_pos != G_MAXUINT)
        {
          g_ptr_array_remove_index (self->items, old_pos);
          announce (self, old_pos, 1, 0);
        }
      return;
    }
  if (old_pos == G_MAXUINT)
    {
      item = thidua_plan_item_new (s, separator_for (self, s->profile));
      new_pos = sorted_position (self, item);
      g_ptr_array_insert (self->items, new_pos, g_object_ref (item));
      announce (self, new_pos, 0, 1);
      return;
    }

  item = g_object_ref (g_ptr_array_index (self->items, old_pos));
  thidua_plan_item_update (item, s, separator_for (self, s->profile));
  g_ptr_array_remove_index (self->items, old_pos);
  new_pos = sorted_position (self, item);
  g_ptr_array_insert (self->items, new_pos, g_object_ref (item));
  /* A new date moved it: one change over the rows between, with the same
   * item among them, so a selection follows it. */
  if (new_pos != old_pos)
    announce (self, MIN (old_pos, new_pos),
              MAX (old_pos, new_pos) - MIN (old_pos, new_pos) + 1,
              MAX (old_pos, new_pos) - MIN (old_pos, new_pos) + 1);
}

static gboolean
refresh_idle (gpointer data)
{
  ThiduaPlanList *self = data;

  self->refresh_source = 0;
  thidua_plan_list_refresh (self, NULL);
  return G_SOURCE_REMOVE;
}

/* The store committed a change to the plans: one plan updated is read
 * alone; plans added or removed make one whole read, however many
 * commits in a row (an import). */
static void
store_plan_changed (ThiduaPlanList *self,
                    gint64          id)
{
  if (id != 0)
    update_one (self, id);
  else if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_idle, self);
}

void
thidua_plan_list_set_separator_func (ThiduaPlanList          *self,
                                     ThiduaPlanSeparatorFunc  func,
                                     gpointer                 data)
{
  g_return_if_fail (THIDUA_IS_PLAN_LIST (self));
  self->separator_func = func;
  self->separator_data = data;
}

void
thidua_plan_list_set_search (ThiduaPlanList *self,
                             const char     *search)
{
  g_return_if_fail (THIDUA_IS_PLAN_LIST (self));

  if (search != NULL && *search == '\0')
    search = NULL;
  if (g_strcmp0 (search, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);
  thidua_plan_list_refresh (self, NULL);
}

const char *
thidua_plan_list_get_search (ThiduaPlanList *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_LIST (self), NULL);
  return self->search;
}

guint
thidua_plan_list_find (ThiduaPlanList *self,
                       gint64          id)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->items->len; i++)
    if (thidua_plan_item_get_id (g_ptr_array_index (self->items, i)) == id)
      return i;
  return G_MAXUINT;
}

static void
thidua_plan_list_dispose (GObject *object)
{
  ThiduaPlanList *self = THIDUA_PLAN_LIST (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (thidua_plan_list_parent_class)->dispose (object);
}

static void
thidua_plan_list_finalize (GObject *object)
{
  ThiduaPlanList *self = THIDUA_PLAN_LIST (object);

  g_ptr_array_unref (self->items);
  g_free (self->search);
  G_OBJECT_CLASS (thidua_plan_list_parent_class)->finalize (object);
}

static void
thidua_plan_list_class_init (ThiduaPlanListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = thidua_plan_list_dispose;
  object_class->finalize = thidua_plan_list_finalize;
}

static void
thidua_plan_list_init (ThiduaPlanList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->data_version = -1;
}

ThiduaPlanList *
thidua_plan_list_new (ThiduaStore *store)
{
  ThiduaPlanList *self;

  g_return_val_if_fail (THIDUA_IS_STORE (store), NULL);

  self = g_object_new (THIDUA_TYPE_PLAN_LIST, NULL);
  self->store = g_object_ref (store);
  /* The store names the plan each of this process's commits updated;
   * other processes' commits show only in data_version (polled). */
  g_signal_connect_object (store, "plan-changed", G_CALLBACK (store_plan_changed),
                           self, G_CONNECT_SWAPPED);
  return self;
}
