/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-model.c — filtering and sorting a year in memory. */
#include "config.h"
#include "thidua-register-model.h"
#include "thidua-register-item.h"

#include <stdlib.h>
#include <string.h>

#include "thidua-text.h"

struct _ThiduaRegisterModel
{
  GObject         parent_instance;

  ThiduaRegister *reg;
  char           *year;
  GPtrArray      *all;        /* ThiduaRegistration */
  guint          *title_pos;  /* per registration: catalog position */
  guint          *order;      /* all indexes, sorted */
  GArray         *visible;    /* guint indexes into all */
  GPtrArray      *items;      /* per registration: its ThiduaRegisterItem once asked for */
  GPtrArray      *replaced;   /* registrations replaced by refresh_row, kept for items still out */

  char          **needle;     /* folded search words */
  char           *folded_search;
  gint64          unit_id;
  GHashTable     *units;      /* the chosen unit and the units inside it */
  char           *title;
  int             status;
  int             result;
  ThiduaRegSort   sort;
};

enum {
  PROP_0,
  PROP_REGISTER,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ThiduaRegisterModel, thidua_register_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return THIDUA_TYPE_REGISTER_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return THIDUA_REGISTER_MODEL (model)->visible->len;
}

/* GTK 4.8's list widgets ask for every added item on a change, so items
 * are kept once made: asking again is an array lookup.  They share the
 * registrations (and keep the array alive if the model moves on). */
static gpointer
get_item (GListModel *model, guint position)
{
  ThiduaRegisterModel *self = THIDUA_REGISTER_MODEL (model);
  guint index;
  ThiduaRegisterItem *item;

  if (position >= self->visible->len)
    return NULL;
  index = g_array_index (self->visible, guint, position);
  item = g_ptr_array_index (self->items, index);
  if (item == NULL)
    {
      item = thidua_register_item_new_shared (self->all, index, thidua_register_get_catalog (self->reg));
      g_ptr_array_index (self->items, index) = item;
    }
  return g_object_ref (item);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
unref_item (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
forget_items (ThiduaRegisterModel *self)
{
  g_ptr_array_set_size (self->items, 0);
  g_ptr_array_set_size (self->items, self->all->len);
}

static void
thidua_register_model_finalize (GObject *object)
{
  ThiduaRegisterModel *self = THIDUA_REGISTER_MODEL (object);

  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->replaced);
  g_clear_object (&self->reg);
  g_free (self->year);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_free (self->title_pos);
  g_free (self->order);
  g_array_unref (self->visible);
  g_strfreev (self->needle);
  g_free (self->folded_search);
  g_clear_pointer (&self->units, g_hash_table_unref);
  g_free (self->title);
  G_OBJECT_CLASS (thidua_register_model_parent_class)->finalize (object);
}

static void
thidua_register_model_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ThiduaRegisterModel *self = THIDUA_REGISTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_REGISTER:
      g_value_set_object (value, self->reg);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->visible->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_register_model_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ThiduaRegisterModel *self = THIDUA_REGISTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_REGISTER:
      self->reg = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_register_model_class_init (ThiduaRegisterModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = thidua_register_model_finalize;
  object_class->get_property = thidua_register_model_get_property;
  object_class->set_property = thidua_register_model_set_property;

  properties[PROP_REGISTER] =
    g_param_spec_object ("register", NULL, NULL, THIDUA_TYPE_REGISTER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
thidua_register_model_init (ThiduaRegisterModel *self)
{
  self->all = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_registration_free);
  self->visible = g_array_new (FALSE, FALSE, sizeof (guint));
  self->items = g_ptr_array_new_with_free_func (unref_item);
  self->replaced = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_registration_free);
  self->status = -1;
  self->result = -1;
  self->sort = THIDUA_REG_SORT_UNIT;
}

ThiduaRegisterModel *
thidua_register_model_new (ThiduaRegister *reg)
{
  g_return_val_if_fail (THIDUA_IS_REGISTER (reg), NULL);
  return g_object_new (THIDUA_TYPE_REGISTER_MODEL, "register", reg, NULL);
}

ThiduaRegister *
thidua_register_model_get_register (ThiduaRegisterModel *self)
{
  return self->reg;
}

/* ---- sorting ---- */

static int
cmp_id (const ThiduaRegistration *a, const ThiduaRegistration *b)
{
  return a->id < b->id ? -1 : a->id > b->id;
}

typedef struct {
  ThiduaRegisterModel *self;
} SortData;

static int
compare (const void *pa, const void *pb, void *data)
{
  ThiduaRegisterModel *self = data;
  guint ia = *(const guint *) pa, ib = *(const guint *) pb;
  const ThiduaRegistration *a = g_ptr_array_index (self->all, ia);
  const ThiduaRegistration *b = g_ptr_array_index (self->all, ib);
  guint ta = self->title_pos[ia], tb = self->title_pos[ib];
  int c;

  switch (self->sort)
    {
    case THIDUA_REG_SORT_TITLE:
      if (ta != tb)
        return ta < tb ? -1 : 1;
      G_GNUC_FALLTHROUGH;
    case THIDUA_REG_SORT_UNIT:
      if ((c = strcmp (a->unit_sort_key, b->unit_sort_key)) != 0)
        return c;
      if (a->unit_id != b->unit_id)
        return a->unit_id < b->unit_id ? -1 : 1;
      if ((a->person_id == 0) != (b->person_id == 0))
        return a->person_id == 0 ? -1 : 1;
      if ((c = strcmp (a->sort_key, b->sort_key)) != 0)
        return c;
      break;
    case THIDUA_REG_SORT_NAME:
    default:
      if ((a->person_id == 0) != (b->person_id == 0))
        return a->person_id == 0 ? 1 : -1;
      if ((c = strcmp (a->sort_key, b->sort_key)) != 0)
        return c;
      if ((c = strcmp (a->unit_sort_key, b->unit_sort_key)) != 0)
        return c;
      break;
    }
  if (a->person_id != b->person_id)
    return a->person_id < b->person_id ? -1 : 1;
  if (ta != tb)
    return ta < tb ? -1 : 1;
  return cmp_id (a, b);
}

static void
sort_order (ThiduaRegisterModel *self)
{
  g_free (self->order);
  self->order = g_new (guint, self->all->len + 1);
  for (guint i = 0; i < self->all->len; i++)
    self->order[i] = i;
  g_qsort_with_data (self->order, self->all->len, sizeof (guint), compare, self);
}

/* ---- filtering ---- */

static gboolean
matches (ThiduaRegisterModel *self, guint index)
{
  const ThiduaRegistration *r = g_ptr_array_index (self->all, index);

  if (self->status >= 0 && (int) r->status != self->status)
    return FALSE;
  if (self->result >= 0 && (int) r->result != self->result)
    return FALSE;
  if (self->title && strcmp (r->title, self->title) != 0)
    return FALSE;
  if (self->units && !g_hash_table_contains (self->units, &r->unit_id))
    return FALSE;
  for (guint i = 0; self->needle && self->needle[i]; i++)
    if (strstr (r->search_key, self->needle[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* Typing one more letter only narrows: filter the rows still shown. */
/* Tells views only about the span that changed: list widgets do work for
 * every row an items-changed adds, so unchanged heads and tails (and
 * a keystroke that changes nothing) cost nothing. */
static void
emit_changes (ThiduaRegisterModel *self, GArray *before, gboolean all_new)
{
  guint n_old = before->len, n_new = self->visible->len;
  guint head = 0, tail = 0;

  if (all_new)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, n_new);
      if (n_old != n_new)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      return;
    }
  while (head < n_old && head < n_new
         && g_array_index (before, guint, head) == g_array_index (self->visible, guint, head))
    head++;
  while (tail < n_old - head && tail < n_new - head
         && g_array_index (before, guint, n_old - 1 - tail) == g_array_index (self->visible, guint, n_new - 1 - tail))
    tail++;
  if (head == n_old && head == n_new)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), head, n_old - head - tail, n_new - head - tail);
  if (n_old != n_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Typing one more letter only narrows: filter the rows still shown. */
static void
refine (ThiduaRegisterModel *self)
{
  g_autoptr(GArray) before = g_array_copy (self->visible);
  guint kept = 0;

  for (guint i = 0; i < before->len; i++)
    {
      guint index = g_array_index (before, guint, i);
      if (matches (self, index))
        g_array_index (self->visible, guint, kept++) = index;
    }
  g_array_set_size (self->visible, kept);
  emit_changes (self, before, FALSE);
}

static void
refilter_full (ThiduaRegisterModel *self, gboolean all_new)
{
  g_autoptr(GArray) before = self->visible;

  self->visible = g_array_sized_new (FALSE, FALSE, sizeof (guint), before->len);
  for (guint i = 0; i < self->all->len; i++)
    if (matches (self, self->order[i]))
      g_array_append_val (self->visible, self->order[i]);
  emit_changes (self, before, all_new);
}

static void
refilter (ThiduaRegisterModel *self)
{
  refilter_full (self, FALSE);
}

gboolean
thidua_register_model_load (ThiduaRegisterModel *self, const char *year, GError **error)
{
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;
  ThiduaCatalog *catalog = thidua_register_get_catalog (self->reg);

  g_return_val_if_fail (THIDUA_IS_REGISTER_MODEL (self), FALSE);
  q.year = year;
  rows = thidua_register_query (self->reg, &q, error);
  if (rows == NULL)
    return FALSE;

  g_ptr_array_unref (self->all);
  self->all = g_steal_pointer (&rows);
  g_ptr_array_set_size (self->replaced, 0);
  forget_items (self);
  g_free (self->title_pos);
  self->title_pos = g_new (guint, self->all->len + 1);
  for (guint i = 0; i < self->all->len; i++)
    {
      const ThiduaTitle *t = thidua_catalog_lookup (catalog, ((ThiduaRegistration *) g_ptr_array_index (self->all, i))->title);
      self->title_pos[i] = t ? t->position : G_MAXUINT;
    }
  /* year may be self->year itself (a reload): copy before freeing */
  {
    char *copy = g_strdup (year);
    g_free (self->year);
    self->year = copy;
  }
  sort_order (self);
  /* the same positions now hold other registrations */
  refilter_full (self, TRUE);
  return TRUE;
}

const char *
thidua_register_model_get_year (ThiduaRegisterModel *self)
{
  return self->year;
}

guint
thidua_register_model_get_n_total (ThiduaRegisterModel *self)
{
  return self->all->len;
}

void
thidua_register_model_set_search (ThiduaRegisterModel *self, const char *text)
{
  g_autofree char *folded = thidua_text_fold (text ? text : "");
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);

  for (guint i = 0; words[i]; i++)
    if (*words[i])
      g_strv_builder_add (b, words[i]);
  gboolean narrower = self->folded_search != NULL && *self->folded_search
                      && g_str_has_prefix (folded, self->folded_search);

  g_strfreev (self->needle);
  self->needle = g_strv_builder_end (b);
  if (self->needle[0] == NULL)
    g_clear_pointer (&self->needle, g_strfreev);
  g_free (self->folded_search);
  self->folded_search = g_steal_pointer (&folded);
  if (narrower)
    refine (self);
  else
    refilter (self);
}

static void
add_subtree (GHashTable *set, GHashTable *children, gint64 id)
{
  GArray *kids = g_hash_table_lookup (children, &id);
  gint64 *key = g_new (gint64, 1);

  *key = id;
  g_hash_table_add (set, key);
  for (guint i = 0; kids && i < kids->len; i++)
    add_subtree (set, children, g_array_index (kids, gint64, i));
}

void
thidua_register_model_set_unit (ThiduaRegisterModel *self, gint64 unit_id)
{
  g_clear_pointer (&self->units, g_hash_table_unref);
  self->unit_id = unit_id;
  if (unit_id > 0)
    {
      g_autoptr(GPtrArray) units = thidua_register_list_units (self->reg, NULL);
      g_autoptr(GHashTable) children = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                              (GDestroyNotify) g_array_unref);
      for (guint i = 0; units && i < units->len; i++)
        {
          ThiduaRegUnit *u = g_ptr_array_index (units, i);
          GArray *kids = g_hash_table_lookup (children, &u->parent_id);
          if (kids == NULL)
            {
              kids = g_array_new (FALSE, FALSE, sizeof (gint64));
              g_hash_table_insert (children, &u->parent_id, kids);
            }
          g_array_append_val (kids, u->id);
        }
      self->units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      add_subtree (self->units, children, unit_id);
      /* children's keys point into units, which lives until here */
      g_hash_table_remove_all (children);
    }
  refilter (self);
}

void
thidua_register_model_set_title (ThiduaRegisterModel *self, const char *title_id)
{
  g_free (self->title);
  self->title = title_id && *title_id ? g_strdup (title_id) : NULL;
  refilter (self);
}

void
thidua_register_model_set_status (ThiduaRegisterModel *self, int status)
{
  self->status = status;
  refilter (self);
}

void
thidua_register_model_set_result (ThiduaRegisterModel *self, int result)
{
  self->result = result;
  refilter (self);
}

void
thidua_register_model_set_sort (ThiduaRegisterModel *self, ThiduaRegSort sort)
{
  if (self->sort == sort)
    return;
  self->sort = sort;
  sort_order (self);
  refilter (self);
}

const ThiduaRegistration *
thidua_register_model_peek (ThiduaRegisterModel *self, guint position)
{
  if (position >= self->visible->len)
    return NULL;
  return g_ptr_array_index (self->all, g_array_index (self->visible, guint, position));
}

int
thidua_register_model_find (ThiduaRegisterModel *self, gint64 registration_id)
{
  for (guint i = 0; i < self->visible->len; i++)
    {
      const ThiduaRegistration *r = g_ptr_array_index (self->all, g_array_index (self->visible, guint, i));
      if (r->id == registration_id)
        return (int) i;
    }
  return -1;
}

gboolean
thidua_register_model_refresh_row (ThiduaRegisterModel *self, gint64 registration_id, GError **error)
{
  ThiduaRegistration *fresh = thidua_register_load (self->reg, registration_id, error);
  int position;

  if (fresh == NULL)
    return FALSE;
  for (guint i = 0; i < self->all->len; i++)
    {
      ThiduaRegistration *r = g_ptr_array_index (self->all, i);
      if (r->id != registration_id)
        continue;
      /* keep the sort keys the query filled */
      g_free (fresh->search_key);
      g_free (fresh->sort_key);
      g_free (fresh->unit_sort_key);
      fresh->search_key = g_strdup (r->search_key);
      fresh->sort_key = g_strdup (r->sort_key);
      fresh->unit_sort_key = g_strdup (r->unit_sort_key);
      /* items out there may still point at the old one */
      g_ptr_array_add (self->replaced, self->all->pdata[i]);
      self->all->pdata[i] = fresh;
      g_clear_object (&self->items->pdata[i]);
      position = thidua_register_model_find (self, registration_id);
      if (position >= 0)
        g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
      return TRUE;
    }
  thidua_registration_free (fresh);
  return TRUE;
}
