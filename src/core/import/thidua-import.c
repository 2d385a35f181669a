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
#include "thidua-text.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (thidua-import-error-quark, thidua_import_error)

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
  if (strcmp (compact, "conghoaxahoichunghiavietnam") == 0
      || strcmp (compact, "doclaptudohanhphuc") == 0)
    {
      self->national_heading = TRUE;
      self->header_seen = TRUE;
      return TRUE;
    }
  if (strcmp (compact, "dangcongsanvietnam") == 0)
    {
      self->party_heading = TRUE;
      self->header_seen = TRUE;
      return TRUE;
    }

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

static void
assign_bodies (Importer *self)
{
  GPtrArray *b = self->bodies;

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
  const char *name = NULL;

  for (guint i = 0; i < cells->len; i++)
    {
      const char *s = g_ptr_array_index (cells, i);

      if (authority == NULL && positions->len == 0 && name == NULL
          && is_authority (self, s, &authority, &on_behalf_of))
        continue;
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
  return TRUE;
}

/* Adds the cells of line i (split at tabs, markers stripped) to cells. */
static void
add_cells (Importer *self, guint i, GPtrArray *cells)
{
  g_auto(GStrv) parts = g_strsplit (line_at (self, i)->text, "\t", -1);

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
      g_auto(GStrv) cells = g_strsplit (line_at (self, i - 1)->text, "\t", -1);

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

  if (self->party_heading)
    return THIDUA_PROFILE_PARTY;
  if (folded_contains_any (bodies, union_bodies))
    return THIDUA_PROFILE_UNION;
  if (self->national_heading)
    return THIDUA_PROFILE_STATE;
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
}

#define BLANK "(?:\\s|[._…])*"

ThiduaPlan *
thidua_import_text (const char *text, gssize len, int profile, GPtrArray *warnings)
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
  return thidua_import_text (text, -1, profile, warnings);
}

ThiduaPlan *
thidua_import_file (GFile *file, ThiduaEncoding encoding, int profile, ThiduaEncoding *used,
                    GPtrArray *warnings, GCancellable *cancellable, GError **error)
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
  plan = thidua_import_data ((const guint8 *) contents, len, encoding, profile, used, warnings,
                             &local_error);
  if (plan == NULL)
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
  return plan;
}
