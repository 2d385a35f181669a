/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-legal.c — the table of legal documents and the check of a plan's
 * legal bases. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "thidua-legal.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "thidua-paths.h"
#include "thidua-text.h"

/* A legal table is a short list; anything bigger is not ours. */
#define LEGAL_MAX_FILE_BYTES (1024 * 1024)
#define LEGAL_MAX_DOCUMENTS  2000

struct _ThiduaLegalTable
{
  GObject     parent_instance;
  GPtrArray  *documents;   /* ThiduaLegalDocument */
  GHashTable *by_key;      /* key → ThiduaLegalDocument */
  GRegex     *number_re;
};

G_DEFINE_FINAL_TYPE (ThiduaLegalTable, thidua_legal_table, G_TYPE_OBJECT)
G_DEFINE_QUARK (thidua-legal-error-quark, thidua_legal_error)

static void
document_free (ThiduaLegalDocument *d)
{
  g_free (d->number);
  g_free (d->key);
  g_free (d->kind);
  g_free (d->short_name);
  g_free (d->issuer);
  g_free (d->replaced_by);
  g_free (d->note);
  g_strfreev (d->citations);
  g_free (d);
}

void
thidua_legal_finding_free (ThiduaLegalFinding *f)
{
  if (f == NULL)
    return;
  g_free (f->number);
  g_free (f->current);
  g_free (f->message);
  g_free (f);
}

static void
thidua_legal_table_finalize (GObject *object)
{
  ThiduaLegalTable *self = THIDUA_LEGAL_TABLE (object);

  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->number_re, g_regex_unref);
  G_OBJECT_CLASS (thidua_legal_table_parent_class)->finalize (object);
}

static void
thidua_legal_table_class_init (ThiduaLegalTableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = thidua_legal_table_finalize;
}

static void
thidua_legal_table_init (ThiduaLegalTable *self)
{
  self->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) document_free);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  /* 91/2017/NĐ-CP, 06/2022/QH15, 07/2026/TT-BGDĐT, 36-HD/VPTW is not one */
  self->number_re = g_regex_new ("(?<![\\d/])(\\d{1,4})\\s*/\\s*(\\d{4})\\s*/\\s*"
                                 "([\\p{L}\\p{M}\\d]+(?:\\s*-\\s*[\\p{L}\\p{M}\\d]+)*)",
                                 G_REGEX_OPTIMIZE, 0, NULL);
}

/* ---- documents ---- */

const char *
thidua_legal_verification_to_string (ThiduaLegalVerification v)
{
  switch (v)
    {
    case THIDUA_LEGAL_OFFICIAL: return "official";
    case THIDUA_LEGAL_SECONDARY: return "secondary";
    case THIDUA_LEGAL_PRACTICE: return "practice";
    default: return "practice";
    }
}

char *
thidua_legal_document_display (const ThiduaLegalDocument *doc)
{
  if (doc->kind == NULL || *doc->kind == '\0')
    return g_strdup (doc->number);
  return g_strdup_printf ("%s %s", doc->kind, doc->number);
}

gboolean
thidua_legal_document_in_force (const ThiduaLegalDocument *doc, const GDate *date)
{
  if (!g_date_valid (date))
    return TRUE;
  if (g_date_valid (&doc->in_force_from) && g_date_compare (date, &doc->in_force_from) < 0)
    return FALSE;
  if (g_date_valid (&doc->in_force_to) && g_date_compare (date, &doc->in_force_to) > 0)
    return FALSE;
  return TRUE;
}

static char *
key_from_parts (const char *num, const char *year, const char *symbol)
{
  g_autofree char *folded = thidua_text_fold (symbol);
  g_autoptr(GString) sym = g_string_new (NULL);
  guint64 n = g_ascii_strtoull (num, NULL, 10);

  for (const char *p = folded ? folded : ""; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (sym, *p);
  return g_strdup_printf ("%" G_GUINT64_FORMAT "/%s/%s", n, year, sym->str);
}

char *
thidua_legal_number_key (const char *number)
{
  g_auto(GStrv) parts = g_strsplit (number ? number : "", "/", 3);
  g_autofree char *a = NULL, *b = NULL;

  if (g_strv_length (parts) != 3)
    {
      g_autofree char *folded = thidua_text_fold (number ? number : "");
      return g_steal_pointer (&folded);
    }
  a = g_strstrip (g_strdup (parts[0]));
  b = g_strstrip (g_strdup (parts[1]));
  return key_from_parts (a, b, parts[2]);
}

/* ---- loading ---- */

static gboolean
parse_date_member (JsonObject *o, const char *member, const char *number,
                   const char *path, GDate *out, GError **error)
{
  JsonNode *node = json_object_get_member (o, member);
  const char *s;
  int y, m, d;
  char tail;

  g_date_clear (out, 1);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    goto bad;
  s = json_node_get_string (node);
  if (*s == '\0')
    return TRUE;
  if (sscanf (s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3
      || !g_date_valid_dmy (d, m, y))
    goto bad;
  g_date_set_dmy (out, d, m, y);
  return TRUE;

bad:
  g_set_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID,
               _("%s: document “%s”: “%s” is not a date YYYY-MM-DD"), path, number, member);
  return FALSE;
}

static char *
member_nfc (JsonObject *o, const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_utf8_normalize (json_node_get_string (node), -1, G_NORMALIZE_NFC);
}

static JsonNode *
load_json (const char *path, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_set_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID,
                   _("%s: is a symbolic link; not read"), path);
      return NULL;
    }
  if (g_stat (path, &st) == 0 && st.st_size > LEGAL_MAX_FILE_BYTES)
    {
      g_set_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID,
                   _("%s: the file is larger than %d bytes; not read"), path, LEGAL_MAX_FILE_BYTES);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, &local)
      || !json_parser_load_from_data (parser, contents, (gssize) length, &local))
    {
      g_set_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID,
                   "%s: %s", path, local->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID,
                   _("%s: the file must hold one JSON object"), path);
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

/* Fills doc from o; fields o lacks stay as they are (merging). */
static gboolean
read_document (ThiduaLegalDocument *doc, JsonObject *o, const char *path, GError **error)
{
  static const struct { const char *name; gsize offset; } strings[] = {
    { "kind", G_STRUCT_OFFSET (ThiduaLegalDocument, kind) },
    { "short_name", G_STRUCT_OFFSET (ThiduaLegalDocument, short_name) },
    { "issuer", G_STRUCT_OFFSET (ThiduaLegalDocument, issuer) },
    { "note", G_STRUCT_OFFSET (ThiduaLegalDocument, note) },
  };
  static const struct { const char *name; gsize offset; } dates[] = {
    { "date", G_STRUCT_OFFSET (ThiduaLegalDocument, date) },
    { "in_force_from", G_STRUCT_OFFSET (ThiduaLegalDocument, in_force_from) },
    { "in_force_to", G_STRUCT_OFFSET (ThiduaLegalDocument, in_force_to) },
    { "checked", G_STRUCT_OFFSET (ThiduaLegalDocument, checked) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (json_object_has_member (o, strings[i].name))
      {
        char **field = G_STRUCT_MEMBER_P (doc, strings[i].offset);
        g_free (*field);
        *field = member_nfc (o, strings[i].name);
        if (*field == NULL)
          *field = g_strdup ("");
      }
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (json_object_has_member (o, dates[i].name)
        && !parse_date_member (o, dates[i].name, doc->number, path,
                               G_STRUCT_MEMBER_P (doc, dates[i].offset), error))
      return FALSE;
  if (json_object_has_member (o, "replaced_by"))
    {
      g_free (doc->replaced_by);
      doc->replaced_by = member_nfc (o, "replaced_by");
      if (doc->replaced_by == NULL)
        doc->replaced_by = g_strdup ("");
    }
  if (json_object_has_member (o, "verification"))
    {
      g_autofree char *v = member_nfc (o, "verification");
      /* "read" was this level's first name */
      if (g_strcmp0 (v, "official") == 0 || g_strcmp0 (v, "read") == 0)
        doc->verification = THIDUA_LEGAL_OFFICIAL;
      else if (g_strcmp0 (v, "secondary") == 0)
        doc->verification = THIDUA_LEGAL_SECONDARY;
      else if (g_strcmp0 (v, "practice") == 0)
        doc->verification = THIDUA_LEGAL_PRACTICE;
      else
        {
          g_set_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID,
                       _("%s: document “%s”: verification “%s” is not official, secondary or practice"),
                       path, doc->number, v ? v : "");
          return FALSE;
        }
    }
  if (json_object_has_member (o, "citations"))
    {
      JsonNode *node = json_object_get_member (o, "citations");
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID,
                       _("%s: document “%s”: “citations” must be a list of texts"), path, doc->number);
          return FALSE;
        }
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        {
          JsonNode *e = json_array_get_element (json_node_get_array (node), i);
          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING)
            {
              g_autofree char *folded = thidua_text_fold (json_node_get_string (e));
              if (folded != NULL && *folded != '\0')
                g_strv_builder_add (b, folded);
            }
        }
      g_strfreev (doc->citations);
      doc->citations = g_strv_builder_end (b);
    }
  return TRUE;
}

static gboolean
load_file (ThiduaLegalTable *self, const char *path, GError **error)
{
  g_autoptr(JsonNode) root = load_json (path, error);
  JsonNode *list;
  JsonArray *array;

  if (root == NULL)
    return FALSE;
  list = json_object_get_member (json_node_get_object (root), "documents");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID,
                   _("%s: no “documents” list"), path);
      return FALSE;
    }
  array = json_node_get_array (list);
  if (json_array_get_length (array) + self->documents->len > LEGAL_MAX_DOCUMENTS)
    {
      g_set_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID,
                   _("%s: more than %d documents"), path, LEGAL_MAX_DOCUMENTS);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      g_autofree char *number = NULL, *key = NULL;
      ThiduaLegalDocument *doc;
      JsonObject *o;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        {
          g_set_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID,
                       _("%s: document %u is not an object"), path, i + 1);
          return FALSE;
        }
      o = json_node_get_object (e);
      number = member_nfc (o, "number");
      if (number == NULL || *g_strstrip (number) == '\0')
        {
          g_set_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID,
                       _("%s: document %u has no “number”"), path, i + 1);
          return FALSE;
        }
      key = thidua_legal_number_key (number);
      doc = g_hash_table_lookup (self->by_key, key);
      if (doc == NULL)
        {
          doc = g_new0 (ThiduaLegalDocument, 1);
          doc->number = g_steal_pointer (&number);
          doc->key = g_steal_pointer (&key);
          doc->kind = g_strdup ("");
          doc->short_name = g_strdup ("");
          doc->issuer = g_strdup ("");
          doc->replaced_by = g_strdup ("");
          doc->note = g_strdup ("");
          doc->citations = g_new0 (char *, 1);
          doc->verification = THIDUA_LEGAL_PRACTICE;
          g_date_clear (&doc->date, 1);
          g_date_clear (&doc->in_force_from, 1);
          g_date_clear (&doc->in_force_to, 1);
          g_date_clear (&doc->checked, 1);
          g_ptr_array_add (self->documents, doc);
          g_hash_table_insert (self->by_key, doc->key, doc);
        }
      if (!read_document (doc, o, path, error))
        return FALSE;
    }
  return TRUE;
}

static char *
format_date (const GDate *d)
{
  if (!g_date_valid (d))
    return g_strdup ("—");
  return g_strdup_printf ("%02d/%02d/%04d", g_date_get_day (d), g_date_get_month (d),
                          g_date_get_year (d));
}

gboolean
thidua_legal_table_validate (ThiduaLegalTable *self, GError **error)
{
  g_return_val_if_fail (THIDUA_IS_LEGAL_TABLE (self), FALSE);

  for (guint i = 0; i < self->documents->len; i++)
    {
      ThiduaLegalDocument *d = g_ptr_array_index (self->documents, i);
      const ThiduaLegalDocument *next;

      if (g_date_valid (&d->date) && g_date_valid (&d->in_force_from)
          && g_date_compare (&d->date, &d->in_force_from) > 0)
        {
          g_autofree char *a = format_date (&d->date), *b = format_date (&d->in_force_from);
          g_set_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID,
                       _("document “%s”: in force from %s, before its date %s"), d->number, b, a);
          return FALSE;
        }
      if (g_date_valid (&d->in_force_from) && g_date_valid (&d->in_force_to)
          && g_date_compare (&d->in_force_from, &d->in_force_to) > 0)
        {
          g_autofree char *a = format_date (&d->in_force_from), *b = format_date (&d->in_force_to);
          g_set_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID,
                       _("document “%s”: in force to %s, before in force from %s"), d->number, b, a);
          return FALSE;
        }
      if (*d->replaced_by == '\0')
        continue;
      next = thidua_legal_table_lookup (self, d->replaced_by);
      if (next == NULL)
        {
          g_set_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID,
                       _("document “%s”: replaced by “%s”, which is not in the table"),
                       d->number, d->replaced_by);
          return FALSE;
        }
      if (!g_date_valid (&d->in_force_to))
        {
          g_set_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID,
                       _("document “%s”: replaced by “%s” but no “in_force_to”"),
                       d->number, d->replaced_by);
          return FALSE;
        }
      /* Walking the chain more steps than there are documents means a cycle. */
      {
        const ThiduaLegalDocument *walk = d;
        for (guint steps = 0; walk != NULL && *walk->replaced_by != '\0'; steps++)
          {
            if (steps > self->documents->len)
              {
                g_set_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID,
                             _("document “%s”: its “replaced_by” chain comes back to itself"),
                             d->number);
                return FALSE;
              }
            walk = thidua_legal_table_lookup (self, walk->replaced_by);
          }
      }
    }
  return TRUE;
}

ThiduaLegalTable *
thidua_legal_table_new_from_file (const char *path, GError **error)
{
  g_autoptr(ThiduaLegalTable) self = g_object_new (THIDUA_TYPE_LEGAL_TABLE, NULL);

  g_return_val_if_fail (path != NULL, NULL);
  if (!load_file (self, path, error) || !thidua_legal_table_validate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
thidua_legal_table_merge_file (ThiduaLegalTable *self, const char *path, GError **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (THIDUA_IS_LEGAL_TABLE (self), FALSE);
  if (!load_file (self, path, error))
    return FALSE;
  if (!thidua_legal_table_validate (self, &local))
    {
      g_set_error (error, THIDUA_LEGAL_ERROR, THIDUA_LEGAL_ERROR_INVALID,
                   "%s: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}

ThiduaLegalTable *
thidua_legal_table_new_default (GError **error)
{
  g_autofree char *path = thidua_paths_find_data ("legal", "documents.json", NULL);
  g_autofree char *office = g_build_filename (g_get_user_config_dir (), "thidua", "legal.json", NULL);
  g_autoptr(ThiduaLegalTable) self = thidua_legal_table_new_from_file (path, error);

  if (self == NULL)
    return NULL;
  if (g_file_test (office, G_FILE_TEST_EXISTS)
      && !thidua_legal_table_merge_file (self, office, error))
    return NULL;
  return g_steal_pointer (&self);
}

guint
thidua_legal_table_get_n_documents (ThiduaLegalTable *self)
{
  g_return_val_if_fail (THIDUA_IS_LEGAL_TABLE (self), 0);
  return self->documents->len;
}

const ThiduaLegalDocument *
thidua_legal_table_get_document (ThiduaLegalTable *self, guint i)
{
  g_return_val_if_fail (THIDUA_IS_LEGAL_TABLE (self), NULL);
  g_return_val_if_fail (i < self->documents->len, NULL);
  return g_ptr_array_index (self->documents, i);
}

const ThiduaLegalDocument *
thidua_legal_table_lookup (ThiduaLegalTable *self, const char *number)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (THIDUA_IS_LEGAL_TABLE (self), NULL);
  if (number == NULL || *number == '\0')
    return NULL;
  key = thidua_legal_number_key (number);
  return g_hash_table_lookup (self->by_key, key);
}

const ThiduaLegalDocument *
thidua_legal_table_current (ThiduaLegalTable *self, const ThiduaLegalDocument *doc,
                            const GDate *date)
{
  /* validate() rules out cycles; the bound guards a table not validated. */
  for (guint steps = 0; doc != NULL && steps <= self->documents->len; steps++)
    {
      if (thidua_legal_document_in_force (doc, date))
        return doc;
      if (g_date_valid (&doc->in_force_from) && g_date_compare (date, &doc->in_force_from) < 0)
        return NULL;  /* not yet in force: its successors are later still */
      doc = thidua_legal_table_lookup (self, doc->replaced_by);
    }
  return NULL;
}

char *
thidua_legal_resolve_placeholders (ThiduaLegalTable *self, const char *text, const GDate *date)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = text ? text : "";

  for (;;)
    {
      const char *start = strstr (p, "{{van-ban:");
      const char *end;
      g_autofree char *number = NULL;
      const ThiduaLegalDocument *doc, *cur;

      if (start == NULL || (end = strstr (start, "}}")) == NULL)
        break;
      g_string_append_len (out, p, start - p);
      number = g_strndup (start + 10, end - start - 10);
      doc = thidua_legal_table_lookup (self, g_strstrip (number));
      cur = doc ? thidua_legal_table_current (self, doc, date) : NULL;
      if (cur == NULL)
        cur = doc;
      if (cur != NULL)
        {
          /* As a Căn cứ line cites it (Nghị định 30/2020: 0 before a day
           * under 10 and a month under 3): "Nghị định số 152/2025/NĐ-CP
           * ngày 14 tháng 6 năm 2025" */
          if (*cur->kind != '\0')
            g_string_append_printf (out, "%s số ", cur->kind);
          g_string_append (out, cur->number);
          if (g_date_valid (&cur->date))
            g_string_append_printf (out, " ngày %02d tháng %s%d năm %d",
                                    g_date_get_day (&cur->date),
                                    g_date_get_month (&cur->date) < 3 ? "0" : "",
                                    g_date_get_month (&cur->date), g_date_get_year (&cur->date));
        }
      else
        g_string_append (out, number);
      p = end + 2;
    }
  g_string_append (out, p);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- plans ---- */

/* "Căn cứ", "- Căn cứ", "*Căn cứ" … */
static gboolean
is_legal_basis_line (const char *folded)
{
  const char *p = folded;

  while (*p == ' ' || *p == '\t' || *p == '-' || *p == '+' || *p == '*' || *p == '_')
    p++;
  return g_str_has_prefix (p, "can cu ") || g_str_has_prefix (p, "can cu:");
}

static void
add_finding (ThiduaLegalTable *self, GPtrArray *out, GHashTable *seen, int line,
             const ThiduaLegalDocument *doc, const GDate *date)
{
  const ThiduaLegalDocument *cur;
  ThiduaLegalFinding *f;
  g_autofree char *display = NULL;

  if (thidua_legal_document_in_force (doc, date) || !g_hash_table_add (seen, doc->key))
    return;
  cur = thidua_legal_table_current (self, doc, date);
  display = thidua_legal_document_display (doc);
  f = g_new0 (ThiduaLegalFinding, 1);
  f->line = line;
  f->number = g_strdup (doc->number);
  if (g_date_valid (&doc->in_force_from) && g_date_compare (date, &doc->in_force_from) < 0)
    {
      g_autofree char *from = format_date (&doc->in_force_from);
      f->message = g_strdup_printf (_("%s is not yet in force on the plan's date (in force from %s)"),
                                    display, from);
    }
  else if (cur != NULL)
    {
      g_autofree char *current = thidua_legal_document_display (cur);
      f->current = g_strdup (cur->number);
      f->message = g_strdup_printf (_("%s is no longer in force on the plan's date; replaced by: %s"),
                                    display, current);
    }
  else
    f->message = g_strdup_printf (_("%s is no longer in force on the plan's date"), display);
  g_ptr_array_add (out, f);
}

GPtrArray *
thidua_legal_check_body (ThiduaLegalTable *self, const char *body, const GDate *date)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_legal_finding_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (THIDUA_IS_LEGAL_TABLE (self), out);
  if (body == NULL || date == NULL || !g_date_valid (date))
    return out;
  lines = g_strsplit (body, "\n", -1);
  for (int i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *folded = NULL;
      g_autoptr(GMatchInfo) match = NULL;
      const char *p = lines[i];

      /* Only lines starting with "C" (after bullets) can be "Căn cứ": the
       * check runs on every re-layout, so the rest is not folded. */
      while (*p == ' ' || *p == '\t' || *p == '-' || *p == '+' || *p == '*' || *p == '_')
        p++;
      if (*p != 'C' && *p != 'c')
        continue;
      folded = thidua_text_fold (lines[i]);
      if (folded == NULL || !is_legal_basis_line (folded))
        continue;
      g_regex_match (self->number_re, lines[i], 0, &match);
      while (g_match_info_matches (match))
        {
          g_autofree char *num = g_match_info_fetch (match, 1);
          g_autofree char *year = g_match_info_fetch (match, 2);
          g_autofree char *sym = g_match_info_fetch (match, 3);
          g_autofree char *key = key_from_parts (num, year, sym);
          const ThiduaLegalDocument *doc = g_hash_table_lookup (self->by_key, key);

          if (doc != NULL)
            add_finding (self, out, seen, i, doc, date);
          g_match_info_next (match, NULL);
        }
      /* Texts cited by name and date ("Luật … ngày 26 tháng 11 năm 2003"). */
      for (guint d = 0; d < self->documents->len; d++)
        {
          ThiduaLegalDocument *doc = g_ptr_array_index (self->documents, d);
          for (guint c = 0; doc->citations[c] != NULL; c++)
            if (strstr (folded, doc->citations[c]) != NULL)
              {
                add_finding (self, out, seen, i, doc, date);
                break;
              }
        }
    }
  return out;
}

void
thidua_legal_plan_date (ThiduaPlan *plan, GDate *out)
{
  guint y = thidua_plan_get_year (plan);
  guint m = thidua_plan_get_month (plan);
  guint d = thidua_plan_get_day (plan);

  g_date_clear (out, 1);
  if (y == 0 || y > 9999)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_date_set_dmy (out, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
      return;
    }
  if (m < 1 || m > 12)
    m = 1;
  if (d < 1 || !g_date_valid_dmy (d, m, y))
    d = 1;
  g_date_set_dmy (out, d, m, y);
}

GPtrArray *
thidua_legal_check_plan (ThiduaLegalTable *self, ThiduaPlan *plan)
{
  GDate date;

  thidua_legal_plan_date (plan, &date);
  return thidua_legal_check_body (self, thidua_plan_get_body (plan), &date);
}
