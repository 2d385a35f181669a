/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-json.c — depth, NUL and number checks before json-glib parses. */
#include "config.h"
#include "thidua-json.h"
#include "thidua-input.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

G_DEFINE_QUARK (thidua-json-error-quark, thidua_json_error)

typedef struct {
  char     kind;       /* '{' or '[' */
  gboolean want_key;   /* object: the next string is a key */
  GString *key;        /* object: the current key */
  guint    index;      /* array: the current element */
} Frame;

/* "date.day", "recipients[2]", "[0].min" */
static char *
path_of (GArray *stack)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < stack->len; i++)
    {
      Frame *f = &g_array_index (stack, Frame, i);
      if (f->kind == '[')
        g_string_append_printf (s, "[%u]", f->index);
      else if (f->key->len > 0)
        {
          /* a message shows the key: valid UTF-8, at most 40 characters */
          g_autofree char *valid = g_utf8_make_valid (f->key->str, MIN (f->key->len, 160));

          if (s->len > 0)
            g_string_append_c (s, '.');
          if (g_utf8_strlen (valid, -1) > 40)
            {
              g_autofree char *cut = g_utf8_substring (valid, 0, 40);
              g_string_append_printf (s, "%s…", cut);
            }
          else
            g_string_append (s, valid);
        }
    }
  return g_string_free (s, FALSE);
}

static void
clear_frame (gpointer p)
{
  Frame *f = p;
  if (f->key)
    g_string_free (f->key, TRUE);
}

/* "-123": an optional minus, then digits only */
static gboolean
is_integer (const char *text)
{
  const char *digits = text + (text[0] == '-');

  return digits[0] != '\0' && strspn (digits, "0123456789") == strlen (digits);
}

gboolean
thidua_json_check (const char *data, gsize len, GError **error)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  gsize i = 0;

  g_array_set_clear_func (stack, clear_frame);
  while (i < len)
    {
      char c = data[i];
      Frame *top = stack->len ? &g_array_index (stack, Frame, stack->len - 1) : NULL;

      if (c == '\0')
        {
          g_autofree char *where = path_of (stack);
          g_set_error (error, THIDUA_JSON_ERROR, THIDUA_JSON_ERROR_NUL,
                       _("the text holds a NUL byte (after “%s”)"), where);
          return FALSE;
        }
      if (c == '{' || c == '[')
        {
          Frame f = { c, c == '{', c == '{' ? g_string_new (NULL) : NULL, 0 };

          if (stack->len >= THIDUA_JSON_MAX_DEPTH)
            {
              clear_frame (&f);
              g_set_error (error, THIDUA_JSON_ERROR, THIDUA_JSON_ERROR_DEPTH,
                           _("nested deeper than %d levels"), THIDUA_JSON_MAX_DEPTH);
              return FALSE;
            }
          g_array_append_val (stack, f);
          i++;
        }
      else if (c == '}' || c == ']')
        {
          if (stack->len > 0)
            g_array_set_size (stack, stack->len - 1);
          i++;
        }
      else if (c == ',')
        {
          if (top && top->kind == '[')
            top->index++;
          else if (top)
            top->want_key = TRUE;
          i++;
        }
      else if (c == ':')
        {
          if (top && top->kind == '{')
            top->want_key = FALSE;
          i++;
        }
      else if (c == '"')
        {
          gboolean is_key = top && top->kind == '{' && top->want_key;
          gsize start = ++i;
          gboolean nul = FALSE;

          while (i < len && data[i] != '"')
            {
              if (data[i] == '\0')
                nul = TRUE;
              if (data[i] == '\\' && i + 1 < len)
                {
                  if (data[i + 1] == 'u' && i + 5 < len && strncmp (data + i + 2, "0000", 4) == 0)
                    nul = TRUE;
                  i++;
                }
              i++;
            }
          if (is_key)
            {
              g_string_truncate (top->key, 0);
              g_string_append_len (top->key, data + start, MIN (i, len) - start);
            }
          if (nul)
            {
              g_autofree char *where = path_of (stack);
              if (is_key)
                g_set_error (error, THIDUA_JSON_ERROR, THIDUA_JSON_ERROR_NUL,
                             _("a key holds a NUL character (\\u0000)"));
              else
                g_set_error (error, THIDUA_JSON_ERROR, THIDUA_JSON_ERROR_NUL,
                             _("“%s” holds a NUL character (\\u0000), which would cut the text"),
                             where);
              return FALSE;
            }
          i++;
        }
      else if (c == '-' || (c >= '0' && c <= '9'))
        {
          gsize start = i;
          gboolean whole = TRUE;
          g_autofree char *text = NULL;

          while (i < len && strchr ("+-0123456789.eE", data[i]) != NULL)
            {
              if (data[i] == '.' || data[i] == 'e' || data[i] == 'E')
                whole = FALSE;
              i++;
            }
          text = g_strndup (data + start, i - start);
          /* a malformed number is json-glib's to report; one that is well
           * formed but does not fit is refused here, as written */
          if (whole ? is_integer (text)
                      && !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, NULL, NULL)
                    : isinf (g_ascii_strtod (text, NULL)))
            {
              g_autofree char *where = path_of (stack);
              g_set_error (error, THIDUA_JSON_ERROR, THIDUA_JSON_ERROR_NUMBER,
                           _("“%s” is %s, a number too large to read"), where, text);
              return FALSE;
            }
        }
      else
        i++;
    }
  return TRUE;
}

JsonNode *
thidua_json_parse (const char *data, gssize len, GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  gsize n, blank;

  g_return_val_if_fail (data != NULL, NULL);

  n = len < 0 ? strlen (data) : (gsize) len;
  if (!thidua_json_check (data, n, error))
    return NULL;
  /* blank: only white space in the N bytes (DATA need not end in NUL) */
  for (blank = 0; blank < n && strchr (" \t\r\n", data[blank]) != NULL && data[blank] != '\0'; blank++)
    ;
  if (blank == n)
    {
      g_set_error (error, THIDUA_JSON_ERROR, THIDUA_JSON_ERROR_SYNTAX, _("the file is empty"));
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) n, &local))
    {
      /* json-glib says "<data>:L:C: Parse error: …"; say it in words. */
      g_autoptr(GRegex) re = g_regex_new ("^[^:]*:(\\d+):(\\d+): *(?:Parse error: *)?(.*)$",
                                          G_REGEX_DOTALL, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      /* json-glib quotes the bad string as it was, cut inside a character */
      g_autofree char *message = g_utf8_make_valid (local->message, -1);

      if (g_regex_match (re, message, 0, &match))
        {
          g_autofree char *line = g_match_info_fetch (match, 1);
          g_autofree char *column = g_match_info_fetch (match, 2);
          g_autofree char *what = g_match_info_fetch (match, 3);
          g_set_error (error, THIDUA_JSON_ERROR, THIDUA_JSON_ERROR_SYNTAX,
                       _("line %s, column %s: %s"), line, column, what);
        }
      else
        g_set_error (error, THIDUA_JSON_ERROR, THIDUA_JSON_ERROR_SYNTAX, "%s", message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, THIDUA_JSON_ERROR, THIDUA_JSON_ERROR_SYNTAX, _("the file is empty"));
      return NULL;
    }
  return json_parser_steal_root (parser);
}

JsonNode *
thidua_json_load_file (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local = NULL;
  gsize len = 0;
  JsonNode *root;

  if (!thidua_input_read (path, THIDUA_INPUT_MAX_JSON, &data, &len, error))
    return NULL;
  if ((root = thidua_json_parse (data, (gssize) len, &local)) == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, local->domain, local->code, "%s: %s", display, local->message);
    }
  return root;
}

static gboolean
type_error (GError **error, const char *where, const char *key, const char *what)
{
  g_set_error (error, THIDUA_JSON_ERROR, THIDUA_JSON_ERROR_TYPE,
               _("“%s%s” must be %s"), where ? where : "", key, what);
  return FALSE;
}

gboolean
thidua_json_member_string (JsonObject *obj, const char *where, const char *key,
                           const char **out, GError **error)
{
  JsonNode *n = json_object_get_member (obj, key);

  *out = NULL;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return type_error (error, where, key, _("a string"));
  *out = json_node_get_string (n);
  if (!g_utf8_validate (*out, -1, NULL))
    return type_error (error, where, key, _("valid UTF-8 text"));
  return TRUE;
}

gboolean
thidua_json_member_int (JsonObject *obj, const char *where, const char *key,
                        gint64 *out, gboolean *present, GError **error)
{
  JsonNode *n = json_object_get_member (obj, key);

  *out = 0;
  if (present)
    *present = FALSE;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return type_error (error, where, key, _("a whole number or null"));
  *out = json_node_get_int (n);
  if (present)
    *present = TRUE;
  return TRUE;
}

gboolean
thidua_json_member_number (JsonObject *obj, const char *where, const char *key,
                           double *out, gboolean *present, GError **error)
{
  JsonNode *n = json_object_get_member (obj, key);
  GType t;

  *out = 0;
  if (present)
    *present = FALSE;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  t = JSON_NODE_HOLDS_VALUE (n) ? json_node_get_value_type (n) : G_TYPE_INVALID;
  if (t != G_TYPE_INT64 && t != G_TYPE_DOUBLE)
    return type_error (error, where, key, _("a number or null"));
  *out = t == G_TYPE_INT64 ? (double) json_node_get_int (n) : json_node_get_double (n);
  if (present)
    *present = TRUE;
  return TRUE;
}

char *
thidua_json_to_data (JsonNode *node, gboolean pretty)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *raw = NULL;
  GString *out;
  gboolean in_string = FALSE;

  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, pretty);
  json_generator_set_indent (gen, 2);
  raw = json_generator_to_data (gen, NULL);
  out = g_string_sized_new (strlen (raw) + 16);
  for (const char *p = raw; *p; p++)
    {
      guchar c = (guchar) *p;

      if (in_string && c == '\\' && p[1] != '\0')
        {
          g_string_append_c (out, *p++);
          g_string_append_c (out, *p);
          continue;
        }
      if (c == '"')
        in_string = !in_string;
      if (in_string && c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}
