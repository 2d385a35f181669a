/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-item.h — one registration as a GObject, the item type of
 * ThiduaRegisterModel (for list widgets).
 *
 * The model makes items for the rows a view asks for, and they are cheap:
 * an id and nothing else.  The registration itself is read on first use of
 * a getter, through the loader the model gave (which reads a page of
 * neighbouring rows in one query), or alone if the model has moved on.
 * GTK 4.8 asks for every item of a changed range just to compare objects,
 * so that asking must not read the database. */
#pragma once

#include <glib-object.h>
#include "thidua-register.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_REGISTER_ITEM (thidua_register_item_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaRegisterItem, thidua_register_item, THIDUA, REGISTER_ITEM, GObject)

/* Fills the item (and maybe others) with thidua_register_item_take_registration. */
typedef void (*ThiduaRegisterItemLoader) (ThiduaRegisterItem *item, gpointer owner);

/* An item holding a copy of r. */
ThiduaRegisterItem       *thidua_register_item_new (const ThiduaRegistration *r, const ThiduaTitle *title);
/* An item of registration id, read when first needed: through loader
 * (owner is not referenced: _detach before it goes), else from reg. */
ThiduaRegisterItem       *thidua_register_item_new_lazy (ThiduaRegister *reg, gint64 id,
                                                         ThiduaRegisterItemLoader loader, gpointer owner);
void                      thidua_register_item_detach (ThiduaRegisterItem *self);
gboolean                  thidua_register_item_is_loaded (ThiduaRegisterItem *self);
void                      thidua_register_item_take_registration (ThiduaRegisterItem *self,
                                                                  ThiduaRegistration *r);

/* Never NULL: a registration gone from the register reads as an empty one. */
const ThiduaRegistration *thidua_register_item_get_registration (ThiduaRegisterItem *self);
gint64      thidua_register_item_get_id          (ThiduaRegisterItem *self);
/* The person's name with Ông/Bà, or "Tập thể <unit>" */
const char *thidua_register_item_get_name        (ThiduaRegisterItem *self);
const char *thidua_register_item_get_position    (ThiduaRegisterItem *self);
const char *thidua_register_item_get_unit        (ThiduaRegisterItem *self);
const char *thidua_register_item_get_title_name  (ThiduaRegisterItem *self);
const char *thidua_register_item_get_title_code  (ThiduaRegisterItem *self);
const char *thidua_register_item_get_note        (ThiduaRegisterItem *self);
const char *thidua_register_item_get_decision    (ThiduaRegisterItem *self);
ThiduaRegStatus thidua_register_item_get_status  (ThiduaRegisterItem *self);
ThiduaRegResult thidua_register_item_get_result  (ThiduaRegisterItem *self);

G_END_DECLS
