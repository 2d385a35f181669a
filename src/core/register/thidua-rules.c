/* thidua-rules.c — rules of the register as data. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "thidua-rules.h"

#include <math.h>
#include <string.h>

struct _ThiduaRule
{
  gatomicrefcount ref_count;
  char           *id;
  ThiduaRuleKind  kind;
  char           *title;
  gboolean        enabled;
  char           *description;
  char           *source;
  JsonObject     *parameters;
};

G_DEFINE_BOXED_TYPE (ThiduaRule, thidua_rule, thidua_rule_ref, thidua_rule_unref)
G_DEFINE_QUARK (thidua-rule-error-quark, thidua_rule_error)

static const char * const kind_names[] = {
  [THIDUA_RULE_PREREQUISITE] = "prerequisite",
  [THIDUA_RULE_QUOTA]        = "quota",
  [THIDUA_RULE_COLLECTIVE]   = "collective",
  [THIDUA_RULE_TARGET]       = "target",
  [THIDUA_RULE_INTEGRITY]    = "integrity",
};

const char *
thidua_rule_kind_to_string (ThiduaRuleKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
thidua_rule_kind_from_string (const char *s, ThiduaRuleKind *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (s, kind_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

static char *
dup_member_string (JsonObject *o, const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return g_strdup ("");
  return g_utf8_normalize (json_node_get_string (node), -1, G_NORMALIZE_NFC);
}

/* Percentages must be numbers between 0 and 100: a typo in the office's
 * data should be refused at load, not produce nonsense findings. */
static gboolean
validate_parameters (const char *id, JsonObject *params, GError **error)
{
  static const char * const percents[] = { "max_percent", "min_percent" };

  for (guint i = 0; i < G_N_ELEMENTS (percents); i++)
    {
      JsonNode *node = json_object_get_member (params, percents[i]);
      double v;

      if (node == NULL)
        continue;
      if (!JSON_NODE_HOLDS_VALUE (node)
          || (json_node_get_value_type (node) != G_TYPE_INT64
              && json_node_get_value_type (node) != G_TYPE_DOUBLE))
        {
          g_set_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID,
                       _("rule “%s”: parameter “%s” must be a number"), id, percents[i]);
          return FALSE;
        }
      v = json_node_get_double (node);
      if (v < 0 || v > 100)
        {
          g_set_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID,
                       _("rule “%s”: parameter “%s” is %g, not a percentage between 0 and 100"),
                       id, percents[i], v);
          return FALSE;
        }
    }
  if (json_object_has_member (params, "consecutive_years"))
    {
      JsonNode *node = json_object_get_member (params, "consecutive_years");
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
          || json_node_get_int (node) < 1 || json_node_get_int (node) > 50)
        {
          g_set_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID,
                       _("rule “%s”: parameter “consecutive_years” must be a whole number from 1 to 50"), id);
          return FALSE;
        }
    }
  return TRUE;
}

ThiduaRule *
thidua_rule_new_from_json (JsonObject *object, GError **error)
{
  g_autoptr(ThiduaRule) self = NULL;
  g_autofree char *kind = NULL;
  JsonNode *params;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_new0 (ThiduaRule, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->id = dup_member_string (object, "id");
  self->title = dup_member_string (object, "title");
  self->description = dup_member_string (object, "description");
  self->source = dup_member_string (object, "source");
  self->enabled = json_object_get_boolean_member_with_default (object, "enabled", TRUE);

  if (*self->id == '\0')
    {
      g_set_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID,
                   _("a rule has no “id”"));
      return NULL;
    }
  kind = dup_member_string (object, "kind");
  if (!thidua_rule_kind_from_string (kind, &self->kind))
    {
      g_set_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID,
                   _("rule “%s”: unknown kind “%s” (expected prerequisite, quota, "
                   "collective, target or integrity)"), self->id, kind);
      return NULL;
    }
  if (*self->title == '\0'
      && (self->kind == THIDUA_RULE_PREREQUISITE || self->kind == THIDUA_RULE_QUOTA
          || self->kind == THIDUA_RULE_COLLECTIVE))
    {
      g_set_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID,
                   _("rule “%s”: a %s rule needs a “title”"), self->id, kind);
      return NULL;
    }

  params = json_object_get_member (object, "parameters");
  if (params != NULL && !JSON_NODE_HOLDS_OBJECT (params))
    {
      g_set_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID,
                   _("rule “%s”: “parameters” must be an object"), self->id);
      return NULL;
    }
  self->parameters = params ? json_object_ref (json_node_get_object (params)) : json_object_new ();
  if (!validate_parameters (self->id, self->parameters, error))
    return NULL;

  return g_steal_pointer (&self);
}

ThiduaRule *
thidua_rule_ref (ThiduaRule *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
thidua_rule_unref (ThiduaRule *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->id);
  g_free (self->title);
  g_free (self->description);
  g_free (self->source);
  g_clear_pointer (&self->parameters, json_object_unref);
  g_free (self);
}

const char *thidua_rule_get_id (const ThiduaRule *self) { return self->id; }
ThiduaRuleKind thidua_rule_get_kind (const ThiduaRule *self) { return self->kind; }
const char *thidua_rule_get_title (const ThiduaRule *self) { return self->title; }
gboolean thidua_rule_get_enabled (const ThiduaRule *self) { return self->enabled; }
const char *thidua_rule_get_description (const ThiduaRule *self) { return self->description; }
const char *thidua_rule_get_source (const ThiduaRule *self) { return self->source; }

double
thidua_rule_get_number (const ThiduaRule *self, const char *name, double default_value)
{
  JsonNode *node = json_object_get_member (self->parameters, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return default_value;
  if (json_node_get_value_type (node) == G_TYPE_INT64
      || json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  return default_value;
}

gboolean
thidua_rule_get_boolean (const ThiduaRule *self, const char *name, gboolean default_value)
{
  JsonNode *node = json_object_get_member (self->parameters, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return default_value;
  return json_node_get_boolean (node);
}

const char *
thidua_rule_get_string (const ThiduaRule *self, const char *name, const char *default_value)
{
  JsonNode *node = json_object_get_member (self->parameters, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return default_value;
  return json_node_get_string (node);
}

GStrv
thidua_rule_dup_strings (const ThiduaRule *self, const char *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (self->parameters, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    g_strv_builder_add (builder, json_node_get_string (node));
  else if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *e = json_array_get_element (array, i);
          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (e));
        }
    }
  return g_strv_builder_end (builder);
}

gboolean
thidua_rule_apply_override (ThiduaRule *self, JsonObject *override, GError **error)
{
  JsonNode *params = json_object_get_member (override, "parameters");
  g_autoptr(JsonObject) merged = json_object_new ();
  GList *members;

  if (params != NULL && !JSON_NODE_HOLDS_OBJECT (params))
    {
      g_set_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID,
                   _("override of rule “%s”: “parameters” must be an object"), self->id);
      return FALSE;
    }

  members = json_object_get_members (self->parameters);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (merged, l->data,
                            json_node_copy (json_object_get_member (self->parameters, l->data)));
  g_list_free (members);
  if (params != NULL)
    {
      JsonObject *po = json_node_get_object (params);
      members = json_object_get_members (po);
      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (merged, l->data,
                                json_node_copy (json_object_get_member (po, l->data)));
      g_list_free (members);
    }
  if (!validate_parameters (self->id, merged, error))
    return FALSE;

  json_object_unref (self->parameters);
  self->parameters = g_steal_pointer (&merged);
  if (json_object_has_member (override, "enabled"))
    self->enabled = json_object_get_boolean_member (override, "enabled");
  if (json_object_has_member (override, "source"))
    {
      g_free (self->source);
      self->source = dup_member_string (override, "source");
    }
  return TRUE;
}

/* Percent in hundredths (15 → 1500, 12.5 → 1250) so that the arithmetic is
 * exact integers: 20 × 1500 / 10000 = 3, 21 × 1500 / 10000 = 3. */
static guint64
percent_hundredths (double percent)
{
  return (guint64) llround (CLAMP (percent, 0, 100) * 100.0);
}

guint
thidua_rule_quota_allowed (guint base, double percent)
{
  return (guint) (((guint64) base * percent_hundredths (percent)) / 10000);
}

gboolean
thidua_rule_percent_reached (guint part, guint whole, double percent, gboolean strict)
{
  guint64 lhs = (guint64) part * 10000;
  guint64 rhs = (guint64) whole * percent_hundredths (percent);

  if (whole == 0)
    return FALSE;
  return strict ? lhs > rhs : lhs >= rhs;
}
