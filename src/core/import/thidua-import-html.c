/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-import-html.c — see thidua-import-html.h. */
#include "config.h"
#include "thidua-import-html.h"
#include "thidua-import.h"

#include <string.h>

#define MAX_TABLE_DEPTH 16
#define MAX_LIST_DEPTH  32

typedef struct {
  GPtrArray *rows;      /* of GPtrArray of GString (cells) */
} Table;

typedef struct {
  GString   *doc;
  GPtrArray *tables;    /* open tables, innermost last */
  guint      ignored;   /* deeper tables read as lines */
  int        lists[MAX_LIST_DEPTH];   /* next number, or -1 for <ul> */
  guint      n_lists;
  gboolean   pre;
} Reader;

static void
table_free (Table *t)
{
  g_ptr_array_unref (t->rows);
  g_free (t);
}

static void
string_free (gpointer s)
{
  g_string_free (s, TRUE);
}

/* Where text goes now: the open cell of the innermost table, else the
 * document. */
static GString *
sink (Reader *r)
{
  Table *t;
  GPtrArray *row;

  if (r->tables->len == 0)
    return r->doc;
  t = g_ptr_array_index (r->tables, r->tables->len - 1);
  if (t->rows->len == 0)
    g_ptr_array_add (t->rows, g_ptr_array_new_with_free_func (string_free));
  row = g_ptr_array_index (t->rows, t->rows->len - 1);
  if (row->len == 0)
    g_ptr_array_add (row, g_string_new (NULL));
  return g_ptr_array_index (row, row->len - 1);
}

/* Whether the innermost table has a cell open to take text. */
static gboolean
cell_open (Reader *r)
{
  Table *t;

  if (r->tables->len == 0)
    return TRUE;
  t = g_ptr_array_index (r->tables, r->tables->len - 1);
  return t->rows->len > 0 && ((GPtrArray *) g_ptr_array_index (t->rows, t->rows->len - 1))->len > 0;
}

static void
end_line (Reader *r)
{
  GString *s;

  if (!cell_open (r))
    return;
  s = sink (r);

  while (s->len > 0 && s->str[s->len - 1] == ' ')
    g_string_truncate (s, s->len - 1);
  if (s->len > 0 && s->str[s->len - 1] != '\n')
    g_string_append_c (s, '\n');
}

static void
add_text (Reader *r, const char *text)
{
  GString *s;
  gboolean blank = TRUE;

  for (const char *p = text; *p != '\0' && blank; p++)
    blank = g_ascii_isspace (*p);
  /* white space between a table's tags is no cell */
  if (*text == '\0' || (blank && !cell_open (r)))
    return;
  s = sink (r);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean at_line_start = s->len == 0 || s->str[s->len - 1] == '\n';

      if (!r->pre && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'))
        {
          if (!at_line_start && s->str[s->len - 1] != ' ')
            g_string_append_c (s, ' ');
          continue;
        }
      if (c == 0x00A0)
        c = ' ';
      if (c == ' ' && at_line_start && !r->pre)
        continue;
      g_string_append_unichar (s, c);
    }
}

/* A table as lines: each row's cells side by side, line by line. */
static void
close_table (Reader *r)
{
  Table *t = g_ptr_array_steal_index (r->tables, r->tables->len - 1);
  GString *out;

  end_line (r);
  out = sink (r);
  for (guint i = 0; i < t->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, i);
      g_autoptr(GPtrArray) split = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      guint height = 0, last = 0;

      for (guint c = 0; c < row->len; c++)
        {
          GString *cell = g_ptr_array_index (row, c);
          char **lines;

          g_strstrip (cell->str);
          cell->len = strlen (cell->str);
          lines = g_strsplit (cell->str, "\n", -1);
          g_ptr_array_add (split, lines);
          height = MAX (height, g_strv_length (lines));
          if (cell->len > 0)
            last = c + 1;
        }
      for (guint k = 0; k < height && last > 0; k++)
        {
          for (guint c = 0; c < last; c++)
            {
              char **lines = g_ptr_array_index (split, c);
              g_autofree char *text = g_strdup (k < g_strv_length (lines) ? lines[k] : "");

              if (c > 0)
                g_string_append_c (out, '\t');
              g_string_append (out, g_strstrip (text));
            }
          g_string_append_c (out, '\n');
        }
    }
  table_free (t);
}

static gboolean
tag_is (const char *name, const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char * const block_tags[] = {
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "br", "blockquote", "section", "article",
  "header", "footer", "address", "center", "hr", "dt", "dd", "dl", "body", "html", "caption", NULL,
};

/* The value of attribute name in a start tag's text, or -1. */
static int
int_attribute (const char *attrs, const char *name)
{
  g_autofree char *pattern = NULL;
  g_autoptr(GRegex) re = NULL;
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *value = NULL;
  g_autofree char *lower = g_ascii_strdown (attrs, -1);

  if (strstr (lower, name) == NULL)
    return -1;
  pattern = g_strdup_printf ("\\b%s\\s*=\\s*[\"']?([0-9]{1,6})", name);
  re = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);
  if (re == NULL || !g_regex_match (re, attrs, 0, &m))
    return -1;
  value = g_match_info_fetch (m, 1);
  return (int) g_ascii_strtoll (value, NULL, 10);
}

static void
handle_tag (Reader *r, const char *name, gboolean closing, const char *attrs)
{
  Table *t = r->tables->len > 0 ? g_ptr_array_index (r->tables, r->tables->len - 1) : NULL;

  if (g_ascii_strcasecmp (name, "table") == 0)
    {
      if (!closing)
        {
          if (r->tables->len >= MAX_TABLE_DEPTH)
            {
              r->ignored++;
              end_line (r);
              return;
            }
          end_line (r);
          t = g_new0 (Table, 1);
          t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
          g_ptr_array_add (r->tables, t);
        }
      else if (r->ignored > 0)
        {
          r->ignored--;
          end_line (r);
        }
      else if (t != NULL)
        close_table (r);
      return;
    }
  if (g_ascii_strcasecmp (name, "tr") == 0)
    {
      if (t != NULL && r->ignored == 0 && !closing)
        g_ptr_array_add (t->rows, g_ptr_array_new_with_free_func (string_free));
      else
        end_line (r);
      return;
    }
  if (g_ascii_strcasecmp (name, "td") == 0 || g_ascii_strcasecmp (name, "th") == 0)
    {
      if (t != NULL && r->ignored == 0)
        {
          if (!closing)
            {
              GPtrArray *row;

              if (t->rows->len == 0)
                g_ptr_array_add (t->rows, g_ptr_array_new_with_free_func (string_free));
              row = g_ptr_array_index (t->rows, t->rows->len - 1);
              g_ptr_array_add (row, g_string_new (NULL));
            }
        }
      else if (!closing)
        add_text (r, " ");
      return;
    }
  if (g_ascii_strcasecmp (name, "ol") == 0 || g_ascii_strcasecmp (name, "ul") == 0)
    {
      end_line (r);
      if (!closing && r->n_lists < MAX_LIST_DEPTH)
        {
          int start = int_attribute (attrs, "start");

          r->lists[r->n_lists++] = g_ascii_strcasecmp (name, "ul") == 0 ? -1 : MAX (start, 1);
        }
      else if (closing && r->n_lists > 0)
        r->n_lists--;
      return;
    }
  if (g_ascii_strcasecmp (name, "li") == 0)
    {
      end_line (r);
      if (!closing && r->n_lists > 0)
        {
          int *next = &r->lists[r->n_lists - 1];
          int value = int_attribute (attrs, "value");
          g_autofree char *label = NULL;

          if (*next < 0)
            label = g_strdup ("- ");
          else
            {
              if (value > 0)
                *next = value;
              label = g_strdup_printf ("%d. ", (*next)++);
            }
          g_string_append (sink (r), label);
        }
      else if (!closing)
        g_string_append (sink (r), "- ");
      return;
    }
  if (g_ascii_strcasecmp (name, "pre") == 0)
    {
      end_line (r);
      r->pre = !closing;
      return;
    }
  if (tag_is (name, block_tags))
    end_line (r);
}

static const struct { const char *name; const char *text; } entities[] = {
  { "nbsp", " " }, { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" },
  { "apos", "'" }, { "ndash", "–" }, { "mdash", "—" }, { "hellip", "…" }, { "ldquo", "“" },
  { "rdquo", "”" }, { "lsquo", "‘" }, { "rsquo", "’" }, { "bull", "•" }, { "middot", "·" },
  { "laquo", "«" }, { "raquo", "»" }, { "shy", "" }, { "zwnj", "" }, { "zwj", "" },
};

/* Decodes the entity at p ('&'); returns the bytes consumed, 0 when none. */
static gsize
decode_entity (const char *p, const char *end, GString *out)
{
  const char *semi = memchr (p, ';', MIN ((gsize) (end - p), 12));
  g_autofree char *name = NULL;

  if (semi == NULL)
    return 0;
  name = g_strndup (p + 1, semi - p - 1);
  if (name[0] == '#')
    {
      gunichar c = name[1] == 'x' || name[1] == 'X' ? g_ascii_strtoull (name + 2, NULL, 16)
                                                    : g_ascii_strtoull (name + 1, NULL, 10);

      if (c == 0xA0)
        c = ' ';
      if (c == 0 || !g_unichar_validate (c))
        c = 0xFFFD;
      g_string_append_unichar (out, c);
      return semi - p + 1;
    }
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strcmp (name, entities[i].name) == 0)
      {
        g_string_append (out, entities[i].text);
        return semi - p + 1;
      }
  return 0;
}

/* Skips to just after the first occurrence of needle (case-insensitive). */
static const char *
skip_past (const char *p, const char *end, const char *needle)
{
  gsize n = strlen (needle);

  for (; p + n <= end; p++)
    if (g_ascii_strncasecmp (p, needle, n) == 0)
      return p + n;
  return end;
}

char *
thidua_import_html_to_text (const char *html, gssize len)
{
  Reader r = { 0 };
  g_autofree char *valid = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *p, *end;

  if (html == NULL)
    return g_strdup ("");
  if (len < 0)
    len = strlen (html);
  len = MIN ((gsize) len, (gsize) THIDUA_IMPORT_MAX_SIZE);
  valid = g_utf8_make_valid (html, len);
  p = valid;
  end = valid + strlen (valid);
  r.doc = g_string_new (NULL);
  r.tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);

  while (p < end)
    {
      if (*p == '&')
        {
          gsize used = decode_entity (p, end, text);

          if (used > 0)
            {
              p += used;
              continue;
            }
          g_string_append_c (text, *p++);
          continue;
        }
      if (*p != '<')
        {
          g_string_append_c (text, *p++);
          continue;
        }
      /* a tag, a comment or a declaration: the text before it first */
      add_text (&r, text->str);
      g_string_truncate (text, 0);
      if (g_str_has_prefix (p, "<!--"))
        {
          p = skip_past (p + 4, end, "-->");
          continue;
        }
      if (p[1] == '!' || p[1] == '?')
        {
          /* <!DOCTYPE>, and Word's <![if !supportLists]> around list labels:
           * the marker goes, what it holds stays */
          const char *close = memchr (p, '>', end - p);
          p = close != NULL ? close + 1 : end;
          continue;
        }
      {
        gboolean closing = p[1] == '/';
        const char *q = p + (closing ? 2 : 1);
        const char *name_end = q;
        const char *tag_end;
        g_autofree char *name = NULL;
        g_autofree char *attrs = NULL;

        while (name_end < end && (g_ascii_isalnum (*name_end) || *name_end == ':'))
          name_end++;
        if (name_end == q)
          {
            /* a lone "<" is text */
            g_string_append_c (text, *p++);
            continue;
          }
        tag_end = memchr (name_end, '>', end - name_end);
        tag_end = tag_end != NULL ? tag_end : end;
        name = g_strndup (q, name_end - q);
        attrs = g_strndup (name_end, tag_end - name_end);
        p = tag_end < end ? tag_end + 1 : end;
        if (!closing && (g_ascii_strcasecmp (name, "head") == 0 || g_ascii_strcasecmp (name, "style") == 0
                         || g_ascii_strcasecmp (name, "script") == 0 || g_ascii_strcasecmp (name, "title") == 0))
          {
            g_autofree char *close_tag = g_strdup_printf ("</%s", name);

            p = skip_past (p, end, close_tag);
            p = memchr (p, '>', end - p) ? (const char *) memchr (p, '>', end - p) + 1 : end;
            continue;
          }
        handle_tag (&r, name, closing, attrs);
      }
    }
  add_text (&r, text->str);
  while (r.tables->len > 0)
    close_table (&r);
  end_line (&r);

  g_ptr_array_unref (r.tables);
  return g_string_free (r.doc, FALSE);
}
