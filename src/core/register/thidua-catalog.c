/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-catalog.c — titles and rules from data files. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "thidua-catalog.h"
#include "thidua-json.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "thidua-paths.h"
#include "thidua-text.h"

struct _ThiduaCatalog
{
  GObject     parent_instance;

  GPtrArray  *titles;       /* ThiduaTitle */
  GHashTable *by_id;        /* id → ThiduaTitle */
  GHashTable *by_key;       /* match key → ThiduaTitle */
  GPtrArray  *rules;        /* ThiduaRule */
  ThiduaLegalTable *legal;
  guint       school_end_month;
  guint       school_end_day;
};

G_DEFINE_FINAL_TYPE (ThiduaCatalog, thidua_catalog, G_TYPE_OBJECT)
G_DEFINE_QUARK (thidua-catalog-error-quark, thidua_catalog_error)

static void
title_free (ThiduaTitle *t)
{
  g_free (t->id);
  g_free (t->name);
  g_strfreev (t->abbreviations);
  g_strfreev (t->aliases);
  g_free (t->system);
  g_free (t->level);
  g_strfreev (t->legal);
  g_free (t);
}

static void
thidua_catalog_finalize (GObject *object)
{
  ThiduaCatalog *self = THIDUA_CATALOG (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->titles, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_object (&self->legal);
  G_OBJECT_CLASS (thidua_catalog_parent_class)->finalize (object);
}

static void
thidua_catalog_class_init (ThiduaCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = thidua_catalog_finalize;
}

static void
thidua_catalog_init (ThiduaCatalog *self)
{
  self->titles = g_ptr_array_new_with_free_func ((GDestroyNotify) title_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_rule_unref);
  self->school_end_month = 5;
  self->school_end_day = 31;
}

static gboolean
is_ignored_char (gunichar c)
{
  switch (c)
    {
    case '"': case '\'': case 0x201C: case 0x201D: case 0x2018: case 0x2019:
    case 0x00AB: case 0x00BB: case '(': case ')': case '.': case ';': case ':':
      return TRUE;
    default:
      return FALSE;
    }
}

char *
thidua_catalog_match_key (const char *text)
{
  g_autofree char *folded = thidua_text_fold (text);
  g_autofree char *cleaned = NULL;
  GString *out = g_string_sized_new (strlen (folded));
  const char *p;

  for (p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (is_ignored_char (c))
        {
          g_string_append_c (out, ' ');
          continue;
        }
      /* "CSTĐ-CS", "Lao động – tiên tiến" */
      if (c == '-' || c == 0x2013 || c == 0x2014)
        c = ' ';
      g_string_append_unichar (out, c);
    }
  cleaned = thidua_text_fold (out->str);
  g_string_free (out, TRUE);

  p = cleaned;
  if (g_str_has_prefix (p, "danh hieu "))
    p += strlen ("danh hieu ");
  else if (g_str_has_prefix (p, "dang ky "))
    p += strlen ("dang ky ");
  return g_strdup (p);
}

/* Abbreviations are also typed with inner spaces ("CSTĐ CS"): a second key
 * without spaces catches them. */
static char *
compact_key (const char *key)
{
  GString *s = g_string_sized_new (strlen (key));
  for (const char *p = key; *p; p++)
    if (*p != ' ')
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

static void
add_key (ThiduaCatalog *self, ThiduaTitle *t, const char *text, gboolean compact)
{
  g_autofree char *key = thidua_catalog_match_key (text);

  if (*key == '\0')
    return;
  /* The first entry wins: an alias must never steal an earlier title's name. */
  if (!g_hash_table_contains (self->by_key, key))
    g_hash_table_insert (self->by_key, g_strdup (key), t);
  if (compact)
    {
      char *ck = compact_key (key);
      if (!g_hash_table_contains (self->by_key, ck))
        g_hash_table_insert (self->by_key, ck, t);
      else
        g_free (ck);
    }
}

static char *
member_nfc (JsonObject *o, const char *name)
{
  const char *s = json_object_get_string_member_with_default (o, name, "");
  return g_utf8_normalize (s ? s : "", -1, G_NORMALIZE_NFC);
}

static char **
member_strv (JsonObject *o, const char *name)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (o, name);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING)
            {
              g_autofree char *nfc = g_utf8_normalize (json_node_get_string (e), -1, G_NORMALIZE_NFC);
              g_strv_builder_add (b, nfc);
            }
        }
    }
  return g_strv_builder_end (b);
}

/* "legal": [{"document": "06/2022/QH15", "article": "", "from": …}, …] → numbers */
static char **
legal_numbers (JsonObject *o)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (o, "legal");

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      {
        JsonNode *e = json_array_get_element (json_node_get_array (node), i);
        if (JSON_NODE_HOLDS_OBJECT (e))
          {
            g_autofree char *doc = member_nfc (json_node_get_object (e), "document");
            if (*doc != '\0')
              g_strv_builder_add (b, doc);
          }
      }
  return g_strv_builder_end (b);
}

/* "05-31" → month 5, day 31 */
static gboolean
read_school_year_end (ThiduaCatalog *self, JsonObject *root, const char *path, GError **error)
{
  g_autofree char *text = NULL;
  int m = 0, d = 0;
  char tail;

  if (!json_object_has_member (root, "school_year_end"))
    return TRUE;
  text = member_nfc (root, "school_year_end");
  if (sscanf (text, "%2d-%2d%c", &m, &d, &tail) != 2 || !g_date_valid_dmy (d, m, 2001))
    {
      g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                   _("%s: “school_year_end” is “%s”, not a day MM-DD"), path, text);
      return FALSE;
    }
  self->school_end_month = m;
  self->school_end_day = d;
  return TRUE;
}

static JsonNode *
load_json (const char *path, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* the one capped reader and JSON guard (already names the file) */
  if ((root = thidua_json_load_file (path, &local)) == NULL)
    {
      g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID, "%s", local->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                   _("%s: the file must hold one JSON object"), path);
      return NULL;
    }
  return g_steal_pointer (&root);
}

static gboolean
load_titles (ThiduaCatalog *self, const char *path, GError **error)
{
  g_autoptr(JsonNode) root = load_json (path, error);
  JsonNode *list;
  JsonArray *array;

  if (root == NULL)
    return FALSE;
  list = json_object_get_member (json_node_get_object (root), "titles");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                   _("%s: no “titles” list"), path);
      return FALSE;
    }
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      JsonObject *o;
      ThiduaTitle *t;
      g_autofree char *kind = NULL, *subject = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        {
          g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                       _("%s: title %u is not an object"), path, i + 1);
          return FALSE;
        }
      o = json_node_get_object (e);
      t = g_new0 (ThiduaTitle, 1);
      t->id = member_nfc (o, "id");
      t->name = member_nfc (o, "name");
      t->abbreviations = member_strv (o, "abbreviations");
      t->aliases = member_strv (o, "aliases");
      t->system = member_nfc (o, "system");
      t->level = member_nfc (o, "level");
      t->legal = legal_numbers (o);
      t->position = i;
      g_ptr_array_add (self->titles, t);

      kind = member_nfc (o, "kind");
      subject = member_nfc (o, "subject");
      if (*t->id == '\0' || *t->name == '\0')
        {
          g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                       _("%s: title %u needs an “id” and a “name”"), path, i + 1);
          return FALSE;
        }
      if (g_hash_table_contains (self->by_id, t->id))
        {
          g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                       _("%s: title id “%s” appears twice"), path, t->id);
          return FALSE;
        }
      if (g_str_equal (kind, "title"))
        t->kind = THIDUA_TITLE_KIND_TITLE;
      else if (g_str_equal (kind, "rating"))
        t->kind = THIDUA_TITLE_KIND_RATING;
      else if (g_str_equal (kind, "reward"))
        t->kind = THIDUA_TITLE_KIND_REWARD;
      else
        {
          g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                       _("%s: title “%s”: kind “%s” is not title, rating or reward"),
                       path, t->id, kind);
          return FALSE;
        }
      if (g_str_equal (subject, "individual"))
        t->subject = THIDUA_SUBJECT_INDIVIDUAL;
      else if (g_str_equal (subject, "collective"))
        t->subject = THIDUA_SUBJECT_COLLECTIVE;
      else if (g_str_equal (subject, "both") || *subject == '\0')
        t->subject = THIDUA_SUBJECT_BOTH;
      else
        {
          g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                       _("%s: title “%s”: subject “%s” is not individual, collective or both"),
                       path, t->id, subject);
          return FALSE;
        }
      g_hash_table_insert (self->by_id, t->id, t);
    }

  /* Names first, then abbreviations, then aliases: a name always wins. */
  for (guint i = 0; i < self->titles->len; i++)
    {
      ThiduaTitle *t = g_ptr_array_index (self->titles, i);
      add_key (self, t, t->name, FALSE);
    }
  for (guint i = 0; i < self->titles->len; i++)
    {
      ThiduaTitle *t = g_ptr_array_index (self->titles, i);
      for (guint j = 0; t->abbreviations[j]; j++)
        add_key (self, t, t->abbreviations[j], TRUE);
    }
  for (guint i = 0; i < self->titles->len; i++)
    {
      ThiduaTitle *t = g_ptr_array_index (self->titles, i);
      for (guint j = 0; t->aliases[j]; j++)
        add_key (self, t, t->aliases[j], FALSE);
    }
  return TRUE;
}

static gboolean
load_rules (ThiduaCatalog *self, const char *path, GError **error)
{
  g_autoptr(JsonNode) root = load_json (path, error);
  JsonNode *list;
  JsonArray *array;

  if (root == NULL)
    return FALSE;
  if (!read_school_year_end (self, json_node_get_object (root), path, error))
    return FALSE;
  list = json_object_get_member (json_node_get_object (root), "rules");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                   _("%s: no “rules” list"), path);
      return FALSE;
    }
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      g_autoptr(GError) local = NULL;
      ThiduaRule *rule;
      const char *title;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        {
          g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                       _("%s: rule %u is not an object"), path, i + 1);
          return FALSE;
        }
      rule = thidua_rule_new_from_json (json_node_get_object (e), &local);
      if (rule == NULL)
        {
          g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                       "%s: %s", path, local->message);
          return FALSE;
        }
      g_ptr_array_add (self->rules, rule);
      if (thidua_catalog_lookup_rule (self, thidua_rule_get_id (rule)) != rule)
        {
          g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                       _("%s: rule id “%s” appears twice"), path, thidua_rule_get_id (rule));
          return FALSE;
        }
      title = thidua_rule_get_title (rule);
      if (*title != '\0' && thidua_catalog_lookup (self, title) == NULL)
        {
          g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                       _("%s: rule “%s” names title “%s”, which is not in the catalog"),
                       path, thidua_rule_get_id (rule), title);
          return FALSE;
        }
    }
  return TRUE;
}

ThiduaCatalog *
thidua_catalog_new_from_files (const char *titles_path, const char *rules_path, GError **error)
{
  g_autoptr(ThiduaCatalog) self = g_object_new (THIDUA_TYPE_CATALOG, NULL);

  g_return_val_if_fail (titles_path != NULL, NULL);
  if (!load_titles (self, titles_path, error))
    return NULL;
  if (rules_path != NULL && !load_rules (self, rules_path, error))
    return NULL;
  return g_steal_pointer (&self);
}

ThiduaCatalog *
thidua_catalog_new_default (GError **error)
{
  g_autofree char *titles = thidua_paths_find_data ("catalog", "titles.json", NULL);
  g_autofree char *rules = thidua_paths_find_data ("catalog", "rules.json", NULL);
  g_autofree char *overrides = g_build_filename (g_get_user_config_dir (), "thidua", "rules.json", NULL);
  g_autoptr(ThiduaCatalog) self = thidua_catalog_new_from_files (titles, rules, error);
  g_autoptr(ThiduaLegalTable) legal = NULL;

  if (self == NULL)
    return NULL;
  if (g_file_test (overrides, G_FILE_TEST_EXISTS)
      && !thidua_catalog_apply_overrides (self, overrides, error))
    return NULL;
  legal = thidua_legal_table_new_default (error);
  if (legal == NULL || !thidua_catalog_set_legal (self, legal, error))
    return NULL;
  return g_steal_pointer (&self);
}

ThiduaLegalTable *
thidua_catalog_get_legal (ThiduaCatalog *self)
{
  g_return_val_if_fail (THIDUA_IS_CATALOG (self), NULL);
  return self->legal;
}

gboolean
thidua_catalog_set_legal (ThiduaCatalog *self, ThiduaLegalTable *legal, GError **error)
{
  g_return_val_if_fail (THIDUA_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (THIDUA_IS_LEGAL_TABLE (legal), FALSE);

  for (guint i = 0; i < self->rules->len; i++)
    {
      ThiduaRule *rule = g_ptr_array_index (self->rules, i);
      for (guint p = 0; p < thidua_rule_get_n_periods (rule); p++)
        {
          g_auto(GStrv) docs = thidua_rule_dup_period_documents (rule, p);
          for (guint d = 0; docs[d]; d++)
            if (thidua_legal_table_lookup (legal, docs[d]) == NULL)
              {
                g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                             _("rule “%s”: period %u cites “%s”, which is not in the legal-document table"),
                             thidua_rule_get_id (rule), p + 1, docs[d]);
                return FALSE;
              }
        }
    }
  for (guint i = 0; i < self->titles->len; i++)
    {
      ThiduaTitle *t = g_ptr_array_index (self->titles, i);
      for (guint d = 0; t->legal[d]; d++)
        if (thidua_legal_table_lookup (legal, t->legal[d]) == NULL)
          {
            g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                         _("title “%s” cites “%s”, which is not in the legal-document table"),
                         t->id, t->legal[d]);
            return FALSE;
          }
    }
  g_set_object (&self->legal, legal);
  return TRUE;
}

void
thidua_catalog_reference_date (ThiduaCatalog *self, int start_year, gboolean school, GDate *out)
{
  g_return_if_fail (THIDUA_IS_CATALOG (self));
  g_date_clear (out, 1);
  if (!school)
    g_date_set_dmy (out, 31, 12, start_year);
  else
    {
      guint d = self->school_end_day;
      if (!g_date_valid_dmy (d, self->school_end_month, start_year + 1))
        d = g_date_get_days_in_month (self->school_end_month, start_year + 1);
      g_date_set_dmy (out, d, self->school_end_month, start_year + 1);
    }
}

gboolean
thidua_catalog_apply_overrides (ThiduaCatalog *self, const char *path, GError **error)
{
  g_autoptr(JsonNode) root = load_json (path, error);
  JsonNode *list;
  JsonArray *array;

  if (root == NULL || !read_school_year_end (self, json_node_get_object (root), path, error))
    return FALSE;
  list = json_object_get_member (json_node_get_object (root), "rules");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                   _("%s: no “rules” list"), path);
      return FALSE;
    }
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      g_autoptr(GError) local = NULL;
      JsonObject *o;
      ThiduaRule *rule;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        continue;
      o = json_node_get_object (e);
      id = json_object_get_string_member_with_default (o, "id", "");
      rule = thidua_catalog_lookup_rule (self, id);
      if (rule == NULL)
        {
          g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                       _("%s: override for unknown rule “%s”"), path, id);
          return FALSE;
        }
      if (!thidua_rule_apply_override (rule, o, &local))
        {
          g_set_error (error, THIDUA_CATALOG_ERROR, THIDUA_CATALOG_ERROR_INVALID,
                       "%s: %s", path, local->message);
          return FALSE;
        }
    }
  return TRUE;
}

guint
thidua_catalog_get_n_titles (ThiduaCatalog *self)
{
  g_return_val_if_fail (THIDUA_IS_CATALOG (self), 0);
  return self->titles->len;
}

const ThiduaTitle *
thidua_catalog_get_title (ThiduaCatalog *self, guint index)
{
  g_return_val_if_fail (THIDUA_IS_CATALOG (self), NULL);
  g_return_val_if_fail (index < self->titles->len, NULL);
  return g_ptr_array_index (self->titles, index);
}

const ThiduaTitle *
thidua_catalog_lookup (ThiduaCatalog *self, const char *id)
{
  g_return_val_if_fail (THIDUA_IS_CATALOG (self), NULL);
  return id ? g_hash_table_lookup (self->by_id, id) : NULL;
}

const ThiduaTitle *
thidua_catalog_match (ThiduaCatalog *self, const char *text)
{
  g_autofree char *key = NULL;
  g_autofree char *ck = NULL;
  const ThiduaTitle *t;

  g_return_val_if_fail (THIDUA_IS_CATALOG (self), NULL);
  if (text == NULL)
    return NULL;
  if ((t = g_hash_table_lookup (self->by_id, text)) != NULL)
    return t;
  key = thidua_catalog_match_key (text);
  if (*key == '\0')
    return NULL;
  if ((t = g_hash_table_lookup (self->by_key, key)) != NULL)
    return t;
  ck = compact_key (key);
  if ((t = g_hash_table_lookup (self->by_key, ck)) != NULL)
    return t;
  return g_hash_table_lookup (self->by_id, key);
}

const char *
thidua_title_get_short_name (const ThiduaTitle *title)
{
  g_return_val_if_fail (title != NULL, NULL);
  return title->abbreviations[0] ? title->abbreviations[0] : title->name;
}

GPtrArray *
thidua_catalog_get_rules (ThiduaCatalog *self)
{
  g_return_val_if_fail (THIDUA_IS_CATALOG (self), NULL);
  return self->rules;
}

ThiduaRule *
thidua_catalog_lookup_rule (ThiduaCatalog *self, const char *id)
{
  g_return_val_if_fail (THIDUA_IS_CATALOG (self), NULL);
  for (guint i = 0; i < self->rules->len; i++)
    {
      ThiduaRule *r = g_ptr_array_index (self->rules, i);
      if (g_strcmp0 (thidua_rule_get_id (r), id) == 0)
        return r;
    }
  return NULL;
}
