/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-item.h — one registration as a GObject, the item type of
 * ThiduaRegisterModel (for list widgets).  Items are made only for the rows
 * a view asks for and hold a copy of the registration. */
#pragma once

#include <glib-object.h>
#include "thidua-register.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_REGISTER_ITEM (thidua_register_item_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaRegisterItem, thidua_register_item, THIDUA, REGISTER_ITEM, GObject)

/* @r: (transfer none): copied.
 * @title: (transfer none) (nullable): NOT copied, and no reference to its
 *   catalog is taken: the catalog must outlive the item. */
ThiduaRegisterItem       *thidua_register_item_new (const ThiduaRegistration *r, const ThiduaTitle *title);
/* Shares the registration with the array that holds it (kept alive by the
 * item): what ThiduaRegisterModel makes, cheap enough for 100,000 rows.
 * @registrations: (transfer none) (element-type ThiduaRegistration): the
 *   item takes a reference to the array, not to the element: whoever
 *   replaces element index must keep the old one alive while the item
 *   lives (ThiduaRegisterModel's refresh_row does, until its next load).
 * @catalog: (transfer none): the item keeps a reference. */
ThiduaRegisterItem       *thidua_register_item_new_shared (GPtrArray *registrations, guint index,
                                                           ThiduaCatalog *catalog);
/* The getters: Returns: (transfer none): owned by the item (or the
 * registration it shares), valid while the item lives; never NULL. */
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
