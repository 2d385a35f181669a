/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-targets-json.c — targets from JSON, every member type-checked. */
#include "config.h"
#include "thidua-targets-json.h"
#include "thidua-input.h"
#include "thidua-json.h"

#include <glib/gi18n-lib.h>

static gboolean
read_bound (JsonObject *o, const char *where, const char *key, double *out, GError **error)
{
  gboolean present;

  if (!thidua_json_member_number (o, where, key, out, &present, error))
    return FALSE;
  if (!present)
    *out = -1;                 /* no bound */
  else if (*out < 0)
    {
      g_set_error (error, THIDUA_JSON_ERROR, THIDUA_JSON_ERROR_NUMBER,
                   _("“%s%s” is %g; it must be 0 or more"), where, key, *out);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
targets_from_root (JsonNode *root, ThiduaCatalog *catalog, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_plan_target_free);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, THIDUA_JSON_ERROR, THIDUA_JSON_ERROR_TYPE,
                   _("expected a JSON array of targets"));
      return NULL;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf (_("target %u: "), i + 1);
      const char *title = NULL, *measure = NULL, *base = NULL;
      double min, max;
      const ThiduaTitle *t, *bt;
      JsonObject *o;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        {
          g_set_error (error, THIDUA_JSON_ERROR, THIDUA_JSON_ERROR_TYPE,
                       _("target %u is not an object"), i + 1);
          return NULL;
        }
      o = json_node_get_object (e);
      if (!thidua_json_member_string (o, "", "title", &title, error)
          || !thidua_json_member_string (o, "", "measure", &measure, error)
          || !thidua_json_member_string (o, "", "base", &base, error)
          || !read_bound (o, "", "min", &min, error)
          || !read_bound (o, "", "max", &max, error))
        {
          g_prefix_error (error, "%s", where);
          return NULL;
        }
      if (title == NULL)
        {
          g_set_error (error, THIDUA_JSON_ERROR, THIDUA_JSON_ERROR_TYPE,
                       _("%s“title” is required"), where);
          return NULL;
        }
      if ((t = thidua_catalog_match (catalog, title)) == NULL)
        {
          g_set_error (error, THIDUA_JSON_ERROR, THIDUA_JSON_ERROR_TYPE,
                       _("%s“%s” is not in the catalog"), where, title);
          return NULL;
        }
      if (measure == NULL)
        measure = "percent";
      if (!g_str_equal (measure, "percent") && !g_str_equal (measure, "count"))
        {
          g_set_error (error, THIDUA_JSON_ERROR, THIDUA_JSON_ERROR_TYPE,
                       _("%s“measure” must be percent or count"), where);
          return NULL;
        }
      if (base == NULL)
        base = "staff";
      bt = thidua_catalog_match (catalog, base);
      g_ptr_array_add (list, thidua_plan_target_new (t->id, min, max,
                                                     g_str_equal (measure, "count") ? THIDUA_TARGET_COUNT
                                                                                    : THIDUA_TARGET_PERCENT,
                                                     bt ? bt->id : base));
    }
  return g_steal_pointer (&list);
}

GPtrArray *
thidua_plan_targets_from_json (const char *name, const char *data, gsize len,
                               ThiduaCatalog *catalog, GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local = NULL;
  GPtrArray *list;

  if ((root = thidua_json_parse (data, (gssize) len, &local)) == NULL
      || (list = targets_from_root (root, catalog, &local)) == NULL)
    {
      g_autofree char *display = g_filename_display_name (name);
      g_set_error (error, local->domain, local->code, "%s: %s", display, local->message);
      return NULL;
    }
  return list;
}

GPtrArray *
thidua_plan_targets_load_json (const char *path, ThiduaCatalog *catalog, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!thidua_input_read (path, THIDUA_INPUT_MAX_JSON, &data, &len, error))
    return NULL;
  return thidua_plan_targets_from_json (path, data, len, catalog, error);
}
