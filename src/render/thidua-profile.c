/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-profile.c — format profiles as data, validated key by key. */
#include "config.h"
#include "thidua-profile-private.h"
#include "thidua-input.h"
#include "thidua-json.h"
#include "thidua-paths.h"
#include "thidua-text.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stddef.h>
#include <string.h>

G_DEFINE_QUARK (thidua-profile-error-quark, thidua_profile_error)

struct _ThiduaProfile
{
  GObject parent_instance;
  ThiduaProfileValues v;
  GHashTable *placeholders;   /* field → example shown in the empty entry */
};

G_DEFINE_FINAL_TYPE (ThiduaProfile, thidua_profile, G_TYPE_OBJECT)

enum { PROP_0, PROP_NAME, N_PROPS };
static GParamSpec *properties[N_PROPS];

typedef enum { KEY_NUMBER, KEY_STRING, KEY_BOOL, KEY_MARK } KeyType;

typedef struct {
  const char *key;
  KeyType     type;
  gsize       offset;
  const char *marks;   /* KEY_MARK: the allowed words, space-separated */
} ProfileKey;

#define NUM(k, f)  { k, KEY_NUMBER, G_STRUCT_OFFSET (ThiduaProfileValues, f), NULL }
#define STR(k, f)  { k, KEY_STRING, G_STRUCT_OFFSET (ThiduaProfileValues, f), NULL }
#define BOOL(k, f) { k, KEY_BOOL,   G_STRUCT_OFFSET (ThiduaProfileValues, f), NULL }
#define MARK(k, f, m) { k, KEY_MARK, G_STRUCT_OFFSET (ThiduaProfileValues, f), m }

/* Every key a profile file must have; nothing else is accepted. */
static const ProfileKey profile_keys[] = {
  STR  ("name", name),
  STR  ("regulation", title),
  NUM  ("page.width_mm", page_width_mm),
  NUM  ("page.height_mm", page_height_mm),
  NUM  ("margin.top_mm", margin_top_mm),
  NUM  ("margin.bottom_mm", margin_bottom_mm),
  NUM  ("margin.left_mm", margin_left_mm),
  NUM  ("margin.right_mm", margin_right_mm),
  STR  ("font.family", font_family),
  NUM  ("header.left_column_mm", header_left_column_mm),
  NUM  ("header.max_lines", header_max_lines),
  STR  ("header.national_name.text", national_name_text),
  NUM  ("header.national_name.size", national_name_size),
  STR  ("header.motto.text", motto_text),
  NUM  ("header.motto.size", motto_size),
  NUM  ("header.rule_width_pt", header_rule_width_pt),
  NUM  ("header.superior_body.size", superior_body_size),
  NUM  ("header.issuing_body.size", issuing_body_size),
  MARK ("header.issuing_body.mark", issuing_body_mark, "rule star stars"),
  NUM  ("header.issuing_body.rule_ratio", issuing_body_rule_ratio),
  NUM  ("number.size", number_size),
  STR  ("number.prefix", number_prefix),
  STR  ("number.separator", number_separator),
  NUM  ("number.blank_room", number_blank_room),
  NUM  ("number.leading_zero_below", number_leading_zero_below),
  NUM  ("date.size", date_size),
  NUM  ("date.blank_room", date_blank_room),
  NUM  ("date.leading_zero_day_below", date_leading_zero_day_below),
  NUM  ("date.leading_zero_month_below", date_leading_zero_month_below),
  NUM  ("title.space_before_pt", title_space_before_pt),
  NUM  ("title.space_after_pt", title_space_after_pt),
  NUM  ("title.type_name.size", type_name_size),
  NUM  ("title.subject.size", subject_size),
  MARK ("title.subject.mark", subject_mark, "rule dashes"),
  NUM  ("title.subject.rule_ratio", subject_rule_ratio),
  NUM  ("body.size", body_size),
  NUM  ("body.first_line_indent_mm", body_first_line_indent_mm),
  NUM  ("body.paragraph_space_pt", body_paragraph_space_pt),
  NUM  ("body.line_spacing", body_line_spacing),
  STR  ("body.ending_mark", body_ending_mark),
  NUM  ("table.size", table_size),
  NUM  ("table.padding_pt", table_padding_pt),
  NUM  ("table.rule_width_pt", table_rule_width_pt),
  NUM  ("table.space_pt", table_space_pt),
  NUM  ("closing.space_before_pt", closing_space_before_pt),
  NUM  ("closing.left_column_mm", closing_left_column_mm),
  STR  ("recipients.title.text", recipients_title_text),
  NUM  ("recipients.title.size", recipients_title_size),
  BOOL ("recipients.title.bold", recipients_title_bold),
  BOOL ("recipients.title.italic", recipients_title_italic),
  BOOL ("recipients.title.underline", recipients_title_underline),
  NUM  ("recipients.size", recipients_size),
  BOOL ("recipients.require_luu", recipients_require_luu),
  STR  ("recipients.luu_prefix", recipients_luu_prefix),
  NUM  ("signature.size", signature_size),
  BOOL ("signature.position_bold", signature_position_bold),
  NUM  ("signature.blank_lines", signature_blank_lines),
  STR  ("signature.authorities", signature_authorities),
  NUM  ("page_number.size", page_number_size),
  NUM  ("page_number.top_mm", page_number_top_mm),
  NUM  ("page_number.first_page", page_number_first_page),
  STR  ("draft_mark.text", draft_mark_text),
  STR  ("draft_mark.round_text", draft_mark_round_text),
  NUM  ("draft_mark.size", draft_mark_size),
  NUM  ("draft_mark.top_mm", draft_mark_top_mm),
  NUM  ("draft_mark.padding_pt", draft_mark_padding_pt),
  NUM  ("draft_mark.rule_width_pt", draft_mark_rule_width_pt),
  STR  ("proof.code_label", proof_code_label),
  NUM  ("proof.code_size", proof_code_size),
  NUM  ("proof.code_bottom_mm", proof_code_bottom_mm),
  NUM  ("proof.qr_size_mm", proof_qr_size_mm),
  NUM  ("proof.qr_bottom_mm", proof_qr_bottom_mm),
};

static const char * const mark_names[] = { "rule", "star", "dashes", "stars" };

static void
values_clear (ThiduaProfileValues *v)
{
  for (guint i = 0; i < G_N_ELEMENTS (profile_keys); i++)
    if (profile_keys[i].type == KEY_STRING)
      {
        char **field = G_STRUCT_MEMBER_P (v, profile_keys[i].offset);
        g_clear_pointer (field, g_free);
      }
}

static void
thidua_profile_finalize (GObject *object)
{
  ThiduaProfile *self = THIDUA_PROFILE (object);

  values_clear (&self->v);
  g_clear_pointer (&self->placeholders, g_hash_table_unref);
  G_OBJECT_CLASS (thidua_profile_parent_class)->finalize (object);
}

static void
thidua_profile_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ThiduaProfile *self = THIDUA_PROFILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->v.name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_profile_class_init (ThiduaProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = thidua_profile_finalize;
  object_class->get_property = thidua_profile_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
thidua_profile_init (ThiduaProfile *self)
{
  self->placeholders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* "header": {"motto": {"size": 13}} → "header.motto.size" = node */
static void
flatten (JsonObject *obj, const char *prefix, GHashTable *out)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      JsonNode *node = json_object_get_member (obj, member);
      g_autofree char *key = prefix ? g_strconcat (prefix, ".", member, NULL) : g_strdup (member);

      /* Comments are allowed anywhere, so offices can note their changes. */
      if (member[0] == '_')
        continue;
      if (JSON_NODE_HOLDS_OBJECT (node))
        flatten (json_node_get_object (node), key, out);
      else
        g_hash_table_insert (out, g_steal_pointer (&key), node);
    }
}

static JsonNode *
parse_json (const char *data, const char *what, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* the JSON guard: depth, NUL and numbers checked before json-glib */
  if ((root = thidua_json_parse (data, -1, &local)) == NULL)
    {
      g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_PARSE,
                   _("%s is not valid JSON: %s"), what, local->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_PARSE,
                   _("%s must hold one JSON object"), what);
      return NULL;
    }
  return g_steal_pointer (&root);
}

static gboolean
lookup_range (JsonObject *ranges, const char *profile, const char *key,
              double *min, double *max, GError **error)
{
  JsonObject *section = NULL;
  JsonNode *node;
  JsonArray *pair;

  if (json_object_has_member (ranges, profile) &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (ranges, profile)))
    section = json_object_get_object_member (ranges, profile);
  if (section == NULL)
    {
      g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_NOT_FOUND,
                   _("no ranges for the profile “%s” in ranges.json"), profile);
      return FALSE;
    }
  node = json_object_get_member (section, key);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (pair = json_node_get_array (node)) != 2)
    {
      g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_MISSING_KEY,
                   _("ranges.json has no [min, max] for key “%s” of the profile “%s”"),
                   key, profile);
      return FALSE;
    }
  *min = json_array_get_double_element (pair, 0);
  *max = json_array_get_double_element (pair, 1);
  return TRUE;
}

static gboolean
is_number_node (JsonNode *node)
{
  GType t;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  t = json_node_get_value_type (node);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

static ThiduaProfile *
profile_from_root (JsonObject *root, JsonObject *ranges, const char *what, GError **error)
{
  g_autoptr(ThiduaProfile) self = g_object_new (THIDUA_TYPE_PROFILE, NULL);
  g_autoptr(GHashTable) flat = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  const char *name;
  JsonNode *name_node;

  flatten (root, NULL, flat);

  /* The name picks the ranges, so check it first. */
  name_node = g_hash_table_lookup (flat, "name");
  if (name_node == NULL)
    {
      g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_MISSING_KEY,
                   _("%s: the key “name” is missing"), what);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (name_node) || json_node_get_value_type (name_node) != G_TYPE_STRING)
    {
      g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_BAD_TYPE,
                   _("%s: the key “name” must be a string"), what);
      return NULL;
    }
  name = json_node_get_string (name_node);

  for (guint i = 0; i < G_N_ELEMENTS (profile_keys); i++)
    {
      const ProfileKey *k = &profile_keys[i];
      JsonNode *node = g_hash_table_lookup (flat, k->key);
      gpointer field = G_STRUCT_MEMBER_P (&self->v, k->offset);

      if (node == NULL)
        {
          g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_MISSING_KEY,
                       _("%s: the key “%s” is missing"), what, k->key);
          return NULL;
        }

      switch (k->type)
        {
        case KEY_NUMBER:
          {
            double v, min, max;

            if (!is_number_node (node))
              {
                g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_BAD_TYPE,
                             _("%s: the key “%s” must be a number"), what, k->key);
                return NULL;
              }
            v = json_node_get_double (node);
            if (!lookup_range (ranges, name, k->key, &min, &max, error))
              return NULL;
            if (v < min - 1e-9 || v > max + 1e-9)
              {
                g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_OUT_OF_RANGE,
                             _("%s: the key “%s” is %g, outside the allowed range %g–%g"),
                             what, k->key, v, min, max);
                return NULL;
              }
            *(double *) field = v;
          }
          break;

        case KEY_STRING:
          {
            char *nfc;

            if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
              {
                g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_BAD_TYPE,
                             _("%s: the key “%s” must be a string"), what, k->key);
                return NULL;
              }
            nfc = thidua_text_nfc (json_node_get_string (node), -1);
            if (nfc == NULL)
              {
                g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_BAD_TYPE,
                             _("%s: the key “%s” is not valid UTF-8"), what, k->key);
                return NULL;
              }
            *(char **) field = nfc;
          }
          break;

        case KEY_BOOL:
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
            {
              g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_BAD_TYPE,
                           _("%s: the key “%s” must be true or false"), what, k->key);
              return NULL;
            }
          *(gboolean *) field = json_node_get_boolean (node);
          break;

        case KEY_MARK:
          {
            const char *s = NULL;
            g_auto(GStrv) allowed = g_strsplit (k->marks, " ", -1);
            gboolean found = FALSE;

            if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
              s = json_node_get_string (node);
            if (s != NULL && g_strv_contains ((const char * const *) allowed, s))
              for (guint m = 0; m < G_N_ELEMENTS (mark_names); m++)
                if (strcmp (s, mark_names[m]) == 0)
                  {
                    *(ThiduaMark *) field = (ThiduaMark) m;
                    found = TRUE;
                  }
            if (!found)
              {
                g_autofree char *list = g_strjoinv ("”, “", allowed);
                g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_BAD_TYPE,
                             _("%s: the key “%s” must be one of “%s”"), what, k->key, list);
                return NULL;
              }
          }
          break;
        }
    }

  /* Unknown keys are most often typos of real ones: refuse them. */
  g_hash_table_iter_init (&iter, flat);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (profile_keys) && !known; i++)
        known = strcmp (profile_keys[i].key, key) == 0;
      /* "placeholders": the examples the form shows in its empty fields
       * (optional, strings, one per field of the plan's JSON) */
      if (!known && g_str_has_prefix (key, "placeholders.") && strchr ((const char *) key + 13, '.') == NULL)
        {
          JsonNode *node = g_hash_table_lookup (flat, key);
          g_autofree char *nfc = NULL;

          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
              (nfc = thidua_text_nfc (json_node_get_string (node), -1)) == NULL)
            {
              g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_BAD_TYPE,
                           _("%s: the key “%s” must be a string"), what, (const char *) key);
              return NULL;
            }
          g_hash_table_insert (self->placeholders, g_strdup ((const char *) key + 13),
                               g_steal_pointer (&nfc));
          known = TRUE;
        }
      if (!known)
        {
          g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_UNKNOWN_KEY,
                       _("%s: unknown key “%s”"), what, (const char *) key);
          return NULL;
        }
    }

  /* Cross-checks the ranges alone cannot express. */
  {
    double text_width = self->v.page_width_mm - self->v.margin_left_mm - self->v.margin_right_mm;

    if (self->v.header_left_column_mm > text_width - 60)
      {
        g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_OUT_OF_RANGE,
                     _("%s: the key “header.left_column_mm” leaves less than 60 mm for the right column"),
                     what);
        return NULL;
      }
    if (self->v.closing_left_column_mm > text_width - 60)
      {
        g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_OUT_OF_RANGE,
                     _("%s: the key “closing.left_column_mm” leaves less than 60 mm for the signature"),
                     what);
        return NULL;
      }
  }

  return g_steal_pointer (&self);
}

static char *
read_ranges (GError **error)
{
  g_autofree char *path = thidua_paths_find_data ("profiles", "ranges.json", NULL);
  char *data = NULL;

  if (!thidua_input_read (path, THIDUA_INPUT_MAX_JSON, &data, NULL, error))
    {
      g_prefix_error (error, _("The ranges of the format profiles cannot be read: "));
      return NULL;
    }
  return data;
}

ThiduaProfile *
thidua_profile_load_from_data (const char *json, const char *ranges_json, GError **error)
{
  g_autofree char *ranges_owned = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) ranges = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  if (ranges_json == NULL)
    {
      ranges_owned = read_ranges (error);
      if (ranges_owned == NULL)
        return NULL;
      ranges_json = ranges_owned;
    }
  if ((root = parse_json (json, "The profile", error)) == NULL ||
      (ranges = parse_json (ranges_json, "ranges.json", error)) == NULL)
    return NULL;
  return profile_from_root (json_node_get_object (root), json_node_get_object (ranges),
                            "profile", error);
}

ThiduaProfile *
thidua_profile_load_from_file (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *ranges_data = NULL;
  g_autofree char *what = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) ranges = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  what = g_strdup_printf ("Profile file %s", path);
  if (!thidua_input_read (path, THIDUA_INPUT_MAX_JSON, &data, NULL, &local))
    {
      g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_NOT_FOUND,
                   _("%s cannot be read: %s"), what, local->message);
      return NULL;
    }
  if ((ranges_data = read_ranges (error)) == NULL ||
      (root = parse_json (data, what, error)) == NULL ||
      (ranges = parse_json (ranges_data, "ranges.json", error)) == NULL)
    return NULL;
  return profile_from_root (json_node_get_object (root), json_node_get_object (ranges),
                            what, error);
}

ThiduaProfile *
thidua_profile_load (const char *name, GError **error)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  ThiduaProfile *self;

  g_return_val_if_fail (name != NULL, NULL);

  if (strchr (name, '/') != NULL || strchr (name, '\\') != NULL || name[0] == '.')
    {
      g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_NOT_FOUND,
                   _("“%s” is not a profile name"), name);
      return NULL;
    }
  file = g_strconcat (name, ".json", NULL);
  path = thidua_paths_find_data ("profiles", file, NULL);
  self = thidua_profile_load_from_file (path, error);
  if (self != NULL && strcmp (self->v.name, name) != 0)
    {
      g_set_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_BAD_TYPE,
                   _("Profile file %s: the key “name” is “%s”, expected “%s”"),
                   path, self->v.name, name);
      g_clear_object (&self);
    }
  return self;
}

ThiduaProfile *
thidua_profile_load_for_kind (ThiduaProfileKind kind, GError **error)
{
  return thidua_profile_load (thidua_profile_kind_to_string (kind), error);
}

const ThiduaProfileValues *
thidua_profile_get_values (ThiduaProfile *self)
{
  g_return_val_if_fail (THIDUA_IS_PROFILE (self), NULL);
  return &self->v;
}

const char *
thidua_profile_get_name (ThiduaProfile *self)
{
  g_return_val_if_fail (THIDUA_IS_PROFILE (self), NULL);
  return self->v.name;
}

const char *
thidua_profile_get_title (ThiduaProfile *self)
{
  g_return_val_if_fail (THIDUA_IS_PROFILE (self), NULL);
  return self->v.title;
}

double
thidua_profile_get_page_width (ThiduaProfile *self)
{
  g_return_val_if_fail (THIDUA_IS_PROFILE (self), 0);
  return THIDUA_MM_TO_PT (self->v.page_width_mm);
}

double
thidua_profile_get_page_height (ThiduaProfile *self)
{
  g_return_val_if_fail (THIDUA_IS_PROFILE (self), 0);
  return THIDUA_MM_TO_PT (self->v.page_height_mm);
}

void
thidua_profile_get_margins (ThiduaProfile *self, double *top, double *bottom,
                            double *left, double *right)
{
  g_return_if_fail (THIDUA_IS_PROFILE (self));
  if (top) *top = THIDUA_MM_TO_PT (self->v.margin_top_mm);
  if (bottom) *bottom = THIDUA_MM_TO_PT (self->v.margin_bottom_mm);
  if (left) *left = THIDUA_MM_TO_PT (self->v.margin_left_mm);
  if (right) *right = THIDUA_MM_TO_PT (self->v.margin_right_mm);
}

const char *
thidua_profile_get_font_family (ThiduaProfile *self)
{
  g_return_val_if_fail (THIDUA_IS_PROFILE (self), NULL);
  return self->v.font_family;
}

const char *
thidua_profile_get_ending_mark (ThiduaProfile *self)
{
  g_return_val_if_fail (THIDUA_IS_PROFILE (self), NULL);
  return self->v.body_ending_mark;
}

char **
thidua_profile_dup_authorities (ThiduaProfile *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (THIDUA_IS_PROFILE (self), NULL);

  words = g_strsplit_set (self->v.signature_authorities, " \t", -1);
  for (guint i = 0; words[i]; i++)
    if (*words[i])
      g_strv_builder_add (builder, words[i]);
  return g_strv_builder_end (builder);
}

const char *
thidua_profile_get_placeholder (ThiduaProfile *self,
                                const char    *field)
{
  g_return_val_if_fail (THIDUA_IS_PROFILE (self), NULL);
  return field ? g_hash_table_lookup (self->placeholders, field) : NULL;
}

const char *
thidua_profile_get_number_separator (ThiduaProfile *self)
{
  g_return_val_if_fail (THIDUA_IS_PROFILE (self), NULL);
  return self->v.number_separator;
}

gboolean
thidua_profile_lookup_number (ThiduaProfile *self, const char *key, double *value)
{
  g_return_val_if_fail (THIDUA_IS_PROFILE (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (profile_keys); i++)
    if (profile_keys[i].type == KEY_NUMBER && strcmp (profile_keys[i].key, key) == 0)
      {
        if (value)
          *value = *(double *) G_STRUCT_MEMBER_P (&self->v, profile_keys[i].offset);
        return TRUE;
      }
  return FALSE;
}
