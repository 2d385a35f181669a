/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-template-item.h — one built-in template in the "New" choosers. */
#pragma once

#include <gdk/gdk.h>
#include "thidua-store.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_TEMPLATE_ITEM (thidua_template_item_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaTemplateItem, thidua_template_item, THIDUA, TEMPLATE_ITEM, GObject)

ThiduaTemplateItem *thidua_template_item_new           (const ThiduaTemplateInfo *info);
const char         *thidua_template_item_get_name      (ThiduaTemplateItem *self);
const char         *thidua_template_item_get_title     (ThiduaTemplateItem *self);
const char         *thidua_template_item_get_profile   (ThiduaTemplateItem *self);

/* The first page, small, for the template chooser (NULL until made). */
GdkPaintable       *thidua_template_item_get_thumbnail (ThiduaTemplateItem *self);
void                thidua_template_item_set_thumbnail (ThiduaTemplateItem *self,
                                                        GdkPaintable       *thumbnail);

/* "State (Decree 30/2020)", … translated; the raw name when unknown. */
const char         *thidua_profile_label               (const char *profile);

G_END_DECLS
