/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-rules.c — rules of the register as data. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "thidua-rules.h"

#include <math.h>
#include <stdio.h>
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
  GPtrArray      *periods;     /* Period */
};

typedef struct {
  GDate       from;          /* invalid: open */
  GDate       to;            /* invalid: open */
  char       *document;
  char       *article;
  char       *verification;
  char       *note;
  char      **also;          /* other documents cited (numbers) */
  char      **also_articles; /* their articles, "" when not given */
  JsonObject *parameters;    /* merged over the rule's */
} Period;

static void
period_free (Period *p)
{
  g_free (p->document);
  g_free (p->article);
  g_free (p->verification);
  g_free (p->note);
  g_strfreev (p->also);
  g_strfreev (p->also_articles);
  g_clear_pointer (&p->parameters, json_object_unref);
  g_free (p);
}

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

static gboolean
parse_period_date (JsonObject *o, const char *member, const char *id, guint index,
                   GDate *out, GError **error)
{
  JsonNode *node = json_object_get_member (o, member);
  int y, m, d;
  char tail;

  g_date_clear (out, 1);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
      && sscanf (json_node_get_string (node), "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3
      && g_date_valid_dmy (d, m, y))
    {
      g_date_set_dmy (out, d, m, y);
      return TRUE;
    }
  g_set_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID,
               _("rule “%s”: period %u: “%s” is not a date YYYY-MM-DD"), id, index + 1, member);
  return FALSE;
}

/* Periods of application: dates in order and not overlapping, each with a
 * document; checked here so that a typo is refused when the register opens. */
static GPtrArray *
parse_periods (const char *id, JsonNode *node, GError **error)
{
  g_autoptr(GPtrArray) periods = g_ptr_array_new_with_free_func ((GDestroyNotify) period_free);
  JsonArray *array;

  if (node == NULL)
    return g_steal_pointer (&periods);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID,
                   _("rule “%s”: “periods” must be a list"), id);
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      JsonNode *params;
      JsonObject *o;
      Period *p;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        {
          g_set_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID,
                       _("rule “%s”: period %u is not an object"), id, i + 1);
          return NULL;
        }
      o = json_node_get_object (e);
      p = g_new0 (Period, 1);
      g_ptr_array_add (periods, p);
      p->document = dup_member_string (o, "document");
      p->article = dup_member_string (o, "article");
      p->verification = dup_member_string (o, "verification");
      p->note = dup_member_string (o, "note");
      {
        /* "also": numbers, or {"document": …, "article": …} where the
         * substance of the rule is in another text (the Law's article). */
        g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
        g_autoptr(GStrvBuilder) arts = g_strv_builder_new ();
        JsonNode *also = json_object_get_member (o, "also");
        if (also != NULL && JSON_NODE_HOLDS_ARRAY (also))
          for (guint j = 0; j < json_array_get_length (json_node_get_array (also)); j++)
            {
              JsonNode *a = json_array_get_element (json_node_get_array (also), j);
              if (JSON_NODE_HOLDS_VALUE (a) && json_node_get_value_type (a) == G_TYPE_STRING)
                {
                  g_autofree char *nfc = g_utf8_normalize (json_node_get_string (a), -1,
                                                           G_NORMALIZE_NFC);
                  g_strv_builder_add (b, nfc);
                  g_strv_builder_add (arts, "");
                }
              else if (JSON_NODE_HOLDS_OBJECT (a))
                {
                  g_autofree char *doc = dup_member_string (json_node_get_object (a), "document");
                  g_autofree char *art = dup_member_string (json_node_get_object (a), "article");
                  if (*doc == '\0')
                    {
                      g_set_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID,
                                   _("rule “%s”: period %u: an entry of “also” names no “document”"),
                                   id, i + 1);
                      return NULL;
                    }
                  g_strv_builder_add (b, doc);
                  g_strv_builder_add (arts, art);
                }
            }
        p->also = g_strv_builder_end (b);
        p->also_articles = g_strv_builder_end (arts);
      }
      if (*p->document == '\0')
        {
          g_set_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID,
                       _("rule “%s”: period %u names no “document”"), id, i + 1);
          return NULL;
        }
      if (*p->verification != '\0' && !g_str_equal (p->verification, "official")
          && !g_str_equal (p->verification, "read")
          && !g_str_equal (p->verification, "secondary") && !g_str_equal (p->verification, "practice"))
        {
          g_set_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID,
                       _("rule “%s”: period %u: verification “%s” is not official, secondary or practice"),
                       id, i + 1, p->verification);
          return NULL;
        }
      if (!parse_period_date (o, "from", id, i, &p->from, error)
          || !parse_period_date (o, "to", id, i, &p->to, error))
        return NULL;
      if (g_date_valid (&p->from) && g_date_valid (&p->to) && g_date_compare (&p->from, &p->to) > 0)
        {
          g_set_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID,
                       _("rule “%s”: period %u ends before it starts"), id, i + 1);
          return NULL;
        }
      params = json_object_get_member (o, "parameters");
      if (params != NULL && !JSON_NODE_HOLDS_OBJECT (params))
        {
          g_set_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID,
                       _("rule “%s”: period %u: “parameters” must be an object"), id, i + 1);
          return NULL;
        }
      p->parameters = params ? json_object_ref (json_node_get_object (params)) : json_object_new ();
      if (!validate_parameters (id, p->parameters, error))
        return NULL;
    }
  /* Periods follow each other: period i ends before i+1 starts. */
  for (guint i = 1; i < periods->len; i++)
    {
      Period *a = g_ptr_array_index (periods, i - 1), *b = g_ptr_array_index (periods, i);
      if (!g_date_valid (&a->to) || !g_date_valid (&b->from) || g_date_compare (&a->to, &b->from) >= 0)
        {
          g_set_error (error, THIDUA_RULE_ERROR, THIDUA_RULE_ERROR_INVALID,
                       _("rule “%s”: period %u overlaps period %u (periods must be in date order)"),
                       id, i + 1, i);
          return NULL;
        }
    }
  return g_steal_pointer (&periods);
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
  self->periods = parse_periods (self->id, json_object_get_member (object, "periods"), error);
  if (self->periods == NULL)
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
  g_clear_pointer (&self->periods, g_ptr_array_unref);
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
  if (json_object_has_member (override, "periods"))
    {
      GPtrArray *periods = parse_periods (self->id, json_object_get_member (override, "periods"), error);
      if (periods == NULL)
        return FALSE;
      g_ptr_array_unref (self->periods);
      self->periods = periods;
    }
  return TRUE;
}

guint
thidua_rule_get_n_periods (const ThiduaRule *self)
{
  return self->periods ? self->periods->len : 0;
}

GStrv
thidua_rule_dup_period_documents (const ThiduaRule *self, guint i)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  Period *p;

  g_return_val_if_fail (i < thidua_rule_get_n_periods (self), NULL);
  p = g_ptr_array_index (self->periods, i);
  g_strv_builder_add (b, p->document);
  g_strv_builder_addv (b, (const char **) p->also);
  return g_strv_builder_end (b);
}

static char *
document_display (ThiduaLegalTable *legal, const char *number)
{
  const ThiduaLegalDocument *doc = legal ? thidua_legal_table_lookup (legal, number) : NULL;
  return doc ? thidua_legal_document_display (doc) : g_strdup (number);
}

/* "Nghị định 152/2025/NĐ-CP (…); Luật 06/2022/QH15, Điều 23 khoản 2" */
static char *
period_source (const Period *p, ThiduaLegalTable *legal)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *main_doc = document_display (legal, p->document);

  g_string_append (s, main_doc);
  if (*p->article != '\0')
    g_string_append_printf (s, ", %s", p->article);
  if (*p->note != '\0')
    g_string_append_printf (s, " (%s)", p->note);
  for (guint i = 0; p->also[i]; i++)
    {
      g_autofree char *d = document_display (legal, p->also[i]);
      g_string_append_printf (s, "; %s", d);
      if (*p->also_articles[i] != '\0')
        g_string_append_printf (s, ", %s", p->also_articles[i]);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

ThiduaRule *
thidua_rule_at (ThiduaRule *self, const GDate *date, ThiduaLegalTable *legal)
{
  ThiduaRule *copy;
  GList *members;
  Period *p = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  if (thidua_rule_get_n_periods (self) == 0)
    return thidua_rule_ref (self);
  for (guint i = 0; i < self->periods->len; i++)
    {
      Period *q = g_ptr_array_index (self->periods, i);
      if ((!g_date_valid (&q->from) || g_date_compare (date, &q->from) >= 0)
          && (!g_date_valid (&q->to) || g_date_compare (date, &q->to) <= 0))
        {
          p = q;
          break;
        }
    }
  if (p == NULL)
    return NULL;

  copy = g_new0 (ThiduaRule, 1);
  g_atomic_ref_count_init (&copy->ref_count);
  copy->id = g_strdup (self->id);
  copy->kind = self->kind;
  copy->title = g_strdup (self->title);
  copy->enabled = self->enabled;
  copy->description = g_strdup (self->description);
  copy->source = period_source (p, legal);
  copy->periods = g_ptr_array_new_with_free_func ((GDestroyNotify) period_free);
  copy->parameters = json_object_new ();
  members = json_object_get_members (self->parameters);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy->parameters, l->data,
                            json_node_copy (json_object_get_member (self->parameters, l->data)));
  g_list_free (members);
  members = json_object_get_members (p->parameters);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy->parameters, l->data,
                            json_node_copy (json_object_get_member (p->parameters, l->data)));
  g_list_free (members);
  return copy;
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
