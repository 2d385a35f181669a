/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-item.c — a registration for list widgets. */
#include "config.h"
#include "thidua-register-item.h"

struct _ThiduaRegisterItem
{
  GObject             parent_instance;

  ThiduaRegistration *r;
  GPtrArray          *shared;     /* holds r when shared, else NULL and r is owned */
  ThiduaCatalog      *catalog;
  const ThiduaTitle  *title;
  char               *name;       /* made on first use */
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_POSITION,
  PROP_UNIT,
  PROP_TITLE_NAME,
  PROP_TITLE_CODE,
  PROP_NOTE,
  PROP_DECISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ThiduaRegisterItem, thidua_register_item, G_TYPE_OBJECT)

static void
thidua_register_item_finalize (GObject *object)
{
  ThiduaRegisterItem *self = THIDUA_REGISTER_ITEM (object);

  if (self->shared)
    g_ptr_array_unref (self->shared);
  else
    g_clear_pointer (&self->r, thidua_registration_free);
  g_clear_object (&self->catalog);
  g_free (self->name);
  G_OBJECT_CLASS (thidua_register_item_parent_class)->finalize (object);
}

static void
thidua_register_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ThiduaRegisterItem *self = THIDUA_REGISTER_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, thidua_register_item_get_name (self)); break;
    case PROP_POSITION: g_value_set_string (value, self->r->position); break;
    case PROP_UNIT: g_value_set_string (value, self->r->unit_name); break;
    case PROP_TITLE_NAME: g_value_set_string (value, thidua_register_item_get_title_name (self)); break;
    case PROP_TITLE_CODE: g_value_set_string (value, thidua_register_item_get_title_code (self)); break;
    case PROP_NOTE: g_value_set_string (value, self->r->note); break;
    case PROP_DECISION: g_value_set_string (value, self->r->decision); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_register_item_class_init (ThiduaRegisterItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = thidua_register_item_finalize;
  object_class->get_property = thidua_register_item_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_POSITION] = g_param_spec_string ("position", NULL, NULL, NULL, flags);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  properties[PROP_TITLE_NAME] = g_param_spec_string ("title-name", NULL, NULL, NULL, flags);
  properties[PROP_TITLE_CODE] = g_param_spec_string ("title-code", NULL, NULL, NULL, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  properties[PROP_DECISION] = g_param_spec_string ("decision", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
thidua_register_item_init (ThiduaRegisterItem *self)
{
}

ThiduaRegisterItem *
thidua_register_item_new (const ThiduaRegistration *r, const ThiduaTitle *title)
{
  ThiduaRegisterItem *self = g_object_new (THIDUA_TYPE_REGISTER_ITEM, NULL);

  self->r = thidua_registration_copy (r);
  self->title = title;
  return self;
}

ThiduaRegisterItem *
thidua_register_item_new_shared (GPtrArray *registrations, guint index, ThiduaCatalog *catalog)
{
  ThiduaRegisterItem *self = g_object_new (THIDUA_TYPE_REGISTER_ITEM, NULL);

  self->shared = g_ptr_array_ref (registrations);
  self->r = g_ptr_array_index (registrations, index);
  self->catalog = g_object_ref (catalog);
  self->title = thidua_catalog_lookup (catalog, self->r->title);
  return self;
}

const ThiduaRegistration *
thidua_register_item_get_registration (ThiduaRegisterItem *self)
{
  return self->r;
}

gint64 thidua_register_item_get_id (ThiduaRegisterItem *self) { return self->r->id; }
const char *
thidua_register_item_get_name (ThiduaRegisterItem *self)
{
  if (self->name == NULL)
    {
      if (self->r->person_id == 0)
        self->name = g_strdup_printf ("Tập thể %s", self->r->unit_name);
      else if (*self->r->honorific)
        self->name = g_strdup_printf ("%s %s", self->r->honorific, self->r->person_name);
      else
        self->name = g_strdup (self->r->person_name);
    }
  return self->name;
}

const char *thidua_register_item_get_position (ThiduaRegisterItem *self) { return self->r->position; }
const char *thidua_register_item_get_unit (ThiduaRegisterItem *self) { return self->r->unit_name; }
const char *thidua_register_item_get_title_name (ThiduaRegisterItem *self) { return self->title ? self->title->name : self->r->title; }
const char *thidua_register_item_get_title_code (ThiduaRegisterItem *self) { return self->title ? thidua_title_get_short_name (self->title) : self->r->title; }
const char *thidua_register_item_get_note (ThiduaRegisterItem *self) { return self->r->note; }
const char *thidua_register_item_get_decision (ThiduaRegisterItem *self) { return self->r->decision; }
ThiduaRegStatus thidua_register_item_get_status (ThiduaRegisterItem *self) { return self->r->status; }
ThiduaRegResult thidua_register_item_get_result (ThiduaRegisterItem *self) { return self->r->result; }
