/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-import.c — plain text to a plan.
 *
 * The text is read in four zones, each found by what a reader looks for:
 *   header   every line before the type name line ("KẾ HOẠCH").  Text
 *            extraction leaves the two header columns interleaved, one
 *            after the other or side by side with tabs, so each piece is
 *            classified by what it says, never by where it is;
 *   title    the type name and the subject, which runs on (over line breaks
 *            and blank lines) up to a separator or the first body paragraph;
 *   closing  "Nơi nhận:" and its "- " lines, and the signature block;
 *   body     what lies between, in the body markup (kept as written, with
 *            blank lines collapsed and paragraphs split by extraction
 *            joined back).
 */
#include "config.h"
#include "thidua-import.h"
#include "thidua-input.h"
#include "thidua-paths.h"
#include "thidua-text.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

G_DEFINE_QUARK (thidua-import-error-quark, thidua_import_error)

/* --- what the recogniser knows (data/import/recognition.json) ----------- */

/* Lists from the data file, in the forms they are compared in. */
typedef struct {
  GPtrArray  *heading_compact;   /* fold_compact of each heading */
  GPtrArray  *heading_profile;   /* its profile's name */
  GPtrArray  *heading_text;      /* as written, NFC */
  GPtrArray  *word_profile;      /* body_words: profile name … */
  GPtrArray  *word_fold;         /* … and folded word, pairwise */
  GPtrArray  *bodies;            /* fold_compact of known body names */
  GPtrArray  *localities;        /* upper case, NFC */
  GPtrArray  *org_words;         /* upper case, NFC */
  GPtrArray  *conjunctions;      /* upper case, NFC */
  GPtrArray  *preamble_keys;     /* folded */
  GPtrArray  *positions;         /* upper case, NFC, longest first */
  GHashTable *type_codes;        /* code as written → type name */
} Rules;

#define MAX_RULES_FILE (256 * 1024)

static char *fold_compact (const char *s);

static char *
nfc_upper (const char *s)
{
  g_autofree char *nfc = g_utf8_normalize (s, -1, G_NORMALIZE_NFC);

  return g_utf8_strup (nfc, -1);
}

static void
rules_add_strings (JsonObject *root, const char *member, GPtrArray *to, char *(*conv) (const char *))
{
  JsonNode *node = json_object_get_member (root, member);
  JsonArray *a;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  a = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (a) && i < 4096; i++)
    {
      JsonNode *e = json_array_get_element (a, i);

      if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING
          && g_utf8_validate (json_node_get_string (e), -1, NULL))
        g_ptr_array_add (to, conv (json_node_get_string (e)));
    }
}

static char *
fold_word (const char *s)
{
  return thidua_text_fold (s);
}

/* Adds what a recognition file says to rules; a missing or broken file
 * adds nothing (the recogniser then knows less, and says nothing). */
static void
rules_add_file (Rules *rules, const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *contents = NULL;
  gsize len = 0;
  JsonObject *root;
  JsonNode *node;

  if (path == NULL || g_file_test (path, G_FILE_TEST_IS_SYMLINK)
      || !g_file_get_contents (path, &contents, &len, NULL) || len > MAX_RULES_FILE
      || !json_parser_load_from_data (parser, contents, len, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      if (contents != NULL)
        g_debug ("%s: not a recognition file; left out", path);
      return;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  node = json_object_get_member (root, "headings");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (a) && i < 256; i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
          const char *text = o ? json_object_get_string_member_with_default (o, "text", NULL) : NULL;
          const char *profile = o ? json_object_get_string_member_with_default (o, "profile", NULL) : NULL;

          if (text != NULL && profile != NULL && g_utf8_validate (text, -1, NULL)
              && g_utf8_validate (profile, -1, NULL))
            {
              g_ptr_array_add (rules->heading_compact, fold_compact (text));
              g_ptr_array_add (rules->heading_profile, g_strdup (profile));
              g_ptr_array_add (rules->heading_text, g_utf8_normalize (text, -1, G_NORMALIZE_NFC));
            }
        }
    }
  node = json_object_get_member (root, "body_words");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (a) && i < 64; i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
          const char *profile = o ? json_object_get_string_member_with_default (o, "profile", NULL) : NULL;
          g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

          if (profile == NULL || !g_utf8_validate (profile, -1, NULL))
            continue;
          rules_add_strings (o, "words", words, fold_word);
          for (guint w = 0; w < words->len; w++)
            {
              g_ptr_array_add (rules->word_profile, g_strdup (profile));
              g_ptr_array_add (rules->word_fold, g_strdup (g_ptr_array_index (words, w)));
            }
        }
    }
  rules_add_strings (root, "bodies", rules->bodies, fold_compact);
  rules_add_strings (root, "localities", rules->localities, nfc_upper);
  rules_add_strings (root, "organisation_words", rules->org_words, nfc_upper);
  rules_add_strings (root, "conjunctions", rules->conjunctions, nfc_upper);
  rules_add_strings (root, "preamble_keys", rules->preamble_keys, fold_word);
  rules_add_strings (root, "positions", rules->positions, nfc_upper);

  node = json_object_get_member (root, "type_codes");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (o);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *name = json_object_get_string_member_with_default (o, l->data, NULL);

          if (name != NULL && g_utf8_validate (l->data, -1, NULL) && g_utf8_validate (name, -1, NULL))
            g_hash_table_insert (rules->type_codes, g_utf8_normalize (l->data, -1, G_NORMALIZE_NFC),
                                 g_utf8_normalize (name, -1, G_NORMALIZE_NFC));
        }
    }
}

static gint
longer_first (gconstpointer a, gconstpointer b)
{
  return (int) strlen (*(char **) b) - (int) strlen (*(char **) a);
}

/* Read once: the file of the program's data, then the office's own. */
static gpointer
rules_load (gpointer data)
{
  Rules *rules = g_new0 (Rules, 1);
  g_autofree char *builtin = NULL;
  g_autofree char *office = g_build_filename (g_get_user_config_dir (), "thidua", "recognition.json",
                                              NULL);

  rules->heading_compact = g_ptr_array_new_with_free_func (g_free);
  rules->heading_profile = g_ptr_array_new_with_free_func (g_free);
  rules->heading_text = g_ptr_array_new_with_free_func (g_free);
  rules->word_profile = g_ptr_array_new_with_free_func (g_free);
  rules->word_fold = g_ptr_array_new_with_free_func (g_free);
  rules->bodies = g_ptr_array_new_with_free_func (g_free);
  rules->localities = g_ptr_array_new_with_free_func (g_free);
  rules->org_words = g_ptr_array_new_with_free_func (g_free);
  rules->conjunctions = g_ptr_array_new_with_free_func (g_free);
  rules->preamble_keys = g_ptr_array_new_with_free_func (g_free);
  rules->positions = g_ptr_array_new_with_free_func (g_free);
  rules->type_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  builtin = thidua_paths_find_data ("import", "recognition.json", NULL);
  rules_add_file (rules, builtin);
  if (rules->heading_compact->len == 0)
    {
      /* no data file (a program moved out of its tree): at least the
       * headings every plan shows, as before there was a file */
      static const char * const headings[][2] = {
        { "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "state" }, { "Độc lập - Tự do - Hạnh phúc", "state" },
        { "ĐẢNG CỘNG SẢN VIỆT NAM", "party" }, { "ĐOÀN TNCS HỒ CHÍ MINH", "youth" },
      };

      g_debug ("%s: no recognition data; the built-in headings only", builtin);
      for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
        {
          g_ptr_array_add (rules->heading_compact, fold_compact (headings[i][0]));
          g_ptr_array_add (rules->heading_profile, g_strdup (headings[i][1]));
          g_ptr_array_add (rules->heading_text, g_strdup (headings[i][0]));
        }
    }
  rules_add_file (rules, office);
  g_ptr_array_sort (rules->positions, longer_first);
  return rules;
}

static const Rules *
rules_get (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, rules_load, NULL);
}

static gboolean
in_list (GPtrArray *list, const char *s)
{
  for (guint i = 0; i < list->len; i++)
    if (strcmp (g_ptr_array_index (list, i), s) == 0)
      return TRUE;
  return FALSE;
}

typedef struct {
  char  *text;      /* stripped of white space at both ends */
  guint  number;    /* 1-based line in the source */
} Line;

typedef struct {
  GPtrArray  *warnings;       /* may be NULL */
  GArray     *lines;          /* of Line */
  ThiduaPlan *plan;
  GRegex     *number_re;
  GRegex     *date_re;
  GRegex     *authority_re;

  /* what the header showed, for the profile */
  gboolean    party_heading;
  gboolean    national_heading;
  gboolean    party_number;
  GPtrArray  *bodies;         /* upper-case header pieces, in order */
  GPtrArray  *header_extra;   /* "LINE\tTEXT": header text that is none of the above */
  GPtrArray  *closing_extra;  /* closing text that is no signature */
  gboolean    header_seen;
  const Rules *rules;
  char       *heading_profile; /* a heading of another profile (youth, …) */
  GPtrArray  *skipped;        /* lines left out before the header; may be NULL */
  ThiduaImportFlags flags;
} Importer;

static void
warn (Importer *self, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
warn (Importer *self, const char *format, ...)
{
  va_list args;

  if (self->warnings == NULL)
    return;
  va_start (args, format);
  g_ptr_array_add (self->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

static Line *
line_at (Importer *self, guint i)
{
  return &g_array_index (self->lines, Line, i);
}

static gboolean
is_blank (Importer *self, guint i)
{
  return line_at (self, i)->text[0] == '\0';
}

/* --- small text helpers -------------------------------------------------- */

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x200B || c == 0xFEFF;
}

static char *
strip (const char *s, gssize len)
{
  const char *start = s, *end = len < 0 ? s + strlen (s) : s + len;

  while (start < end && is_space (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_space (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/* "**TM. BAN THƯỜNG VỤ" and "CHỦ TỊCH**": emphasis markers around a whole
 * header or signature line are layout, not text. */
static char *
strip_markers (const char *s)
{
  gsize len = strlen (s);
  const char *start = s;
  const char *end = s + len;

  while (start < end && (*start == '*' || *start == '_'))
    start++;
  while (end > start && (end[-1] == '*' || end[-1] == '_'))
    end--;
  return strip (start, end - start);
}

/* Letters present and none of them lower case. */
static gboolean
is_upper_text (const char *s)
{
  gboolean letters = FALSE;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        return FALSE;
      letters |= g_unichar_isupper (c) || g_unichar_istitle (c);
    }
  return letters;
}

static gboolean
starts_lower (const char *s)
{
  return *s != '\0' && g_unichar_islower (g_utf8_get_char (s));
}

/* Only dashes, underscores, equals signs and the like: a rule under a
 * heading, or the "-----" under a subject. */
static gboolean
is_separator (const char *s)
{
  guint n = 0;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '-' || c == '_' || c == '=' || c == '~' || c == 0x2013 || c == 0x2014
          || c == 0x2015 || c == 0x2500 || c == 0x2212)
        n++;
      else if (!is_space (c) && c != '*')
        return FALSE;
    }
  return n >= 3;
}

/* The fold without spaces and dashes: "Độc lập – Tự do – Hạnh phúc". */
static char *
fold_compact (const char *s)
{
  g_autofree char *f = thidua_text_fold (s);
  GString *out = g_string_sized_new (strlen (f));

  for (const char *p = f; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
word_prefix (const char *s, const char * const *prefixes)
{
  for (guint i = 0; prefixes[i] != NULL; i++)
    {
      gsize n = strlen (prefixes[i]);

      if (strncmp (s, prefixes[i], n) == 0
          && (s[n] == '\0' || s[n] == ' ' || s[n] == ',' || s[n] == ':'))
        return TRUE;
    }
  return FALSE;
}

/* --- lines --------------------------------------------------------------- */

/* Removes C0 controls other than tab and the line ends, in place.  Done
 * before NFC: marks on either side of a dropped control must compose. */
static void
drop_controls (char *s)
{
  char *out = s;

  for (const char *p = s; *p != '\0'; p++)
    if ((guchar) *p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f'
        || *p == '\v')
      *out++ = *p;
  *out = '\0';
}

/* Splits text into stripped lines.  \r\n, \r, form feed, vertical tab
 * (Word's manual line break) and U+2028 end a line; other C0 controls
 * are dropped. */
static void
split_lines (Importer *self, const char *text)
{
  GString *cur = g_string_new (NULL);
  guint number = 1;
  const char *p = text;

  if (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;
  for (;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean end = c == '\0';

      if (end || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x2028
          || c == 0x2029)
        {
          Line line = { strip (cur->str, cur->len), number++ };

          g_array_append_val (self->lines, line);
          g_string_truncate (cur, 0);
          if (end)
            break;
          if (c == '\r' && p[1] == '\n')
            p++;
          continue;
        }
      if (c < 0x20 && c != '\t')
        continue;
      g_string_append_unichar (cur, c);
    }
  g_string_free (cur, TRUE);
}

/* --- header ------------------------------------------------------------- */

static const char * const type_names[] = {
  "ke hoach", "chuong trinh", "huong dan", "phuong an", "de an", "bao cao",
  "thong bao", "quyet dinh", "to trinh", "ke hoach lien tich", NULL,
};

/* The type name line: a known type name alone on its line (any case, since
 * Word's "All Caps" is lost in extraction). */
static gboolean
is_type_name (const char *text)
{
  g_autofree char *plain = NULL;
  g_autofree char *folded = NULL;

  if (strlen (text) > 40)
    return FALSE;
  plain = strip_markers (text);
  folded = thidua_text_fold (plain);
  for (guint i = 0; type_names[i] != NULL; i++)
    if (strcmp (folded, type_names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* "KẾ HOẠCH Tổ chức phong trào …": extraction sometimes runs the subject
 * into the type name's line.  Only a type name written in capitals counts
 * (a sentence "Kế hoạch số 48/KH-TCT …" does not); returns the byte length
 * of the type name, 0 when the line does not start with one. */
static gsize
type_name_prefix (const char *text)
{
  static const char * const upper_names[] = {
    "KẾ HOẠCH", "CHƯƠNG TRÌNH", "HƯỚNG DẪN", "PHƯƠNG ÁN", "ĐỀ ÁN", "BÁO CÁO", "THÔNG BÁO",
    "QUYẾT ĐỊNH", "TỜ TRÌNH", NULL,
  };

  for (guint i = 0; upper_names[i] != NULL; i++)
    {
      gsize n = strlen (upper_names[i]);

      if (strncmp (text, upper_names[i], n) == 0 && (text[n] == ' ' || text[n] == '\t')
          && !g_str_has_prefix (text + n + 1, "số") && !g_str_has_prefix (text + n + 1, "SỐ"))
        return n;
    }
  return 0;
}

static gboolean classify_piece (Importer *self, const char *piece, guint number);
static gboolean is_roman_heading (const char *s);
static gboolean is_numbered (const char *s);

static gboolean
match_number (Importer *self, const char *piece, guint number)
{
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *num = NULL;
  g_autofree char *colon = NULL;
  g_autofree char *sep = NULL;
  g_autofree char *symbol = NULL;
  gint end;

  if (!g_regex_match (self->number_re, piece, 0, &m))
    return FALSE;
  colon = g_match_info_fetch (m, 1);
  num = g_match_info_fetch (m, 2);
  sep = g_match_info_fetch (m, 3);
  symbol = g_match_info_fetch (m, 4);
  g_match_info_fetch_pos (m, 0, NULL, &end);

  thidua_plan_set_number (self->plan, num);
  thidua_plan_set_symbol (self->plan, symbol);
  /* "Số 100-KH/TCT": no colon, the type code after a dash — Party style. */
  self->party_number = *colon == '\0' && sep[0] == '-' && strchr (symbol, '/') != NULL;
  self->header_seen = TRUE;
  if (piece[end] != '\0')
    {
      g_autofree char *rest = strip (piece + end, -1);

      if (*rest != '\0')
        classify_piece (self, rest, number);
    }
  return TRUE;
}

static guint
parse_part (GMatchInfo *m, int group)
{
  g_autofree char *s = g_match_info_fetch (m, group);

  return s != NULL && *s != '\0' ? (guint) g_ascii_strtoull (s, NULL, 10) : 0;
}

static gboolean
match_date (Importer *self, const char *piece, guint number)
{
  g_autoptr(GMatchInfo) m = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *place = NULL;
  guint day, month, year;
  const char *gap;

  if (!g_regex_match (self->date_re, piece, 0, &m))
    return FALSE;
  before = g_match_info_fetch (m, 1);
  day = parse_part (m, 2);
  month = parse_part (m, 3);
  year = parse_part (m, 4);

  /* "TRƯỜNG CHÍNH TRỊ      Bình Phước": what stands before a wide gap
   * belongs to the other column. */
  gap = NULL;
  for (const char *p = before; (p = strstr (p, "  ")) != NULL; p++)
    gap = p;
  if (gap != NULL)
    {
      g_autofree char *left = strip (before, gap - before);

      place = strip (gap, -1);
      if (*left != '\0')
        classify_piece (self, left, number);
    }
  else
    place = strip (before, -1);
  if (g_str_has_suffix (place, ","))
    place[strlen (place) - 1] = '\0';

  if (!thidua_plan_check_date (day, month, year, &error))
    {
      warn (self, _("line %u: the date %s: the day is left blank"), number, error->message);
      day = 0;
      if (!thidua_plan_check_date (day, month, year, NULL))
        month = 0;
    }
  thidua_plan_set_place (self->plan, g_strstrip (place));
  thidua_plan_set_date (self->plan, day, month, year);
  self->header_seen = TRUE;
  return TRUE;
}

/* One piece of a header line: a cell between tabs, or part of one. */
static gboolean
classify_piece (Importer *self, const char *piece, guint number)
{
  g_autofree char *plain = NULL;
  g_autofree char *compact = NULL;
  char **parts;

  if (strcmp (piece, "*") == 0)
    {
      self->header_seen = TRUE;   /* the star under a Party committee */
      return TRUE;
    }
  if (is_separator (piece))
    return TRUE;
  plain = strip_markers (piece);
  if (*plain == '\0')
    return TRUE;
  if (match_number (self, plain, number) || match_date (self, plain, number))
    return TRUE;

  compact = fold_compact (plain);
  for (guint h = 0; h < self->rules->heading_compact->len; h++)
    if (strcmp (compact, g_ptr_array_index (self->rules->heading_compact, h)) == 0)
      {
        const char *profile = g_ptr_array_index (self->rules->heading_profile, h);

        if (strcmp (profile, "state") == 0)
          self->national_heading = TRUE;
        else if (strcmp (profile, "party") == 0)
          self->party_heading = TRUE;
        else if (self->heading_profile == NULL)
          self->heading_profile = g_strdup (profile);
        self->header_seen = TRUE;
        return TRUE;
      }
  /* a lone "-" or "|" left by a flattened table */
  if (strcmp (plain, "-") == 0 || strcmp (plain, "|") == 0 || strcmp (plain, "–") == 0)
    return TRUE;

  /* Columns side by side with spaces: try each part on its own. */
  parts = g_regex_split_simple ("\\s{3,}", plain, 0, 0);
  if (g_strv_length (parts) > 1)
    {
      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          classify_piece (self, parts[i], number);
      g_strfreev (parts);
      return TRUE;
    }
  g_strfreev (parts);

  /* "I. MỤC ĐÍCH" is upper case too, but it is the body. */
  if (is_upper_text (plain) && !is_roman_heading (plain) && !is_numbered (plain))
    {
      g_ptr_array_add (self->bodies, g_strdup (plain));
      self->header_seen = TRUE;
      return TRUE;
    }
  g_ptr_array_add (self->header_extra, g_strdup_printf ("%u\t%s", number, plain));
  return FALSE;
}

/* Classifies every cell of a header line; FALSE when nothing in it is a
 * header piece. */
static gboolean
classify_header_line (Importer *self, guint i)
{
  Line *line = line_at (self, i);
  g_auto(GStrv) cells = g_strsplit (line->text, "\t", -1);
  gboolean any = FALSE;

  for (guint c = 0; cells[c] != NULL; c++)
    {
      g_autofree char *cell = strip (cells[c], -1);

      if (*cell != '\0')
        any |= classify_piece (self, cell, line->number);
    }
  return any;
}

/* The upper-case words of s, NFC. */
static char **
upper_words (const char *s)
{
  g_autofree char *up = nfc_upper (s);

  char **words = g_strsplit_set (up, " \t", -1);
  guint n = 0;

  /* runs of spaces: no empty words */
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      words[n++] = words[i];
    else
      g_free (words[i]);
  words[n] = NULL;
  return words;
}

static gboolean
has_org_word (const Rules *rules, char **words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (in_list (rules->org_words, words[i]))
      return TRUE;
  return FALSE;
}

static gsize
locality_prefix (const Rules *rules, const char *upper)
{
  for (guint i = 0; i < rules->localities->len; i++)
    {
      const char *l = g_ptr_array_index (rules->localities, i);
      gsize n = strlen (l);

      if (strncmp (upper, l, n) == 0 && upper[n] == ' ')
        return n;
    }
  return 0;
}

/* "TỈNH LAI CHÂU", "XÃ LƯƠNG MINH": a locality word and a place name, no
 * body of its own ("HUYỆN ĐOÀN TAM ĐƯỜNG" is one). */
static gboolean
is_locality_only (const Rules *rules, const char *s)
{
  g_autofree char *up = nfc_upper (s);
  g_auto(GStrv) words = NULL;

  if (locality_prefix (rules, up) == 0)
    return FALSE;
  words = upper_words (up);
  return !has_org_word (rules, words + 1);
}

static gboolean
has_locality (const Rules *rules, const char *s)
{
  g_autofree char *up = nfc_upper (s);
  g_autofree char *padded = g_strconcat (" ", up, " ", NULL);

  for (guint i = 0; i < rules->localities->len; i++)
    {
      g_autofree char *l = g_strconcat (" ", (char *) g_ptr_array_index (rules->localities, i), " ",
                                        NULL);

      if (strstr (padded, l) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Whether body line a goes on on line b: a ends with a conjunction or a
 * hyphen, a is the start of a known body name that a+b continues, or b is
 * only the locality a lacks. */
static gboolean
body_continues (const Rules *rules, const char *a, const char *b)
{
  g_auto(GStrv) words = upper_words (a);
  guint n = g_strv_length (words);
  g_autofree char *ca = fold_compact (a);
  g_autofree char *joined = g_strconcat (a, " ", b, NULL);
  g_autofree char *cj = fold_compact (joined);
  gsize la = strlen (a);

  if (n > 0 && (in_list (rules->conjunctions, words[n - 1])
                || (la > 0 && strchr (",-&", a[la - 1]) != NULL)
                || g_str_has_suffix (a, "–")))
    return TRUE;
  for (guint i = 0; i < rules->bodies->len; i++)
    {
      const char *known = g_ptr_array_index (rules->bodies, i);

      if (*ca != '\0' && strlen (ca) < strlen (known) && g_str_has_prefix (known, ca)
          && (g_str_has_prefix (cj, known) || g_str_has_prefix (known, cj)))
        return TRUE;
    }
  return !has_locality (rules, a) && is_locality_only (rules, b);
}

/* Joins body names broken over lines (see body_continues). */
static void
join_bodies (Importer *self)
{
  GPtrArray *b = self->bodies;

  for (guint i = 0; i + 1 < b->len; )
    {
      const char *a = g_ptr_array_index (b, i);
      const char *next = g_ptr_array_index (b, i + 1);

      if (body_continues (self->rules, a, next))
        {
          char *joined = g_strconcat (a, " ", next, NULL);

          g_free (g_ptr_array_index (b, i));
          g_ptr_array_index (b, i) = joined;
          g_ptr_array_remove_index (b, i + 1);
        }
      else
        i++;
    }
}

static void
assign_bodies (Importer *self)
{
  GPtrArray *b = self->bodies;

  join_bodies (self);

  if (b->len == 1)
    thidua_plan_set_issuing_body (self->plan, g_ptr_array_index (b, 0));
  else if (b->len >= 2)
    {
      g_autoptr(GString) issuing = g_string_new (NULL);

      thidua_plan_set_superior_body (self->plan, g_ptr_array_index (b, 0));
      for (guint i = 1; i < b->len; i++)
        {
          if (i > 1)
            g_string_append_c (issuing, ' ');
          g_string_append (issuing, g_ptr_array_index (b, i));
        }
      thidua_plan_set_issuing_body (self->plan, issuing->str);
      if (b->len > 2)
        warn (self, _("the header has %u upper-case lines on the left: the first is taken as "
              "the superior body, the others as the issuing body “%s”"), b->len, issuing->str);
    }
}

/* --- title -------------------------------------------------------------- */

static const char * const body_openers[] = {
  "Căn cứ", "Thực hiện", "Thi hành", "Để", "Nhằm", "Trên cơ sở", "Theo", "Triển khai thực hiện",
  "Kính gửi", NULL,
};

/* "I.", "II." … at the start of a line. */
static gboolean
is_roman_heading (const char *s)
{
  gsize n = 0;

  while (s[n] == 'I' || s[n] == 'V' || s[n] == 'X' || s[n] == 'L')
    n++;
  return n > 0 && n <= 6 && s[n] == '.';
}

static gboolean
is_numbered (const char *s)
{
  gsize n = 0;

  while (g_ascii_isdigit (s[n]))
    n++;
  return n > 0 && n <= 2 && (s[n] == '.' || s[n] == ')') && (s[n + 1] == ' ' || s[n + 1] == '\t');
}

static gboolean
is_body_start (const char *s)
{
  return is_roman_heading (s) || is_numbered (s) || word_prefix (s, body_openers)
         || g_str_has_prefix (s, "- ") || g_str_has_prefix (s, "+ ");
}

static gboolean
ends_sentence (const char *s)
{
  gsize n = strlen (s);

  return n > 0 && strchr (".;:!?", s[n - 1]) != NULL;
}

/* An opening curly quote not yet closed, or an odd number of straight ones. */
static gboolean
quote_open (const char *s)
{
  int curly = 0, straight = 0;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      curly += c == 0x201C ? 1 : c == 0x201D ? -1 : 0;
      straight += c == '"';
    }
  return curly > 0 || straight % 2 == 1;
}

static gboolean
starts_quote (const char *s)
{
  gunichar c = g_utf8_get_char (s);

  return c == '"' || c == 0x201C || c == 0x00AB || c == '\'' || c == 0x2018 || c == '(';
}

#define MAX_SUBJECT_PARTS 5
#define MAX_SUBJECT_LEN   600

/* Reads the subject from line i on; returns the first line after it.
 * Parts are joined with one space: a subject is one title, broken over
 * lines only by the page width or by extraction, and the printed page
 * wraps it again (see thidua-import.h). */
static guint
read_subject (Importer *self, guint i)
{
  g_autoptr(GString) subject = g_string_new (NULL);
  guint n = self->lines->len, parts = 0;

  while (i < n && is_blank (self, i))
    i++;
  while (i < n)
    {
      const char *text = line_at (self, i)->text;
      gboolean after_blank = i > 0 && is_blank (self, i - 1);
      g_autofree char *plain = NULL;

      if (is_separator (text))
        {
          i++;
          break;
        }
      if (parts > 0)
        {
          if (is_body_start (text) || parts >= MAX_SUBJECT_PARTS
              || subject->len + strlen (text) > MAX_SUBJECT_LEN)
            break;
          if (after_blank && !starts_lower (text) && !starts_quote (text)
              && !quote_open (subject->str))
            break;
          if (!after_blank && ends_sentence (subject->str) && !starts_lower (text))
            break;
        }
      else if (is_body_start (text) || strlen (text) > MAX_SUBJECT_LEN)
        break;

      plain = strip_markers (text);
      if (subject->len > 0)
        g_string_append_c (subject, ' ');
      g_string_append (subject, plain);
      parts++;
      i++;
      while (i < n && is_blank (self, i))
        i++;
    }

  if (subject->len == 0)
    warn (self, _("no subject (trích yếu) after the type name"));
  else
    {
      /* White space runs (as in a blank number of spaces) become one. */
      g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
      g_autofree char *joined = g_regex_replace_literal (spaces, subject->str, -1, 0, " ", 0, NULL);
      g_autofree char *clean = strip (joined, -1);

      thidua_plan_set_subject (self->plan, clean);
    }
  /* A separator after blank lines still belongs to the title. */
  while (i < n && (is_blank (self, i) || is_separator (line_at (self, i)->text)))
    i++;
  return i;
}

/* --- closing ------------------------------------------------------------ */

/* "Nơi nhận:" — folding also accepts the slip "Nơi nhân:" seen in real
 * files.  Sets *rest to what follows the colon. */
static gboolean
is_recipients_heading (const char *cell, const char **rest)
{
  g_autofree char *before = NULL;
  g_autofree char *head = NULL;
  g_autofree char *folded = NULL;
  const char *colon;

  if (cell[0] != 'N' && cell[0] != 'n' && cell[0] != '*' && cell[0] != '_')
    return FALSE;
  colon = strchr (cell, ':');
  before = colon != NULL ? g_strndup (cell, colon - cell) : g_strdup (cell);
  if (strlen (before) > 40)
    return FALSE;
  head = strip_markers (before);
  folded = thidua_text_fold (head);
  if (strcmp (folded, "noi nhan") != 0)
    return FALSE;
  *rest = colon != NULL ? colon + 1 : cell + strlen (cell);
  return TRUE;
}

typedef struct {
  char *authority;
  char *on_behalf_of;
  GPtrArray *upper;      /* upper-case lines after the authority */
  char *name;
} Signature;

static gboolean
is_person_name (const char *s)
{
  g_auto(GStrv) words = NULL;
  guint n;

  if (strlen (s) > 60 || *s == '\0')
    return FALSE;
  words = g_strsplit (s, " ", -1);
  n = g_strv_length (words);
  if (n < 2 || n > 7)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const char *w = words[i];
      gunichar first = g_utf8_get_char (w);

      if (*w == '\0' || !g_unichar_isupper (first))
        return FALSE;
      for (const char *p = g_utf8_next_char (w); *p != '\0'; p = g_utf8_next_char (p))
        if (!g_unichar_islower (g_utf8_get_char (p)))
          return FALSE;
    }
  return TRUE;
}

static gboolean
is_authority (Importer *self, const char *s, char **authority, char **rest)
{
  g_autoptr(GMatchInfo) m = NULL;

  if (!g_regex_match (self->authority_re, s, 0, &m))
    return FALSE;
  if (authority != NULL)
    *authority = g_match_info_fetch (m, 1);
  if (rest != NULL)
    *rest = g_match_info_fetch (m, 2);
  return TRUE;
}

/* A short upper-case line such as "HIỆU TRƯỞNG" or "PHÓ GIÁM ĐỐC". */
static gboolean
is_position (const char *s)
{
  return strlen (s) <= 80 && is_upper_text (s) && !is_roman_heading (s) && !g_ascii_isdigit (*s);
}

/* Fills the plan's signer from the signature lines; returns FALSE when they
 * are no signature. */
static gboolean
read_signature (Importer *self, GPtrArray *cells)
{
  g_autofree char *authority = NULL;
  g_autofree char *on_behalf_of = NULL;
  g_autoptr(GPtrArray) positions = g_ptr_array_new ();
  g_autoptr(GPtrArray) after_name = g_ptr_array_new ();
  const char *name = NULL;

  for (guint i = 0; i < cells->len; i++)
    {
      const char *s = g_ptr_array_index (cells, i);

      if (authority == NULL && positions->len == 0 && name == NULL
          && is_authority (self, s, &authority, &on_behalf_of))
        continue;
      /* a second post, a title under the name: the signer stays, the line
       * is kept (at the end of the body) */
      if (name != NULL && (positions->len > 0 || authority != NULL) && !is_person_name (s))
        {
          g_ptr_array_add (after_name, (gpointer) s);
          continue;
        }
      if (name == NULL && is_position (s))
        g_ptr_array_add (positions, (gpointer) s);
      else if (is_person_name (s))
        name = s;
      else if (s[0] == '(' || s[0] == '[')
        warn (self, _("“%s” in the signature block is left out"), s);
      else
        return FALSE;
    }

  if (authority == NULL && positions->len == 0 && name == NULL)
    return FALSE;
  if (authority != NULL)
    {
      thidua_plan_set_signer_authority (self->plan, authority);
      thidua_plan_set_signer_on_behalf_of (self->plan, g_strstrip (on_behalf_of));
    }
  if (positions->len > 0)
    {
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint i = 0; i < positions->len; i++)
        {
          if (i > 0)
            g_string_append_c (joined, ' ');
          g_string_append (joined, g_ptr_array_index (positions, i));
        }
      thidua_plan_set_signer_position (self->plan, joined->str);
    }
  if (name != NULL)
    thidua_plan_set_signer_name (self->plan, name);
  for (guint i = 0; i < after_name->len; i++)
    {
      warn (self, _("“%s” under the signer's name is kept at the end of the body"),
            (char *) g_ptr_array_index (after_name, i));
      g_ptr_array_add (self->closing_extra, g_strdup (g_ptr_array_index (after_name, i)));
    }
  return TRUE;
}

/* The cells of a closing line: split at tabs, and at runs of three or more
 * spaces (the recipients' and the signature's columns side by side, as a
 * PDF viewer or a flattened table gives them). */
static char **
split_columns (const char *text, gboolean pipes)
{
  GPtrArray *cells = g_ptr_array_new ();
  const char *start = text, *p = text;

  /* by hand: this runs on every line of long texts, a regex would be
   * compiled each time */
  while (*p != '\0')
    {
      gsize sep = 0;

      if (*p == '\t' || (pipes && *p == '|'))
        sep = 1;
      else if (p[0] == ' ' && p[1] == ' ' && p[2] == ' ')
        while (p[sep] == ' ')
          sep++;
      if (sep > 0)
        {
          g_ptr_array_add (cells, g_strndup (start, p - start));
          p += sep;
          start = p;
        }
      else
        p++;
    }
  g_ptr_array_add (cells, g_strndup (start, p - start));
  g_ptr_array_add (cells, NULL);
  return (char **) g_ptr_array_free (cells, FALSE);
}

static char **
closing_cells (const char *text)
{
  return split_columns (text, FALSE);
}

/* Adds the cells of line i (split by closing_cells, markers stripped) to cells. */
static void
add_cells (Importer *self, guint i, GPtrArray *cells)
{
  g_auto(GStrv) parts = closing_cells (line_at (self, i)->text);

  for (guint c = 0; parts[c] != NULL; c++)
    {
      char *cell = strip_markers (parts[c]);

      if (*cell != '\0')
        g_ptr_array_add (cells, cell);
      else
        g_free (cell);
    }
}

/* Finds the closing (recipients, signature) between start and the end of
 * the text, fills the plan and returns the line where the body ends. */
static guint
read_closing (Importer *self, guint start)
{
  guint n = self->lines->len;
  guint heading = G_MAXUINT, body_end, i;
  g_autofree char *rest_cell = NULL;
  g_autoptr(GPtrArray) recipients = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sig = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);

  for (i = n; i > start; i--)
    {
      g_auto(GStrv) cells = closing_cells (line_at (self, i - 1)->text);

      for (guint c = 0; cells[c] != NULL && heading == G_MAXUINT; c++)
        {
          g_autofree char *cell = strip (cells[c], -1);
          const char *r;

          if (is_recipients_heading (cell, &r))
            {
              heading = i - 1;
              rest_cell = g_strdup (r);
              /* cells other than the heading (a signature beside it) */
              for (guint o = 0; cells[o] != NULL; o++)
                if (o != c)
                  {
                    char *other = strip_markers (cells[o]);

                    if (*other != '\0')
                      g_ptr_array_add (sig, other);
                    else
                      g_free (other);
                  }
            }
        }
      if (heading != G_MAXUINT)
        break;
    }

  if (heading != G_MAXUINT)
    {
      const char *text = line_at (self, heading)->text;
      g_autofree char *after = strip (rest_cell != NULL ? rest_cell : "", -1);
      gboolean in_list = TRUE;

      if (strstr (text, "Nơi nhận") == NULL && strstr (text, "NƠI NHẬN") == NULL)
        warn (self, _("line %u: “%s” read as “Nơi nhận:”"), line_at (self, heading)->number, text);
      if (*after == '-' || *after == '+')
        g_ptr_array_add (recipients, strip (after + 1, -1));

      for (i = heading + 1; i < n; i++)
        {
          g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

          if (is_blank (self, i))
            continue;
          add_cells (self, i, cells);
          for (guint c = 0; c < cells->len; c++)
            {
              const char *cell = g_ptr_array_index (cells, c);
              gunichar first = g_utf8_get_char (cell);

              /* Every "- " line of the closing is a recipient, also when the
               * signature column stands beside or between them. */
              if (first == '-' || first == '+' || first == 0x2022 || first == 0x2013)
                g_ptr_array_add (recipients, strip (g_utf8_next_char (cell), -1));
              else if (in_list && c == 0 && cells->len == 1 && recipients->len > 0
                       && !is_blank (self, i - 1) && !is_authority (self, cell, NULL, NULL)
                       && !is_position (cell) && !is_person_name (cell))
                {
                  /* a long recipient wrapped onto the next line */
                  char *prev = g_ptr_array_index (recipients, recipients->len - 1);
                  g_ptr_array_index (recipients, recipients->len - 1) = g_strconcat (prev, " ", cell, NULL);
                  g_free (prev);
                }
              else
                {
                  in_list = FALSE;
                  g_ptr_array_add (sig, g_strdup (cell));
                }
            }
        }
      body_end = heading;

      /* A signature printed above the recipients' heading: an authority
       * line (and its position) just before it. */
      {
        guint k = heading, seen = 0;

        while (k > start && seen < 3)
          {
            const char *t;

            k--;
            if (is_blank (self, k))
              continue;
            seen++;
            t = line_at (self, k)->text;
            {
              g_autofree char *plain = strip_markers (t);

              if (is_authority (self, plain, NULL, NULL))
                {
                  for (guint j = k; j < heading; j++)
                    if (!is_blank (self, j))
                      add_cells (self, j, before);
                  body_end = k;
                  break;
                }
              if (!is_position (plain))
                break;
            }
          }
      }
      for (guint j = 0; j < sig->len; j++)
        g_ptr_array_add (before, g_strdup (g_ptr_array_index (sig, j)));
    }
  else
    {
      /* No recipients: a signature only when the text ends with a name
       * under an upper-case position or an authority line. */
      guint last = n, k;
      guint found = G_MAXUINT;

      while (last > start && is_blank (self, last - 1))
        last--;
      body_end = last;
      if (last > start)
        {
          g_autofree char *name = strip_markers (line_at (self, last - 1)->text);
          guint seen = 0;

          for (k = last - 1; k > start && seen < 3; )
            {
              g_autofree char *plain = NULL;

              k--;
              if (is_blank (self, k))
                continue;
              seen++;
              plain = strip_markers (line_at (self, k)->text);
              if (is_authority (self, plain, NULL, NULL))
                {
                  found = k;
                  break;
                }
              if (is_position (plain) && !is_position (name))
                found = k;
              else
                break;
            }
          if (found != G_MAXUINT && (is_person_name (name) || is_position (name)))
            {
              for (guint j = found; j < last; j++)
                if (!is_blank (self, j))
                  add_cells (self, j, before);
              body_end = found;
            }
        }
      warn (self, _("no recipients: there is no “Nơi nhận:” line"));
    }

  if (heading != G_MAXUINT && recipients->len == 0)
    warn (self, _("line %u: “Nơi nhận:” is followed by no “- ” line"),
          line_at (self, heading)->number);
  if (recipients->len > 0)
    {
      g_ptr_array_add (recipients, NULL);
      thidua_plan_set_recipients (self->plan, (const char * const *) recipients->pdata);
    }

  if (before->len == 0 || !read_signature (self, before))
    {
      if (before->len > 0)
        {
          g_autofree char *joined = NULL;
          g_autoptr(GString) s = g_string_new (NULL);

          for (guint j = 0; j < before->len; j++)
            g_string_append_printf (s, "%s%s", j ? " / " : "", (char *) g_ptr_array_index (before, j));
          joined = g_string_free (g_steal_pointer (&s), FALSE);
          warn (self, _("the closing lines “%s” are not a signature: they are kept at the end of "
                "the body"), joined);
          /* Kept as text rather than lost. */
          g_ptr_array_add (self->closing_extra, g_steal_pointer (&joined));
        }
      else
        warn (self, _("no signature"));
    }
  return body_end;
}

/* --- body --------------------------------------------------------------- */

/* The body lines [start, end) in the markup: lines kept as written (white
 * space at the ends dropped), runs of blank lines made one, and a paragraph
 * that extraction split — a blank line, then a line going on in lower case
 * after one without final punctuation — joined back. */
static char *
build_body (Importer *self, guint start, guint end, GPtrArray *prefix, GPtrArray *suffix,
            gboolean join_split)
{
  GString *body = g_string_new (NULL);
  g_autoptr(GString) joined = g_string_new (NULL);
  gboolean pending_blank = FALSE;
  guint n_joined = 0;

  for (guint j = 0; prefix != NULL && j < prefix->len; j++)
    g_string_append_printf (body, "%s\n\n", (char *) g_ptr_array_index (prefix, j));

  for (guint i = start; i < end; i++)
    {
      const char *text = line_at (self, i)->text;

      if (*text == '\0')
        {
          pending_blank = body->len > 0;
          continue;
        }
      if (pending_blank && body->len > 0)
        {
          gsize len = body->len;
          gboolean prev_open = len > 1 && !strchr (".;:!?”\")", body->str[len - 2])
                               && !g_str_has_suffix (body->str, "”\n");

          if (join_split && prev_open && starts_lower (text))
            {
              g_string_truncate (body, len - 1);
              g_string_append_c (body, ' ');
              g_string_append (body, text);
              g_string_append_c (body, '\n');
              /* name the first ten; a long text would make a warning pages long */
              if (n_joined < 10)
                g_string_append_printf (joined, "%s%u", n_joined ? ", " : "",
                                        line_at (self, i)->number);
              else if (n_joined == 10)
                g_string_append (joined, " …");
              n_joined++;
              pending_blank = FALSE;
              continue;
            }
          g_string_append_c (body, '\n');
        }
      pending_blank = FALSE;
      g_string_append (body, text);
      g_string_append_c (body, '\n');
    }

  for (guint j = 0; suffix != NULL && j < suffix->len; j++)
    g_string_append_printf (body, "%s%s\n", body->len > 0 ? "\n" : "",
                            (char *) g_ptr_array_index (suffix, j));

  while (body->len > 0 && body->str[body->len - 1] == '\n')
    g_string_truncate (body, body->len - 1);
  if (n_joined == 1)
    warn (self, _("line %s: a paragraph split by a blank line was joined back to the line before"),
          joined->str);
  else if (n_joined > 1)
    warn (self, _("lines %s: %u paragraphs split by a blank line were joined back to the line "
          "before"), joined->str, n_joined);
  return g_string_free (body, FALSE);
}

/* --- profile ------------------------------------------------------------ */

static gboolean
folded_contains_any (const char *s, const char * const *needles)
{
  g_autofree char *f = thidua_text_fold (s);

  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (f, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

static const char * const union_bodies[] = {
  "cong doan", "ldld", "lien doan lao dong", "cdcs", "tld", NULL,
};
static const char * const union_committees[] = {
  "ban thuong vu", "ban chap hanh", "doan chu tich", NULL,
};
static const char * const union_words[] = {
  "ldld", "cdcs", "cong doan", NULL,
};

static ThiduaProfileKind
guess_profile (Importer *self, const char *text)
{
  const char *authority = thidua_plan_get_signer_authority (self->plan);
  const char *behalf = thidua_plan_get_signer_on_behalf_of (self->plan);
  g_autofree char *bodies = g_strconcat (thidua_plan_get_superior_body (self->plan), " ",
                                         thidua_plan_get_issuing_body (self->plan), NULL);

  ThiduaProfileKind kind;
  g_autofree char *folded = thidua_text_fold (bodies);

  if (self->party_heading)
    return THIDUA_PROFILE_PARTY;
  /* the heading of a mass organisation (ĐOÀN TNCS HỒ CHÍ MINH) */
  if (self->heading_profile != NULL && thidua_profile_kind_from_string (self->heading_profile, &kind))
    return kind;
  if (folded_contains_any (bodies, union_bodies))
    return THIDUA_PROFILE_UNION;
  if (self->national_heading)
    return THIDUA_PROFILE_STATE;
  /* no heading: words of the bodies ("HUYỆN ĐOÀN", "LĐLĐ"), from the data */
  for (guint i = 0; i < self->rules->word_fold->len; i++)
    if (strstr (folded, g_ptr_array_index (self->rules->word_fold, i)) != NULL
        && thidua_profile_kind_from_string (g_ptr_array_index (self->rules->word_profile, i), &kind))
      {
        warn (self, _("profile guessed as %s from the body “%s”"),
              thidua_profile_kind_to_string (kind), g_strstrip (bodies));
        return kind;
      }
  if (self->party_number)
    {
      warn (self, _("profile guessed as party from the number “Số %s-%s”"),
            thidua_plan_get_number (self->plan), thidua_plan_get_symbol (self->plan));
      return THIDUA_PROFILE_PARTY;
    }
  if (strchr (authority, '/') != NULL)
    {
      warn (self, _("profile guessed as party from the signature “%s”"), authority);
      return THIDUA_PROFILE_PARTY;
    }
  if (g_str_has_prefix (authority, "TM") && folded_contains_any (behalf, union_committees)
      && folded_contains_any (text, union_words))
    {
      warn (self, _("profile guessed as union from the signature “%s %s”"), authority, behalf);
      return THIDUA_PROFILE_UNION;
    }
  warn (self, _("profile guessed as state: the header shows neither the national nor the Party "
        "heading"));
  return THIDUA_PROFILE_STATE;
}

/* --- text as it really comes: before recognising ------------------------ */

static void
set_line (Importer *self, guint i, char *text)
{
  g_free (line_at (self, i)->text);
  line_at (self, i)->text = text;
}

/* A line of nothing but pipes, spaces and at most one dash: what a
 * flattened table leaves between its cells. */
static gboolean
is_table_debris (const char *s)
{
  guint pipes = 0, dashes = 0;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '|')
        pipes++;
      else if (c == '-' || c == 0x2013)
        dashes++;
      else if (!is_space (c))
        return FALSE;
    }
  return (pipes > 0 && dashes <= 1) || (pipes == 0 && dashes == 1);
}

/* The header's side of a table row copied as "| a | b |": its cells as
 * tab-separated text. */
static char *
pipes_to_tabs (const char *s)
{
  g_auto(GStrv) cells = g_strsplit (s, "|", -1);
  GString *out = g_string_new (NULL);
  gboolean first = TRUE;

  for (guint c = 0; cells[c] != NULL; c++)
    {
      g_autofree char *cell = strip (cells[c], -1);

      if (*cell == '\0' || is_table_debris (cell))
        continue;
      if (!first)
        g_string_append_c (out, '\t');
      g_string_append (out, cell);
      first = FALSE;
    }
  return g_string_free (out, FALSE);
}

static gboolean is_body_start (const char *s);

/* The header zone: the lines before the type name, the first heading or
 * the first "Căn cứ" line (at most 80 lines with text). */
static guint
header_zone_end (Importer *self)
{
  guint n = self->lines->len, seen = 0;

  for (guint i = 0; i < n && seen < 80; i++)
    {
      const char *t = line_at (self, i)->text;

      if (*t == '\0')
        continue;
      seen++;
      if (is_type_name (t) || type_name_prefix (t) > 0 || is_roman_heading (t)
          || (is_body_start (t) && !g_str_has_prefix (t, "- ")))
        return i;
    }
  return MIN (n, 80);
}

/* A header piece, as classify_piece would take it, without taking it. */
static gboolean
looks_like_header (Importer *self, const char *text)
{
  g_auto(GStrv) cells = split_columns (text, TRUE);

  for (guint c = 0; cells[c] != NULL; c++)
    {
      g_autofree char *plain = strip_markers (cells[c]);
      g_autofree char *compact = NULL;

      if (*plain == '\0')
        continue;
      if (g_regex_match (self->number_re, plain, 0, NULL)
          || g_regex_match (self->date_re, plain, 0, NULL))
        return TRUE;
      compact = fold_compact (plain);
      if (in_list (self->rules->heading_compact, compact))
        return TRUE;
      if (is_upper_text (plain) && !is_roman_heading (plain) && !is_numbered (plain))
        return TRUE;
    }
  return FALSE;
}

/* "Số hiệu: 29/KH-UBND", "Đang tải văn bản...": a legal-document site's
 * own line. */
static gboolean
is_preamble_line (Importer *self, const char *text)
{
  g_autofree char *folded = thidua_text_fold (text);

  for (guint k = 0; k < self->rules->preamble_keys->len; k++)
    {
      const char *key = g_ptr_array_index (self->rules->preamble_keys, k);
      gsize n = strlen (key);

      if (strncmp (folded, key, n) == 0
          && (folded[n] == '\0' || folded[n] == ':' || folded[n] == '.' || folded[n] == ' '
              || (guchar) folded[n] >= 0x80))
        {
          /* "Nội dung thi đua" is body: a key stands alone or before a colon */
          const char *rest = folded + n;

          while (*rest == ' ')
            rest++;
          if (*rest == '\0' || *rest == ':' || *rest == '.' || g_str_has_prefix (rest, "…"))
            return TRUE;
        }
    }
  return FALSE;
}

/* Leaves out what a web page put before the document: when site lines
 * (is_preamble_line) stand above the header, everything before the first
 * header line after them. */
static void
skip_preamble (Importer *self)
{
  guint n = self->lines->len, seen = 0, last_meta = G_MAXUINT, start = G_MAXUINT;

  for (guint i = 0; i < n && seen < 80; i++)
    {
      const char *t = line_at (self, i)->text;

      if (*t == '\0')
        continue;
      seen++;
      if (is_type_name (t) || is_roman_heading (t))
        break;
      if (is_preamble_line (self, t))
        last_meta = i;
    }
  if (last_meta == G_MAXUINT)
    return;
  for (guint i = last_meta + 1; i < n && i < last_meta + 40; i++)
    {
      const char *t = line_at (self, i)->text;

      if (*t == '\0')
        continue;
      if (is_type_name (t))
        break;
      if (looks_like_header (self, t))
        {
          start = i;
          break;
        }
    }
  if (start == G_MAXUINT)
    return;
  for (guint i = 0; i < start; i++)
    if (*line_at (self, i)->text != '\0')
      {
        if (self->skipped != NULL)
          g_ptr_array_add (self->skipped, g_strdup (line_at (self, i)->text));
        if (!(self->flags & THIDUA_IMPORT_KEEP_PREAMBLE))
          set_line (self, i, g_strdup (""));
      }
}

/* Whether compact is the start of a heading, and with next still is. */
static gboolean
heading_goes_on (Importer *self, const char *text, const char *next)
{
  g_autofree char *a = fold_compact (text);
  g_autofree char *joined = g_strconcat (text, " ", next, NULL);
  g_autofree char *j = fold_compact (joined);

  if (*a == '\0')
    return FALSE;
  for (guint h = 0; h < self->rules->heading_compact->len; h++)
    {
      const char *heading = g_ptr_array_index (self->rules->heading_compact, h);

      if (strlen (a) < strlen (heading) && g_str_has_prefix (heading, a) && g_str_has_prefix (heading, j))
        return TRUE;
    }
  return FALSE;
}

static gboolean
date_has_year (Importer *self, const char *text)
{
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *year = NULL;

  if (!g_regex_match (self->date_re, text, 0, &m))
    return FALSE;
  year = g_match_info_fetch (m, 4);
  return year != NULL && *year != '\0';
}

static guint
count_words (const char *s)
{
  g_auto(GStrv) words = g_strsplit (s, " ", -1);

  return g_strv_length (words);
}

/* Whether header line text, hard-wrapped by a narrow cell, goes on on the
 * next line: "Số:" / "29/KH-UBND", "CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM",
 * "Lai" / "Châu, ngày 5 tháng 4 năm" / "2024". */
static gboolean
wrapped_cell_goes_on (Importer *self, const char *text, const char *next)
{
  g_autofree char *folded = thidua_text_fold (text);
  g_autofree char *joined = g_strconcat (text, " ", next, NULL);

  if (strchr (text, '\t') != NULL || strchr (next, '\t') != NULL)
    return FALSE;
  if (strcmp (folded, "so") == 0 || strcmp (folded, "so:") == 0 || strcmp (folded, "so.") == 0)
    return TRUE;
  if (heading_goes_on (self, text, next))
    return TRUE;
  if (g_regex_match (self->date_re, text, 0, NULL))
    return !date_has_year (self, text) && date_has_year (self, joined) && strlen (next) <= 12;
  if ((strstr (folded, "ngay") != NULL || strstr (folded, "thang") != NULL)
      && g_regex_match (self->date_re, joined, 0, NULL))
    return TRUE;
  /* the start of a place name before the date's line */
  return count_words (text) <= 2 && !is_upper_text (text) && strlen (text) <= 24
         && g_unichar_isalpha (g_utf8_get_char (text))
         && g_regex_match (self->date_re, next, 0, NULL) && !is_upper_text (next)
         && !g_str_has_prefix (next, "ngày") && !g_str_has_prefix (next, "Ngày");
}

/* Pipes to cells, table debris away, hard-wrapped cells joined: in the
 * header zone only (the body's own tables start with "|"). */
static void
rebuild_header (Importer *self)
{
  guint end = header_zone_end (self);

  for (guint i = 0; i < end; i++)
    {
      const char *t = line_at (self, i)->text;

      if (strchr (t, '|') != NULL)
        set_line (self, i, pipes_to_tabs (t));
      else if (is_table_debris (t))
        set_line (self, i, g_strdup (""));
    }
  for (guint i = 0; i + 1 < end; i++)
    {
      guint j = i + 1;

      if (*line_at (self, i)->text == '\0')
        continue;
      while (j < end && *line_at (self, j)->text != '\0'
             && wrapped_cell_goes_on (self, line_at (self, i)->text, line_at (self, j)->text))
        {
          set_line (self, i, g_strconcat (line_at (self, i)->text, " ", line_at (self, j)->text, NULL));
          set_line (self, j, g_strdup (""));
          j++;
        }
    }
}

/* Lone "|" and "-" lines anywhere: never text. */
static void
drop_debris (Importer *self)
{
  for (guint i = 0; i < self->lines->len; i++)
    if (*line_at (self, i)->text != '\0' && is_table_debris (line_at (self, i)->text))
      set_line (self, i, g_strdup (""));
}

static char *
regex_replace (const char *pattern, const char *s, const char *replacement)
{
  g_autoptr(GRegex) re = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);

  g_return_val_if_fail (re != NULL, g_strdup (s));
  return g_regex_replace (re, s, -1, 0, replacement, 0, NULL);
}

static char *
heading_pattern (const char *text)
{
  GString *p = g_string_new ("\\s*(");

  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);

      if (u == ' ' || u == '-' || u == 0x2013)
        {
          if (!g_str_has_suffix (p->str, "[\\s\\-–]*"))
            g_string_append (p, "[\\s\\-–]*");
        }
      else
        {
          g_autofree char *one = g_strndup (c, g_utf8_next_char (c) - c);
          g_autofree char *esc = g_regex_escape_string (one, -1);

          g_string_append (p, esc);
        }
    }
  g_string_append (p, ")\\s*");
  return g_string_free (p, FALSE);
}

/* "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Hoàng Văn Sơn" → authority, position and
 * name on lines of their own. */
static void
split_signature_line (Importer *self, GString *out, const char *line)
{
  g_auto(GStrv) words = g_strsplit (line, " ", -1);
  guint n = g_strv_length (words), first_name = n;
  g_autofree char *head = NULL;

  while (first_name > 0 && n - first_name < 5)
    {
      const char *w = words[first_name - 1];
      gunichar c = g_utf8_get_char (w);

      if (!g_unichar_isupper (c) || is_upper_text (w) || g_utf8_strlen (w, -1) < 2)
        break;
      first_name--;
    }
  if (n - first_name < 2 || first_name == 0)
    first_name = n;
  {
    g_autofree char *joined = NULL;
    char *saved = words[first_name];

    words[first_name] = NULL;
    joined = g_strjoinv (" ", words);
    words[first_name] = saved;
    head = g_strdup (joined);
  }
  for (guint p = 0; p < self->rules->positions->len; p++)
    {
      const char *pos = g_ptr_array_index (self->rules->positions, p);
      gsize hl = strlen (head), pl = strlen (pos);

      if (hl > pl + 1 && g_str_has_suffix (head, pos) && head[hl - pl - 1] == ' ')
        {
          g_autofree char *before = g_strndup (head, hl - pl - 1);
          g_auto(GStrv) bw = g_strsplit (before, " ", -1);

          /* "KT. GIÁM ĐỐC" alone is authority and body, not a position */
          if (g_strv_length (bw) >= 2)
            {
              g_string_append_printf (out, "%s\n%s\n", before, pos);
              head[0] = '\0';
            }
          break;
        }
    }
  if (head[0] != '\0')
    g_string_append_printf (out, "%s\n", head);
  if (first_name < n)
    {
      g_autofree char *name = g_strjoinv (" ", words + first_name);

      g_string_append_printf (out, "\n%s\n", name);
    }
}

/* A heading run into its first sentence: "I. MỤC ĐÍCH Động viên …". */
static void
split_heading_line (GString *out, const char *line)
{
  g_auto(GStrv) words = g_strsplit (line, " ", -1);
  guint n = g_strv_length (words), k = 1;

  while (k < n && (is_upper_text (words[k]) || !g_unichar_isalpha (g_utf8_get_char (words[k]))))
    k++;
  if (k > 1 && k < n)
    {
      g_autofree char *rest = g_strjoinv (" ", words + k);
      char *saved = words[k];
      g_autofree char *head = NULL;

      words[k] = NULL;
      head = g_strjoinv (" ", words);
      words[k] = saved;
      g_string_append_printf (out, "%s\n%s\n", head, rest);
    }
  else
    g_string_append_printf (out, "%s\n", line);
}

/* A whole document on one line (some PDF viewers copy it so): split at the
 * landmarks a reader sees — the headings, "Số:", the date, the type name,
 * "Căn cứ", Roman headings, "Nơi nhận:", its "- " lines and the signature. */
static gboolean
split_one_line (Importer *self)
{
  guint n = self->lines->len, with_text = 0, longest = 0;
  g_autofree char *s = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean closing = FALSE;
  guint number = 1;
  const char *closing_at;

  for (guint i = 0; i < n; i++)
    if (*line_at (self, i)->text != '\0')
      {
        with_text++;
        if (strlen (line_at (self, i)->text) > strlen (line_at (self, longest)->text))
          longest = i;
      }
  if (with_text == 0 || with_text > 3 || strlen (line_at (self, longest)->text) < 300)
    return FALSE;
  s = g_strdup (line_at (self, longest)->text);
  number = line_at (self, longest)->number;
  if (strstr (s, "Số") == NULL || (strstr (s, "KẾ HOẠCH") == NULL && strstr (s, "Nơi nhận") == NULL
                                   && strstr (s, "ngày") == NULL))
    return FALSE;

  for (guint h = 0; h < self->rules->heading_text->len; h++)
    {
      g_autofree char *pattern = heading_pattern (g_ptr_array_index (self->rules->heading_text, h));
      char *next = regex_replace (pattern, s, "\n\\1\n");

      g_free (s);
      s = next;
    }
#define SPLIT(pattern, repl) G_STMT_START { char *next_ = regex_replace (pattern, s, repl); \
                                            g_free (s); s = next_; } G_STMT_END
  SPLIT ("\\s+(?=(?:Số|SỐ)\\s*[:.]?[\\s._…]*[0-9]*[\\s._…]*[/-]\\s*\\S)", "\n");
  SPLIT ("((?:ngày|Ngày)[\\s._…]*[0-9]*[\\s._…]*tháng[\\s._…]*[0-9]*[\\s._…]*năm[\\s._…]*[0-9]{4})\\s+",
         "\\1\n");
  SPLIT ("\\s+(?=(?:KẾ HOẠCH|CHƯƠNG TRÌNH|HƯỚNG DẪN|PHƯƠNG ÁN|ĐỀ ÁN)\\s)", "\n");
  SPLIT ("\\s+(?=(?:Căn cứ|Thực hiện)\\s)", "\n");
  SPLIT ("\\s+(?=(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\\.\\s)", "\n");
  SPLIT ("\\s+(?=Nơi nhận\\s*:)", "\n");
  closing_at = strstr (s, "\nNơi nhận");
  if (closing_at != NULL)
    {
      g_autofree char *head = g_strndup (s, closing_at - s);
      g_autofree char *tail = g_strdup (closing_at);
      char *t2 = regex_replace ("\\s+(?=[-+]\\s)", tail, "\n");
      char *t3 = regex_replace ("\\s+(?=(?:TM\\.|KT\\.|TL\\.|TUQ\\.|Q\\.|T/M|K/T|T/L)\\s)", t2, "\n");

      g_free (s);
      s = g_strconcat (head, t3, NULL);
      g_free (t2);
      g_free (t3);
    }
#undef SPLIT

  parts = g_strsplit (s, "\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *line = strip (parts[i], -1);

      if (*line == '\0')
        continue;
      if (g_str_has_prefix (line, "Nơi nhận"))
        closing = TRUE;
      if (is_roman_heading (line) && !closing)
        split_heading_line (out, line);
      else if (closing && is_authority (self, line, NULL, NULL))
        split_signature_line (self, out, line);
      else
        g_string_append_printf (out, "%s\n", line);
    }

  for (guint i = 0; i < n; i++)
    g_free (line_at (self, i)->text);
  g_array_set_size (self->lines, 0);
  {
    g_auto(GStrv) lines = g_strsplit (out->str, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        Line line = { strip (lines[i], -1), number };

        g_array_append_val (self->lines, line);
      }
  }
  warn (self, _("line %u: the whole text stood on one line: it was split at the header, the "
        "headings and the closing"), number);
  return TRUE;
}

static void
prepare_lines (Importer *self)
{
  split_one_line (self);
  skip_preamble (self);
  rebuild_header (self);
  drop_debris (self);
}

/* --- entry points ------------------------------------------------------- */

static void
importer_clear (Importer *self)
{
  for (guint i = 0; i < self->lines->len; i++)
    g_free (line_at (self, i)->text);
  g_array_unref (self->lines);
  g_regex_unref (self->number_re);
  g_regex_unref (self->date_re);
  g_regex_unref (self->authority_re);
  g_ptr_array_unref (self->bodies);
  g_ptr_array_unref (self->header_extra);
  g_ptr_array_unref (self->closing_extra);
  g_free (self->heading_profile);
}

#define BLANK "(?:\\s|[._…])*"

ThiduaPlan *
thidua_import_text (const char *text, gssize len, int profile, GPtrArray *warnings)
{
  return thidua_import_text_full (text, len, profile, 0, warnings, NULL);
}

/* The type name a symbol's first code stands for: "KH-UBND", "KH/ĐUK". */
static const char *
type_from_symbol (Importer *self)
{
  const char *symbol = thidua_plan_get_symbol (self->plan);
  gsize n = strcspn (symbol, "-/");
  g_autofree char *code = g_strndup (symbol, n);

  return g_hash_table_lookup (self->rules->type_codes, code);
}

ThiduaPlan *
thidua_import_text_full (const char *text, gssize len, int profile, ThiduaImportFlags flags,
                         GPtrArray *warnings, GPtrArray *skipped)
{
  Importer self = { 0 };
  g_autofree char *valid = NULL;
  g_autofree char *nfc = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) prefix = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) suffix = g_ptr_array_new_with_free_func (g_free);
  guint n, type_line = G_MAXUINT, body_start, body_end, i;
  gsize type_prefix = 0;
  guint scanned = 0, first_warning = warnings != NULL ? warnings->len : 0;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  valid = g_utf8_make_valid (text != NULL ? text : "", len);
  drop_controls (valid);
  nfc = thidua_encoding_nfc (valid, -1);

  self.warnings = warnings;
  self.rules = rules_get ();
  self.skipped = skipped;
  self.flags = flags;
  self.plan = thidua_plan_new ();
  self.lines = g_array_new (FALSE, FALSE, sizeof (Line));
  self.bodies = g_ptr_array_new_with_free_func (g_free);
  self.header_extra = g_ptr_array_new_with_free_func (g_free);
  self.closing_extra = g_ptr_array_new_with_free_func (g_free);
  self.number_re = g_regex_new ("^(?:Số|SỐ|số)\\s*([:.]?)" BLANK "([0-9]*)" BLANK "([/-])\\s*(\\S+)",
                                G_REGEX_OPTIMIZE, 0, NULL);
  self.date_re = g_regex_new ("^(.*?)\\s*(?:ngày|Ngày|NGÀY)" BLANK "([0-9]{1,2})?" BLANK
                              "(?:tháng|Tháng|THÁNG)" BLANK "([0-9]{1,2})?" BLANK
                              "(?:năm|Năm|NĂM)" BLANK "([0-9]{4})?" BLANK "$",
                              G_REGEX_OPTIMIZE, 0, NULL);
  self.authority_re = g_regex_new ("^(TM\\.|KT\\.|Q\\.|TL\\.|TUQ\\.|T/M|K/T|T/L)\\s*(\\S.*)$",
                                   G_REGEX_OPTIMIZE, 0, NULL);
  split_lines (&self, nfc);
  prepare_lines (&self);
  n = self.lines->len;

  /* The type name: among the first lines that carry text, alone on its
   * line or, failing that, with the subject run into it. */
  for (i = 0; i < n && scanned < 60; i++)
    {
      if (is_blank (&self, i))
        continue;
      scanned++;
      if (is_type_name (line_at (&self, i)->text))
        {
          type_line = i;
          break;
        }
      if (is_roman_heading (line_at (&self, i)->text))
        break;
    }
  if (type_line == G_MAXUINT)
    for (i = 0, scanned = 0; i < n && scanned < 60; i++)
      {
        Line *line = line_at (&self, i);

        if (is_blank (&self, i))
          continue;
        scanned++;
        if (is_roman_heading (line->text))
          break;
        if ((type_prefix = type_name_prefix (line->text)) > 0)
          {
            type_line = i;
            break;
          }
      }

  if (type_line != G_MAXUINT)
    {
      Line *line = line_at (&self, type_line);
      g_autofree char *name = type_prefix > 0 ? g_strndup (line->text, type_prefix)
                                              : strip_markers (line->text);
      g_autofree char *upper = g_utf8_strup (name, -1);

      for (i = 0; i < type_line; i++)
        if (!is_blank (&self, i))
          classify_header_line (&self, i);
      thidua_plan_set_type_name (self.plan, upper);
      if (type_prefix > 0)
        {
          /* the rest of the line is where the subject starts */
          char *rest = strip (line->text + type_prefix, -1);

          g_free (line->text);
          line->text = rest;
          warn (&self, _("line %u: the subject was read from the type name's line"), line->number);
          body_start = read_subject (&self, type_line);
        }
      else
        body_start = read_subject (&self, type_line + 1);
    }
  else
    {
      /* No type name: the header is the run of header lines at the top. */
      for (i = 0; i < n; i++)
        if (!is_blank (&self, i) && !classify_header_line (&self, i))
          break;
      /* the line that stopped the run is body, not header text */
      if (self.header_extra->len > 0)
        g_ptr_array_set_size (self.header_extra, 0);
      body_start = i;
      if (type_from_symbol (&self) != NULL && body_start < n
          && !is_body_start (line_at (&self, body_start)->text))
        {
          /* a copy without its type name line: the symbol says the type,
           * the title sentence under the date is the subject */
          thidua_plan_set_type_name (self.plan, type_from_symbol (&self));
          warn (&self, _("no type name line: “%s” was taken from the symbol “%s”, the subject from "
                "line %u"), type_from_symbol (&self), thidua_plan_get_symbol (self.plan),
                line_at (&self, body_start)->number);
          body_start = read_subject (&self, body_start);
        }
      else
        warn (&self, _("no type name line (such as “KẾ HOẠCH”): no subject either"));
    }
  assign_bodies (&self);

  /* Header text that is no header piece stays, at the top of the body. */
  for (i = 0; i < self.header_extra->len; i++)
    {
      const char *entry = g_ptr_array_index (self.header_extra, i);
      const char *tab = strchr (entry, '\t');

      warn (&self, _("line %.*s: “%s” in the header is not recognised: it is kept at the top "
            "of the body"), (int) (tab - entry), entry, tab + 1);
      g_ptr_array_add (prefix, g_strdup (tab + 1));
    }

  body_end = read_closing (&self, body_start);
  for (i = 0; i < self.closing_extra->len; i++)
    g_ptr_array_add (suffix, g_strdup (g_ptr_array_index (self.closing_extra, i)));

  if (type_line == G_MAXUINT && !self.header_seen
      && thidua_plan_get_recipients (self.plan)[0] == NULL
      && *thidua_plan_get_signer_name (self.plan) == '\0'
      && *thidua_plan_get_signer_position (self.plan) == '\0')
    {
      /* Not a plan: everything, untouched, as the body. */
      g_autoptr(ThiduaPlan) blank = thidua_plan_new ();

      /* only this call's guesses: the caller's own warnings stay */
      if (warnings != NULL)
        g_ptr_array_set_size (warnings, first_warning);
      g_set_object (&self.plan, blank);
      warn (&self, _("the text is not recognised as a plan (no header, type name, recipients "
            "or signature): all of it is kept as the body"));
      /* not a plan: no guessing at paragraphs either */
      body = build_body (&self, 0, n, NULL, NULL, FALSE);
      thidua_plan_set_body (self.plan, body);
      if (profile >= 0)
        thidua_plan_set_profile (self.plan, profile);
    }
  else
    {
      body = build_body (&self, body_start, MAX (body_start, body_end), prefix, suffix, TRUE);
      thidua_plan_set_body (self.plan, body);
      if (*body == '\0')
        warn (&self, _("the body is empty"));
      if (!self.header_seen)
        warn (&self, _("no header (issuing body, number, place and date)"));
      if (profile >= 0)
        thidua_plan_set_profile (self.plan, profile);
      else
        thidua_plan_set_profile (self.plan, guess_profile (&self, nfc));
    }

  importer_clear (&self);
  return self.plan;
}

ThiduaPlan *
thidua_import_data (const guint8 *data, gsize len, ThiduaEncoding encoding, int profile,
                    ThiduaEncoding *used, GPtrArray *warnings, GError **error)
{
  return thidua_import_data_full (data, len, encoding, profile, 0, used, warnings, NULL, error);
}

ThiduaPlan *
thidua_import_data_full (const guint8 *data, gsize len, ThiduaEncoding encoding, int profile,
                         ThiduaImportFlags flags, ThiduaEncoding *used, GPtrArray *warnings,
                         GPtrArray *skipped, GError **error)
{
  g_autofree char *text = NULL;
  ThiduaEncoding actual = THIDUA_ENCODING_UTF8;
  gboolean blank = TRUE;

  if (len > THIDUA_IMPORT_MAX_SIZE)
    {
      g_set_error (error, THIDUA_IMPORT_ERROR, THIDUA_IMPORT_ERROR_TOO_LARGE,
                   _("the text is too large for a plan (%.1f MB; the limit is %d MB)"),
                   len / (1024.0 * 1024.0), THIDUA_IMPORT_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  text = thidua_encoding_decode (data, len, encoding, &actual, error);
  if (text == NULL)
    return NULL;
  for (const char *p = text; *p != '\0' && blank; p = g_utf8_next_char (p))
    blank = is_space (g_utf8_get_char (p)) || g_unichar_iscntrl (g_utf8_get_char (p));
  if (blank)
    {
      g_set_error (error, THIDUA_IMPORT_ERROR, THIDUA_IMPORT_ERROR_EMPTY,
                   len == 0 ? _("the text is empty") : _("the text holds nothing but white space"));
      return NULL;
    }
  if (used != NULL)
    *used = actual;
  if (encoding == THIDUA_ENCODING_AUTO && actual != THIDUA_ENCODING_UTF8
      && actual != THIDUA_ENCODING_UTF16 && warnings != NULL)
    g_ptr_array_add (warnings, g_strdup_printf (_("the text was read as %s (detected)"),
                                                thidua_encoding_to_string (actual)));
  return thidua_import_text_full (text, -1, profile, flags, warnings, skipped);
}

ThiduaPlan *
thidua_import_file (GFile *file, ThiduaEncoding encoding, int profile, ThiduaEncoding *used,
                    GPtrArray *warnings, GCancellable *cancellable, GError **error)
{
  return thidua_import_file_full (file, encoding, profile, 0, used, warnings, NULL, cancellable,
                                  error);
}

ThiduaPlan *
thidua_import_file_full (GFile *file, ThiduaEncoding encoding, int profile, ThiduaImportFlags flags,
                         ThiduaEncoding *used, GPtrArray *warnings, GPtrArray *skipped,
                         GCancellable *cancellable, GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *local_path = g_file_get_path (file);
  gsize len = 0;
  ThiduaPlan *plan;

  /* A local file goes through the one capped reader: regular files only,
   * no links, bytes counted while read (a device says its size is 0). */
  if (local_path != NULL)
    {
      if (!thidua_input_check (local_path, G_MAXSSIZE, error))
        return NULL;
    }
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("%s: is a folder, not a text file"),
                   name);
      return NULL;
    }
  if (g_file_info_get_size (info) > THIDUA_IMPORT_MAX_SIZE)
    {
      g_set_error (error, THIDUA_IMPORT_ERROR, THIDUA_IMPORT_ERROR_TOO_LARGE,
                   _("%s: the file is too large for a plan (%.1f MB; the limit is %d MB)"), name,
                   g_file_info_get_size (info) / (1024.0 * 1024.0),
                   THIDUA_IMPORT_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (local_path != NULL
      ? !thidua_input_read (local_path, THIDUA_IMPORT_MAX_SIZE, &contents, &len, &local_error)
      : !g_file_load_contents (file, cancellable, &contents, &len, NULL, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
      return NULL;
    }
  plan = thidua_import_data_full ((const guint8 *) contents, len, encoding, profile, flags, used,
                                  warnings, skipped, &local_error);
  if (plan == NULL)
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
  return plan;
}
