/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-plan.c — the plan model and its JSON form. */
#include "config.h"
#include "thidua-plan.h"
#include "thidua-text.h"
#include "thidua-markup.h"
#include "thidua-json.h"
#include "thidua-paths.h"

#include <string.h>

/* String fields share one storage array indexed by property id, so the
 * getters, setters, GObject properties and JSON stay in step. */
enum {
  PROP_0,
  PROP_ID,
  PROP_PROFILE,
  PROP_SUPERIOR_BODY,
  PROP_ISSUING_BODY,
  PROP_NUMBER,
  PROP_SYMBOL,
  PROP_PLACE,
  PROP_TYPE_NAME,
  PROP_SUBJECT,
  PROP_BODY,
  PROP_SIGNER_AUTHORITY,
  PROP_SIGNER_ON_BEHALF_OF,
  PROP_SIGNER_POSITION,
  PROP_SIGNER_NAME,
  PROP_STATUS,
  PROP_DAY,
  PROP_MONTH,
  PROP_YEAR,
  PROP_RECIPIENTS,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

#define FIRST_STR PROP_SUPERIOR_BODY
#define LAST_STR  PROP_STATUS
#define N_STR     (LAST_STR - FIRST_STR + 1)

struct _ThiduaPlan
{
  GObject            parent_instance;
  gint64             id;
  ThiduaProfileKind  profile;
  char              *str[N_STR];
  guint              day, month, year;
  GStrv              recipients;
  gint64             created, modified;
};

G_DEFINE_FINAL_TYPE (ThiduaPlan, thidua_plan, G_TYPE_OBJECT)
G_DEFINE_QUARK (thidua-plan-error-quark, thidua_plan_error)

static GParamSpec *properties[N_PROPS];

/* JSON member names of the string fields, in property order. */
static const char * const str_keys[N_STR] = {
  "superior_body", "issuing_body", "number", "symbol", "place",
  "type_name", "subject", "body",
  "authority", "on_behalf_of", "position", "name",
  "status",
};

static const char * const profile_names[] = { "state", "party", "union", "youth" };

/* The built-in names, then every other data/profiles/<name>.json in name
 * order: a further organisation's profile is a data file.  Read once; the
 * list never changes while the program runs. */
static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static gpointer
profile_names_load (gpointer data)
{
  GPtrArray *names = g_ptr_array_new ();
  g_autofree char *dir_path = thidua_paths_find_data ("profiles", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);
  const char *file;

  for (guint i = 0; i < G_N_ELEMENTS (profile_names); i++)
    g_ptr_array_add (names, (gpointer) profile_names[i]);
  while (dir != NULL && (file = g_dir_read_name (dir)) != NULL && extra->len < 64)
    {
      g_autofree char *name = NULL;
      gboolean known = FALSE;

      if (!g_str_has_suffix (file, ".json") || strcmp (file, "ranges.json") == 0)
        continue;
      name = g_strndup (file, strlen (file) - 5);
      for (guint i = 0; i < G_N_ELEMENTS (profile_names); i++)
        known |= strcmp (name, profile_names[i]) == 0;
      if (!known && g_utf8_validate (name, -1, NULL))
        g_ptr_array_add (extra, g_steal_pointer (&name));
    }
  g_ptr_array_sort (extra, compare_names);
  for (guint i = 0; i < extra->len; i++)
    g_ptr_array_add (names, g_strdup (g_ptr_array_index (extra, i)));
  return names;
}

static GPtrArray *
get_profile_names (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, profile_names_load, NULL);
}

guint
thidua_profile_kind_count (void)
{
  return get_profile_names ()->len;
}

const char *
thidua_profile_kind_to_string (ThiduaProfileKind kind)
{
  GPtrArray *names = get_profile_names ();

  g_return_val_if_fail ((guint) kind < names->len, "state");
  return g_ptr_array_index (names, kind);
}

gboolean
thidua_profile_kind_from_string (const char *s, ThiduaProfileKind *out)
{
  GPtrArray *names = get_profile_names ();

  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (s, g_ptr_array_index (names, i)) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

/* Stored strings are NFC; invalid UTF-8 never reaches the model. */
static char *
normalise (const char *s)
{
  char *nfc;

  if (s == NULL)
    return g_strdup ("");
  nfc = thidua_text_nfc (s, -1);
  if (nfc == NULL)
    {
      g_warning ("Dropping invalid UTF-8 given to a plan field");
      return g_strdup ("");
    }
  return nfc;
}

static const char *
get_str (ThiduaPlan *self, guint prop)
{
  g_return_val_if_fail (THIDUA_IS_PLAN (self), "");
  return self->str[prop - FIRST_STR];
}

static void
set_str (ThiduaPlan *self, guint prop, const char *value)
{
  g_autofree char *nfc = NULL;
  char **slot;

  g_return_if_fail (THIDUA_IS_PLAN (self));
  slot = &self->str[prop - FIRST_STR];
  nfc = normalise (value);
  if (g_strcmp0 (*slot, nfc) == 0)
    return;
  g_free (*slot);
  *slot = g_steal_pointer (&nfc);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
thidua_plan_finalize (GObject *object)
{
  ThiduaPlan *self = THIDUA_PLAN (object);

  for (guint i = 0; i < N_STR; i++)
    g_free (self->str[i]);
  g_strfreev (self->recipients);
  G_OBJECT_CLASS (thidua_plan_parent_class)->finalize (object);
}

static void
thidua_plan_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ThiduaPlan *self = THIDUA_PLAN (object);

  if (prop_id >= FIRST_STR && prop_id <= LAST_STR)
    {
      g_value_set_string (value, get_str (self, prop_id));
      return;
    }
  switch (prop_id)
    {
    case PROP_ID:         g_value_set_int64 (value, self->id); break;
    case PROP_PROFILE:    g_value_set_string (value, thidua_profile_kind_to_string (self->profile)); break;
    case PROP_DAY:        g_value_set_uint (value, self->day); break;
    case PROP_MONTH:      g_value_set_uint (value, self->month); break;
    case PROP_YEAR:       g_value_set_uint (value, self->year); break;
    case PROP_RECIPIENTS: g_value_set_boxed (value, self->recipients); break;
    case PROP_CREATED:    g_value_set_int64 (value, self->created); break;
    case PROP_MODIFIED:   g_value_set_int64 (value, self->modified); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_plan_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ThiduaPlan *self = THIDUA_PLAN (object);

  if (prop_id == PROP_SYMBOL)
    {
      thidua_plan_set_symbol (self, g_value_get_string (value));
      return;
    }
  if (prop_id >= FIRST_STR && prop_id <= LAST_STR)
    {
      set_str (self, prop_id, g_value_get_string (value));
      return;
    }
  switch (prop_id)
    {
    case PROP_ID:
      thidua_plan_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_PROFILE:
      {
        ThiduaProfileKind kind;
        if (thidua_profile_kind_from_string (g_value_get_string (value), &kind))
          thidua_plan_set_profile (self, kind);
        else
          g_warning ("Unknown profile “%s”", g_value_get_string (value));
      }
      break;
    case PROP_DAY:
      thidua_plan_set_date (self, g_value_get_uint (value), self->month, self->year);
      break;
    case PROP_MONTH:
      thidua_plan_set_date (self, self->day, g_value_get_uint (value), self->year);
      break;
    case PROP_YEAR:
      thidua_plan_set_date (self, self->day, self->month, g_value_get_uint (value));
      break;
    case PROP_RECIPIENTS:
      thidua_plan_set_recipients (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_plan_class_init (ThiduaPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  static const char * const str_props[N_STR] = {
    "superior-body", "issuing-body", "number", "symbol", "place",
    "type-name", "subject", "body",
    "signer-authority", "signer-on-behalf-of", "signer-position", "signer-name",
    "status",
  };

  object_class->finalize = thidua_plan_finalize;
  object_class->get_property = thidua_plan_get_property;
  object_class->set_property = thidua_plan_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_PROFILE] = g_param_spec_string ("profile", NULL, NULL, "state", rw);
  for (guint i = 0; i < N_STR; i++)
    properties[FIRST_STR + i] = g_param_spec_string (str_props[i], NULL, NULL, "", rw);
  properties[PROP_DAY] = g_param_spec_uint ("day", NULL, NULL, 0, 31, 0, rw);
  properties[PROP_MONTH] = g_param_spec_uint ("month", NULL, NULL, 0, 12, 0, rw);
  properties[PROP_YEAR] = g_param_spec_uint ("year", NULL, NULL, 0, 9999, 0, rw);
  properties[PROP_RECIPIENTS] = g_param_spec_boxed ("recipients", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_CREATED] = g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] = g_param_spec_int64 ("modified", NULL, NULL, 0, G_MAXINT64, 0,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
thidua_plan_init (ThiduaPlan *self)
{
  for (guint i = 0; i < N_STR; i++)
    self->str[i] = g_strdup ("");
  self->str[PROP_TYPE_NAME - FIRST_STR] = (g_free (self->str[PROP_TYPE_NAME - FIRST_STR]),
                                           g_strdup ("KẾ HOẠCH"));
  self->str[PROP_STATUS - FIRST_STR] = (g_free (self->str[PROP_STATUS - FIRST_STR]),
                                        g_strdup ("draft"));
  self->recipients = g_new0 (char *, 1);
}

ThiduaPlan *
thidua_plan_new (void)
{
  return g_object_new (THIDUA_TYPE_PLAN, NULL);
}

ThiduaPlan *
thidua_plan_copy (ThiduaPlan *self)
{
  ThiduaPlan *copy;

  g_return_val_if_fail (THIDUA_IS_PLAN (self), NULL);
  copy = thidua_plan_new ();
  copy->id = self->id;
  copy->profile = self->profile;
  for (guint i = 0; i < N_STR; i++)
    {
      g_free (copy->str[i]);
      copy->str[i] = g_strdup (self->str[i]);
    }
  copy->day = self->day;
  copy->month = self->month;
  copy->year = self->year;
  g_strfreev (copy->recipients);
  copy->recipients = g_strdupv (self->recipients);
  copy->created = self->created;
  copy->modified = self->modified;
  return copy;
}

/* What the user edits, taken from `from` (undo and redo): every field
 * but the id, the status and the times.  Changed fields notify. */
void
thidua_plan_assign_content (ThiduaPlan *self,
                            ThiduaPlan *from)
{
  g_return_if_fail (THIDUA_IS_PLAN (self));
  g_return_if_fail (THIDUA_IS_PLAN (from));

  thidua_plan_set_profile (self, from->profile);
  for (guint prop = FIRST_STR; prop <= LAST_STR; prop++)
    if (prop != PROP_STATUS)
      set_str (self, prop, from->str[prop - FIRST_STR]);
  thidua_plan_set_date (self, from->day, from->month, from->year);
  thidua_plan_set_recipients (self, (const char * const *) from->recipients);
}

gint64 thidua_plan_get_id (ThiduaPlan *self) { g_return_val_if_fail (THIDUA_IS_PLAN (self), 0); return self->id; }

void
thidua_plan_set_id (ThiduaPlan *self, gint64 id)
{
  g_return_if_fail (THIDUA_IS_PLAN (self));
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

ThiduaProfileKind thidua_plan_get_profile (ThiduaPlan *self) { g_return_val_if_fail (THIDUA_IS_PLAN (self), 0); return self->profile; }

void
thidua_plan_set_profile (ThiduaPlan *self, ThiduaProfileKind profile)
{
  g_return_if_fail (THIDUA_IS_PLAN (self));
  g_return_if_fail ((guint) profile < thidua_profile_kind_count ());
  if (self->profile == profile)
    return;
  self->profile = profile;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

#define STR_ACCESSORS(field, PROP) \
  const char *thidua_plan_get_##field (ThiduaPlan *self) { return get_str (self, PROP); } \
  void thidua_plan_set_##field (ThiduaPlan *self, const char *s) { set_str (self, PROP, s); }

STR_ACCESSORS (superior_body, PROP_SUPERIOR_BODY)
STR_ACCESSORS (issuing_body, PROP_ISSUING_BODY)
STR_ACCESSORS (number, PROP_NUMBER)
const char *thidua_plan_get_symbol (ThiduaPlan *self) { return get_str (self, PROP_SYMBOL); }

/* The symbol follows the number's separator, which the profile prints
 * ("/" or "-"): one typed in front ("/KH-SYT") would print twice. */
void
thidua_plan_set_symbol (ThiduaPlan *self, const char *s)
{
  g_autofree char *trimmed = thidua_text_strip (s);
  const char *p = trimmed;

  while (*p == '/' || *p == '-')
    p++;
  set_str (self, PROP_SYMBOL, p);
}

STR_ACCESSORS (place, PROP_PLACE)
STR_ACCESSORS (type_name, PROP_TYPE_NAME)
STR_ACCESSORS (subject, PROP_SUBJECT)
STR_ACCESSORS (body, PROP_BODY)
STR_ACCESSORS (signer_authority, PROP_SIGNER_AUTHORITY)
STR_ACCESSORS (signer_on_behalf_of, PROP_SIGNER_ON_BEHALF_OF)
STR_ACCESSORS (signer_position, PROP_SIGNER_POSITION)
STR_ACCESSORS (signer_name, PROP_SIGNER_NAME)
STR_ACCESSORS (status, PROP_STATUS)

guint thidua_plan_get_day (ThiduaPlan *self) { g_return_val_if_fail (THIDUA_IS_PLAN (self), 0); return self->day; }
guint thidua_plan_get_month (ThiduaPlan *self) { g_return_val_if_fail (THIDUA_IS_PLAN (self), 0); return self->month; }
guint thidua_plan_get_year (ThiduaPlan *self) { g_return_val_if_fail (THIDUA_IS_PLAN (self), 0); return self->year; }

gboolean
thidua_plan_check_date (guint day, guint month, guint year, GError **error)
{
  if (month > 12)
    {
      g_set_error (error, THIDUA_PLAN_ERROR, THIDUA_PLAN_ERROR_INVALID_DATE,
                   "month %u does not exist", month);
      return FALSE;
    }
  if (year > 9999)
    {
      g_set_error (error, THIDUA_PLAN_ERROR, THIDUA_PLAN_ERROR_INVALID_DATE,
                   "year %u is out of range", year);
      return FALSE;
    }
  if (day == 0)
    return TRUE;
  if (day > 31)
    {
      g_set_error (error, THIDUA_PLAN_ERROR, THIDUA_PLAN_ERROR_INVALID_DATE,
                   "day %u does not exist", day);
      return FALSE;
    }
  if (month != 0)
    {
      /* A blank year allows 29/02; a known one decides. */
      guint max = year != 0 ? g_date_get_days_in_month (month, year)
                            : (month == 2 ? 29 : g_date_get_days_in_month (month, 2000));
      if (day > max)
        {
          g_set_error (error, THIDUA_PLAN_ERROR, THIDUA_PLAN_ERROR_INVALID_DATE,
                       "%02u/%02u%s%.0u does not exist: month %u has %u days",
                       day, month, year ? "/" : "", year, month, max);
          return FALSE;
        }
    }
  return TRUE;
}

/* The model keeps what it is given; callers that must refuse an impossible
 * date check it first with thidua_plan_check_date(). */
void
thidua_plan_set_date (ThiduaPlan *self, guint day, guint month, guint year)
{
  g_return_if_fail (THIDUA_IS_PLAN (self));
  g_object_freeze_notify (G_OBJECT (self));
  if (self->day != day)
    {
      self->day = day;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
    }
  if (self->month != month)
    {
      self->month = month;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH]);
    }
  if (self->year != year)
    {
      self->year = year;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char * const *
thidua_plan_get_recipients (ThiduaPlan *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN (self), NULL);
  return (const char * const *) self->recipients;
}

void
thidua_plan_set_recipients (ThiduaPlan *self, const char * const *lines)
{
  g_autoptr(GPtrArray) next = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (THIDUA_IS_PLAN (self));
  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    g_ptr_array_add (next, normalise (lines[i]));
  g_ptr_array_add (next, NULL);
  if (g_strv_equal ((const char * const *) self->recipients, (const char * const *) next->pdata))
    return;
  g_strfreev (self->recipients);
  self->recipients = (GStrv) g_ptr_array_steal (next, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECIPIENTS]);
}

gint64 thidua_plan_get_created (ThiduaPlan *self) { g_return_val_if_fail (THIDUA_IS_PLAN (self), 0); return self->created; }
gint64 thidua_plan_get_modified (ThiduaPlan *self) { g_return_val_if_fail (THIDUA_IS_PLAN (self), 0); return self->modified; }

void
thidua_plan_set_times (ThiduaPlan *self, gint64 created, gint64 modified)
{
  g_return_if_fail (THIDUA_IS_PLAN (self));
  g_object_freeze_notify (G_OBJECT (self));
  if (self->created != created)
    {
      self->created = created;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
    }
  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* ---- JSON ---------------------------------------------------------- */

static void
add_date_part (JsonBuilder *b, const char *key, guint v)
{
  json_builder_set_member_name (b, key);
  if (v == 0)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, v);
}

JsonNode *
thidua_plan_to_json_node (ThiduaPlan *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(ThiduaBody) body = NULL;

  g_return_val_if_fail (THIDUA_IS_PLAN (self), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, self->id);
  json_builder_set_member_name (b, "profile");
  json_builder_add_string_value (b, thidua_profile_kind_to_string (self->profile));
  for (guint p = PROP_SUPERIOR_BODY; p <= PROP_PLACE; p++)
    {
      json_builder_set_member_name (b, str_keys[p - FIRST_STR]);
      json_builder_add_string_value (b, get_str (self, p));
    }
  json_builder_set_member_name (b, "date");
  json_builder_begin_object (b);
  add_date_part (b, "day", self->day);
  add_date_part (b, "month", self->month);
  add_date_part (b, "year", self->year);
  json_builder_end_object (b);
  for (guint p = PROP_TYPE_NAME; p <= PROP_BODY; p++)
    {
      json_builder_set_member_name (b, str_keys[p - FIRST_STR]);
      json_builder_add_string_value (b, get_str (self, p));
    }

  body = thidua_body_parse (get_str (self, PROP_BODY));
  json_builder_set_member_name (b, "outline");
  json_builder_begin_array (b);
  for (guint i = 0; i < thidua_body_n_outline (body); i++)
    {
      const ThiduaOutlineEntry *e = thidua_body_get_outline (body, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "level");
      json_builder_add_int_value (b, e->level);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, e->label);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, e->title);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "recipients");
  json_builder_begin_array (b);
  for (guint i = 0; self->recipients[i] != NULL; i++)
    json_builder_add_string_value (b, self->recipients[i]);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "signer");
  json_builder_begin_object (b);
  for (guint p = PROP_SIGNER_AUTHORITY; p <= PROP_SIGNER_NAME; p++)
    {
      json_builder_set_member_name (b, str_keys[p - FIRST_STR]);
      json_builder_add_string_value (b, get_str (self, p));
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, get_str (self, PROP_STATUS));
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

char *
thidua_plan_to_json (ThiduaPlan *self, gboolean pretty)
{
  g_autoptr(JsonNode) node = thidua_plan_to_json_node (self);

  /* every control character escaped: json-glib 1.6 leaves U+001F raw */
  return thidua_json_to_data (node, pretty);
}

static gboolean
json_error (GError **error, const char *key, const char *what)
{
  g_set_error (error, THIDUA_PLAN_ERROR, THIDUA_PLAN_ERROR_INVALID_JSON,
               "“%s” %s", key, what);
  return FALSE;
}

/* A missing member is blank; a present one must have the right type. */
static gboolean
read_string (JsonObject *obj, const char *key, const char **out, GError **error)
{
  JsonNode *n = json_object_get_member (obj, key);

  *out = NULL;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return json_error (error, key, "must be a string");
  *out = json_node_get_string (n);
  if (!g_utf8_validate (*out, -1, NULL))
    return json_error (error, key, "is not valid UTF-8");
  return TRUE;
}

static gboolean
read_date_part (JsonObject *obj, const char *key, guint max, guint *out, GError **error)
{
  JsonNode *n = json_object_get_member (obj, key);
  gint64 v;

  *out = 0;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return json_error (error, key, "must be a whole number or null");
  v = json_node_get_int (n);
  if (v < 1 || v > max)
    {
      g_set_error (error, THIDUA_PLAN_ERROR, THIDUA_PLAN_ERROR_INVALID_DATE,
                   "“date.%s” is %" G_GINT64_FORMAT ", outside 1–%u", key, v, max);
      return FALSE;
    }
  *out = (guint) v;
  return TRUE;
}

/* A misspelt key ("subjet") would silently leave a part blank. */
static gboolean
check_keys (JsonObject *obj, const char * const *known, const char *where, GError **error)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        /* json-glib can hand back a key that is not valid UTF-8 (a bad
         * \u escape): the message shows it made valid, at most 40 chars */
        g_autofree char *valid = g_utf8_make_valid (l->data, -1);
        g_autofree char *shown = g_utf8_strlen (valid, -1) > 40 ? g_utf8_substring (valid, 0, 40)
                                                                : g_strdup (valid);

        g_set_error (error, THIDUA_PLAN_ERROR, THIDUA_PLAN_ERROR_INVALID_JSON,
                     "unknown key “%s%s”", where, shown);
        return FALSE;
      }
  return TRUE;
}

static const char * const plan_keys[] = {
  "id", "profile", "superior_body", "issuing_body", "number", "symbol", "place", "date",
  "type_name", "subject", "body", "outline", "recipients", "signer", "status",
  /* sign-off (thidua-lifecycle.h): printed by show --json, ignored on input */
  "code", "replaces", NULL
};
static const char * const date_keys[] = { "day", "month", "year", NULL };
static const char * const signer_keys[] = { "authority", "on_behalf_of", "position", "name", NULL };
/* Statuses this version knows; later workflows add to the list. */
static const char * const statuses[] = { "draft", NULL };

ThiduaPlan *
thidua_plan_new_from_json_node (JsonNode *node, GError **error)
{
  g_autoptr(ThiduaPlan) plan = thidua_plan_new ();
  JsonObject *obj;
  JsonNode *n;
  const char *s;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, THIDUA_PLAN_ERROR, THIDUA_PLAN_ERROR_INVALID_JSON,
                           "a plan must be a JSON object");
      return NULL;
    }
  obj = json_node_get_object (node);
  if (!check_keys (obj, plan_keys, "", error))
    return NULL;

  if (!read_string (obj, "profile", &s, error))
    return NULL;
  if (s != NULL)
    {
      ThiduaProfileKind kind;
      if (!thidua_profile_kind_from_string (s, &kind))
        {
          g_set_error (error, THIDUA_PLAN_ERROR, THIDUA_PLAN_ERROR_INVALID_PROFILE,
                       "“profile” is “%s”; it must be state, party, union, youth or the name of a "
                       "file in data/profiles", s);
          return NULL;
        }
      thidua_plan_set_profile (plan, kind);
    }

  for (guint p = PROP_SUPERIOR_BODY; p <= PROP_BODY; p++)
    {
      if (!read_string (obj, str_keys[p - FIRST_STR], &s, error))
        return NULL;
      /* Layout time grows with the body (about 2 s a megabyte); the longest
       * real plans are under 100 kB. */
      if (s != NULL && p == PROP_BODY && strlen (s) > THIDUA_PLAN_MAX_BODY)
        {
          g_set_error (error, THIDUA_PLAN_ERROR, THIDUA_PLAN_ERROR_INVALID_JSON,
                       "“body” holds %" G_GSIZE_FORMAT " bytes; a plan's body holds at most %d",
                       strlen (s), THIDUA_PLAN_MAX_BODY);
          return NULL;
        }
      if (s != NULL && p == PROP_SYMBOL)
        thidua_plan_set_symbol (plan, s);
      else if (s != NULL)
        set_str (plan, p, s);
    }
  if (!read_string (obj, "status", &s, error))
    return NULL;
  if (s != NULL && *s != '\0')
    {
      if (!g_strv_contains (statuses, s))
        {
          g_set_error (error, THIDUA_PLAN_ERROR, THIDUA_PLAN_ERROR_INVALID_JSON,
                       "“status” is “%s”; it must be draft", s);
          return NULL;
        }
      set_str (plan, PROP_STATUS, s);
    }

  n = json_object_get_member (obj, "date");
  if (n != NULL && !JSON_NODE_HOLDS_NULL (n))
    {
      JsonObject *d;
      guint day, month, year;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        return json_error (error, "date", "must be an object with day, month, year"), NULL;
      d = json_node_get_object (n);
      if (!check_keys (d, date_keys, "date.", error))
        return NULL;
      if (!read_date_part (d, "day", 31, &day, error) ||
          !read_date_part (d, "month", 12, &month, error) ||
          !read_date_part (d, "year", 9999, &year, error) ||
          !thidua_plan_check_date (day, month, year, error))
        return NULL;
      thidua_plan_set_date (plan, day, month, year);
    }

  n = json_object_get_member (obj, "recipients");
  if (n != NULL && !JSON_NODE_HOLDS_NULL (n))
    {
      JsonArray *arr;
      g_autoptr(GPtrArray) lines = g_ptr_array_new ();

      if (!JSON_NODE_HOLDS_ARRAY (n))
        return json_error (error, "recipients", "must be an array of strings"), NULL;
      arr = json_node_get_array (n);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *e = json_array_get_element (arr, i);
          if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING ||
              !g_utf8_validate (json_node_get_string (e), -1, NULL))
            return json_error (error, "recipients", "must be an array of strings"), NULL;
          g_ptr_array_add (lines, (gpointer) json_node_get_string (e));
        }
      g_ptr_array_add (lines, NULL);
      thidua_plan_set_recipients (plan, (const char * const *) lines->pdata);
    }

  n = json_object_get_member (obj, "signer");
  if (n != NULL && !JSON_NODE_HOLDS_NULL (n))
    {
      JsonObject *sg;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        return json_error (error, "signer", "must be an object"), NULL;
      sg = json_node_get_object (n);
      if (!check_keys (sg, signer_keys, "signer.", error))
        return NULL;
      for (guint p = PROP_SIGNER_AUTHORITY; p <= PROP_SIGNER_NAME; p++)
        {
          if (!read_string (sg, str_keys[p - FIRST_STR], &s, error))
            return NULL;
          if (s != NULL)
            set_str (plan, p, s);
        }
    }

  return g_steal_pointer (&plan);
}

ThiduaPlan *
thidua_plan_new_from_json (const char *json, gssize len, GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local = NULL;

  /* Depth, NUL and number checks first: json-glib has none of them. */
  if ((root = thidua_json_parse (json, len, &local)) == NULL)
    {
      g_set_error (error, THIDUA_PLAN_ERROR, THIDUA_PLAN_ERROR_INVALID_JSON, "%s", local->message);
      return NULL;
    }
  return thidua_plan_new_from_json_node (root, error);
}
