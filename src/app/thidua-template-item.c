/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-template-item.c — one built-in template. */
#include "config.h"
#include "thidua-template-item.h"

#include <glib/gi18n.h>

struct _ThiduaTemplateItem
{
  GObject  parent_instance;
  char    *name;
  char    *title;
  char    *profile;
  GdkPaintable *thumbnail;
};

G_DEFINE_FINAL_TYPE (ThiduaTemplateItem, thidua_template_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_TITLE,
  PROP_PROFILE,
  PROP_PROFILE_LABEL,
  PROP_THUMBNAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
thidua_profile_label (const char *profile)
{
  if (g_strcmp0 (profile, "state") == 0)
    return _("State (Decree 30/2020)");
  if (g_strcmp0 (profile, "party") == 0)
    return _("Party (Guidance 36-HD/VPTW)");
  if (g_strcmp0 (profile, "union") == 0)
    return _("Trade union");
  if (g_strcmp0 (profile, "youth") == 0)
    return _("Youth Union (Đoàn TNCS)");
  return profile;
}

ThiduaTemplateItem *
thidua_template_item_new (const ThiduaTemplateInfo *info)
{
  ThiduaTemplateItem *self = g_object_new (THIDUA_TYPE_TEMPLATE_ITEM, NULL);

  /* Items are immutable: no notification needed after construction. */
  self->name = g_strdup (info->name);
  self->title = g_strdup (info->title);
  self->profile = g_strdup (info->profile);
  return self;
}

const char *
thidua_template_item_get_name (ThiduaTemplateItem *self)
{
  g_return_val_if_fail (THIDUA_IS_TEMPLATE_ITEM (self), NULL);
  return self->name;
}

const char *
thidua_template_item_get_title (ThiduaTemplateItem *self)
{
  g_return_val_if_fail (THIDUA_IS_TEMPLATE_ITEM (self), NULL);
  return self->title;
}

const char *
thidua_template_item_get_profile (ThiduaTemplateItem *self)
{
  g_return_val_if_fail (THIDUA_IS_TEMPLATE_ITEM (self), NULL);
  return self->profile;
}

GdkPaintable *
thidua_template_item_get_thumbnail (ThiduaTemplateItem *self)
{
  g_return_val_if_fail (THIDUA_IS_TEMPLATE_ITEM (self), NULL);
  return self->thumbnail;
}

void
thidua_template_item_set_thumbnail (ThiduaTemplateItem *self,
                                    GdkPaintable       *thumbnail)
{
  g_return_if_fail (THIDUA_IS_TEMPLATE_ITEM (self));

  if (g_set_object (&self->thumbnail, thumbnail))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
}

static void
thidua_template_item_finalize (GObject *object)
{
  ThiduaTemplateItem *self = THIDUA_TEMPLATE_ITEM (object);

  g_clear_object (&self->thumbnail);
  g_free (self->name);
  g_free (self->title);
  g_free (self->profile);
  G_OBJECT_CLASS (thidua_template_item_parent_class)->finalize (object);
}

static void
thidua_template_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ThiduaTemplateItem *self = THIDUA_TEMPLATE_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    case PROP_PROFILE_LABEL:
      g_value_set_string (value, thidua_profile_label (self->profile));
      break;
    case PROP_THUMBNAIL:
      g_value_set_object (value, self->thumbnail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_template_item_class_init (ThiduaTemplateItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = thidua_template_item_finalize;
  object_class->get_property = thidua_template_item_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_PROFILE] = g_param_spec_string ("profile", NULL, NULL, NULL, ro);
  properties[PROP_PROFILE_LABEL] = g_param_spec_string ("profile-label", NULL, NULL, NULL, ro);
  properties[PROP_THUMBNAIL] = g_param_spec_object ("thumbnail", NULL, NULL, GDK_TYPE_PAINTABLE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
thidua_template_item_init (ThiduaTemplateItem *self)
{
}
