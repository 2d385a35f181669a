/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-item.c — a registration for list widgets, read lazily. */
#include "config.h"
#include "thidua-register-item.h"

struct _ThiduaRegisterItem
{
  GObject                   parent_instance;

  gint64                    id;
  ThiduaRegistration       *r;          /* NULL until first needed */
  ThiduaRegister           *reg;        /* lazy items: reads alone once detached */
  ThiduaRegisterItemLoader  loader;
  gpointer                  owner;
  const ThiduaTitle        *title;
  char                     *name;       /* made on first use */
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

  g_clear_pointer (&self->r, thidua_registration_free);
  g_clear_object (&self->reg);
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
    case PROP_POSITION: g_value_set_string (value, thidua_register_item_get_position (self)); break;
    case PROP_UNIT: g_value_set_string (value, thidua_register_item_get_unit (self)); break;
    case PROP_TITLE_NAME: g_value_set_string (value, thidua_register_item_get_title_name (self)); break;
    case PROP_TITLE_CODE: g_value_set_string (value, thidua_register_item_get_title_code (self)); break;
    case PROP_NOTE: g_value_set_string (value, thidua_register_item_get_note (self)); break;
    case PROP_DECISION: g_value_set_string (value, thidua_register_item_get_decision (self)); break;
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
  self->id = r->id;
  self->title = title;
  return self;
}

ThiduaRegisterItem *
thidua_register_item_new_lazy (ThiduaRegister *reg, gint64 id, ThiduaRegisterItemLoader loader, gpointer owner)
{
  ThiduaRegisterItem *self = g_object_new (THIDUA_TYPE_REGISTER_ITEM, NULL);

  self->reg = g_object_ref (reg);
  self->id = id;
  self->loader = loader;
  self->owner = owner;
  return self;
}

void
thidua_register_item_detach (ThiduaRegisterItem *self)
{
  self->loader = NULL;
  self->owner = NULL;
}

gboolean
thidua_register_item_is_loaded (ThiduaRegisterItem *self)
{
  return self->r != NULL;
}

void
thidua_register_item_take_registration (ThiduaRegisterItem *self, ThiduaRegistration *r)
{
  g_clear_pointer (&self->r, thidua_registration_free);
  g_clear_pointer (&self->name, g_free);
  self->r = r;
  self->title = self->reg && r ? thidua_catalog_lookup (thidua_register_get_catalog (self->reg), r->title) : NULL;
}

static const ThiduaRegistration *
ensure (ThiduaRegisterItem *self)
{
  if (self->r == NULL && self->loader != NULL)
    self->loader (self, self->owner);
  if (self->r == NULL && self->reg != NULL)
    thidua_register_item_take_registration (self, thidua_register_load (self->reg, self->id, NULL));
  if (self->r == NULL)
    {
      /* deleted meanwhile: an empty row until the view lets it go */
      thidua_register_item_take_registration (self, thidua_registration_new ());
      self->r->id = self->id;
    }
  return self->r;
}

const ThiduaRegistration *
thidua_register_item_get_registration (ThiduaRegisterItem *self)
{
  return ensure (self);
}

gint64 thidua_register_item_get_id (ThiduaRegisterItem *self) { return self->id; }

const char *
thidua_register_item_get_name (ThiduaRegisterItem *self)
{
  const ThiduaRegistration *r = ensure (self);

  if (self->name == NULL)
    {
      if (r->person_id == 0)
        self->name = g_strdup_printf ("Tập thể %s", r->unit_name ? r->unit_name : "");
      else if (r->honorific && *r->honorific)
        self->name = g_strdup_printf ("%s %s", r->honorific, r->person_name);
      else
        self->name = g_strdup (r->person_name ? r->person_name : "");
    }
  return self->name;
}

#define TEXT(s) ((s) ? (s) : "")
const char *thidua_register_item_get_position (ThiduaRegisterItem *self) { return TEXT (ensure (self)->position); }
const char *thidua_register_item_get_unit (ThiduaRegisterItem *self) { return TEXT (ensure (self)->unit_name); }
const char *thidua_register_item_get_title_name (ThiduaRegisterItem *self)
{
  const ThiduaRegistration *r = ensure (self);
  return self->title ? self->title->name : TEXT (r->title);
}
const char *thidua_register_item_get_title_code (ThiduaRegisterItem *self)
{
  const ThiduaRegistration *r = ensure (self);
  return self->title ? thidua_title_get_short_name (self->title) : TEXT (r->title);
}
const char *thidua_register_item_get_note (ThiduaRegisterItem *self) { return TEXT (ensure (self)->note); }
const char *thidua_register_item_get_decision (ThiduaRegisterItem *self) { return TEXT (ensure (self)->decision); }
ThiduaRegStatus thidua_register_item_get_status (ThiduaRegisterItem *self) { return ensure (self)->status; }
ThiduaRegResult thidua_register_item_get_result (ThiduaRegisterItem *self) { return ensure (self)->result; }
