/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-markup.c — the body-markup parser on the five seeds and on the
 * corner cases the seeds show. */
#include "config.h"

#include <string.h>

#include "thidua-markup.h"

/* ------------------------------------------------------------- helpers */

/* The non-space characters of s, without the '*' markers and the table
 * bars ('|', and the '\\' of "\\|"): what must survive parsing.  Compared
 * up to canonical equivalence (NFD before and after dropping), because
 * removing a marker or a space may let a combining mark compose with the
 * letter before it.  The parser treats BOM and zero-width space as space. */
static void
append_stream (GString *out, const char *s, gssize len)
{
  g_autofree char *nfd = g_utf8_normalize (s, len, G_NORMALIZE_NFD);

  g_assert_nonnull (nfd);
  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '*' || c == '|' || c == 0xFEFF || c == 0x200B
          || (c == '\\' && p[1] == '|'))
        continue;
      g_string_append_unichar (out, c);
    }
}

static char *
canonical (GString *stream)
{
  char *nfd = g_utf8_normalize (stream->str, stream->len, G_NORMALIZE_NFD);

  g_string_free (stream, TRUE);
  return nfd;
}

static char *
stream_of (const char *s, gssize len)
{
  GString *out = g_string_new (NULL);

  append_stream (out, s, len);
  return canonical (out);
}

/* A table's stream is its header (when it has one) and its cells, row
 * by row: what its source lines hold, less the bars and the rule line. */
static char *
block_stream (const ThiduaBlock *b)
{
  GString *out = g_string_new (NULL);

  append_stream (out, b->label, -1);
  append_stream (out, b->text, -1);
  if (b->kind == THIDUA_BLOCK_TABLE)
    {
      ThiduaBodyTable *t = b->table;
      guint n_columns = thidua_body_table_get_n_columns (t);

      g_assert_nonnull (t);
      g_assert_cmpstr (b->text, ==, "");
      for (guint c = 0; c < n_columns && thidua_body_table_get_has_header (t); c++)
        append_stream (out, thidua_body_table_get_header (t, c), -1);
      for (guint r = 0; r < thidua_body_table_get_n_rows (t); r++)
        for (guint c = 0; c < n_columns; c++)
          {
            const char *cell = thidua_body_table_get_cell (t, r, c);

            g_assert_true (g_utf8_validate (cell, -1, NULL));
            append_stream (out, cell, -1);
          }
    }
  else
    g_assert_null (b->table);
  return canonical (out);
}

static char *
load_seed (const char *prefix)
{
  const char *dir = g_getenv ("THIDUA_TEST_SEEDS");
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_assert_nonnull (dir);
  d = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".txt"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        char *contents = NULL;

        g_file_get_contents (path, &contents, NULL, &error);
        g_assert_no_error (error);
        return contents;
      }
  g_error ("no seed %s in %s", prefix, dir);
  return NULL;
}

static const char *
skip_blank (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* The body of a seed: from the line starting with first_line (after
 * indentation) up to the recipients ("Nơi nhận:", or the typo "Nơi nhân:"),
 * or the end of the file. */
static char *
seed_body (const char *seed, const char *first_line)
{
  g_autofree char *text = load_seed (seed);
  const char *start = NULL, *end = NULL;

  for (const char *line = text; line != NULL && *line != '\0'; )
    {
      const char *nl = strchr (line, '\n');
      const char *content = skip_blank (line);

      if (start == NULL && g_str_has_prefix (content, first_line))
        start = line;
      else if (start != NULL
               && (g_str_has_prefix (content, "Nơi nhận")
                   || g_str_has_prefix (content, "Nơi nhân")))
        {
          end = line;
          break;
        }
      line = nl != NULL ? nl + 1 : NULL;
    }
  g_assert_nonnull (start);
  if (end == NULL)
    end = start + strlen (start);
  return g_strndup (start, end - start);
}

/* Line starts the way the parser counts lines: \n, \r\n and \r. */
static GArray *
line_starts_of (const char *text)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize zero = 0;

  g_array_append_val (starts, zero);
  for (gsize i = 0; text[i] != '\0'; i++)
    if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n'))
      {
        gsize next = i + 1;
        g_array_append_val (starts, next);
      }
  return starts;
}

/* Nothing lost, nothing invented, order kept; each block's source range
 * and lines hold exactly its label and text; each line's text lands, in
 * order, in the block that covers the line.  Linear, so it also runs on
 * the 10 MB bodies. */
/* The source with the rule line of each table that has a header blanked
 * out (same length, so offsets hold); the line must be only '-', ':',
 * '|' and space. */
static char *
without_rule_lines (const char *body_text, ThiduaBody *body, GArray *line_starts)
{
  char *copy = g_strdup (body_text);
  gsize text_len = strlen (body_text);

  for (guint i = 0; i < thidua_body_n_blocks (body); i++)
    {
      const ThiduaBlock *b = thidua_body_get_block (body, i);
      guint l = b->first_line + 1;
      gsize ls, le;

      if (b->kind != THIDUA_BLOCK_TABLE || !thidua_body_table_get_has_header (b->table))
        continue;
      g_assert_cmpuint (l, <=, b->last_line);
      ls = g_array_index (line_starts, gsize, l);
      le = l + 1 < line_starts->len ? g_array_index (line_starts, gsize, l + 1) : text_len;
      for (gsize k = ls; k < le; )
        {
          gunichar c = g_utf8_get_char_validated (copy + k, le - k);
          gsize n = c < 0x80 ? 1 : (gsize) (g_utf8_next_char (copy + k) - (copy + k));

          if (c == '\n' || c == '\r')
            {
              k++;
              continue;
            }
          if (c != '-' && c != ':' && c != '|' && c != 0xFEFF && c != 0x200B
              && !g_unichar_isspace (c))
            g_error ("rule line %u holds U+%04X: %.*s", l, c, (int) (le - ls), body_text + ls);
          memset (copy + k, ' ', n);
          k += n;
        }
    }
  return copy;
}

static void
assert_lossless (const char *source_text, ThiduaBody *body)
{
  g_autoptr(GArray) source_starts = line_starts_of (source_text);
  g_autofree char *body_text = without_rule_lines (source_text, body, source_starts);
  g_autofree char *want = stream_of (body_text, -1);
  g_autofree char *got_nfd = NULL;
  GString *got = g_string_new (NULL);
  g_autoptr(GArray) line_starts = line_starts_of (body_text);
  g_autoptr(GPtrArray) streams = g_ptr_array_new_with_free_func (g_free);
  gsize text_len = strlen (body_text);
  guint n_lines = line_starts->len;
  guint n_blocks = thidua_body_n_blocks (body);
  guint j = 0;
  gsize pos = 0;

  for (guint i = 0; i < n_blocks; i++)
    {
      const ThiduaBlock *b = thidua_body_get_block (body, i);
      char *bs = block_stream (b);
      g_autofree char *src = NULL;

      g_ptr_array_add (streams, bs);
      g_string_append (got, bs);

      g_assert_cmpuint (b->start, <, b->end);
      g_assert_cmpuint (b->end, <=, text_len);
      src = stream_of (body_text + b->start, b->end - b->start);
      g_assert_cmpstr (src, ==, bs);

      g_assert_cmpuint (b->first_line, <=, b->last_line);
      g_assert_cmpuint (b->last_line, <, n_lines);
      if (i > 0)
        g_assert_cmpuint (b->first_line, >, thidua_body_get_block (body, i - 1)->last_line);
      g_assert_cmpuint (g_array_index (line_starts, gsize, b->first_line), <=, b->start);
      if (b->first_line + 1 < n_lines)
        g_assert_cmpuint (b->start, <, g_array_index (line_starts, gsize, b->first_line + 1));
      g_assert_cmpuint (g_array_index (line_starts, gsize, b->last_line), <, b->end);

      g_assert_true (g_utf8_validate (b->text, -1, NULL));
      g_assert_nonnull (b->label);
    }
  got_nfd = canonical (got);
  g_assert_cmpstr (got_nfd, ==, want);

  /* Line by line, as the issue words it. */
  for (guint l = 0; l < n_lines; l++)
    {
      gsize ls = g_array_index (line_starts, gsize, l);
      gsize le = l + 1 < n_lines ? g_array_index (line_starts, gsize, l + 1) : text_len;
      g_autofree char *line = stream_of (body_text + ls, le - ls);
      gsize len = strlen (line);

      if (len == 0)
        continue;
      while (j < n_blocks && thidua_body_get_block (body, j)->last_line < l)
        j++, pos = 0;
      if (j >= n_blocks || thidua_body_get_block (body, j)->first_line > l
          || strncmp ((char *) streams->pdata[j] + pos, line, len) != 0)
        g_error ("line %u lost: %.*s", l, (int) (le - ls), body_text + ls);
      pos += len;
    }
}

typedef struct {
  const char *label;
  const char *title;
  gboolean    misnumbered;
} Heading;

static void
assert_roman_outline (ThiduaBody *body, const Heading *want, guint n_want)
{
  guint k = 0;

  for (guint i = 0; i < thidua_body_n_outline (body); i++)
    {
      const ThiduaOutlineEntry *e = thidua_body_get_outline (body, i);
      const ThiduaBlock *b = thidua_body_get_block (body, e->block_index);

      g_assert_cmpuint (e->line, ==, b->first_line);
      if (e->level != 1)
        continue;
      g_assert_cmpuint (k, <, n_want);
      g_assert_cmpstr (e->label, ==, want[k].label);
      g_assert_cmpstr (e->title, ==, want[k].title);
      g_assert_cmpint (e->misnumbered, ==, want[k].misnumbered);
      g_assert_cmpint (b->kind, ==, THIDUA_BLOCK_HEADING);
      g_assert_true (b->titled);
      k++;
    }
  g_assert_cmpuint (k, ==, n_want);
}

static const ThiduaBlock *
find_block (ThiduaBody *body, const char *text_prefix)
{
  for (guint i = 0; i < thidua_body_n_blocks (body); i++)
    {
      const ThiduaBlock *b = thidua_body_get_block (body, i);

      if (g_str_has_prefix (b->text, text_prefix))
        return b;
    }
  g_error ("no block starts with \"%s\"", text_prefix);
  return NULL;
}

static gboolean
has_run (const ThiduaBlock *b, const char *text, ThiduaRunStyle style)
{
  for (guint i = 0; i < b->runs->len; i++)
    {
      const ThiduaRun *r = &g_array_index (b->runs, ThiduaRun, i);

      if (r->style == style && g_strcmp0 (r->text, text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* --------------------------------------------------------------- seeds */

static void
test_seed_000 (void)
{
  g_autofree char *text = seed_body ("000_", "I. MỤC ĐÍCH");
  g_autoptr(ThiduaBody) body = thidua_body_parse (text);
  const Heading want[] = {
    { "I.", "MỤC ĐÍCH, YÊU CẦU", FALSE },
    { "II.", "PHẠM VI, ĐỐI TƯỢNG, CHỦ ĐỀ VÀ NỘI DUNG THI ĐUA", FALSE },
    { "III.", "MỤC TIÊU", FALSE },
    { "IV.", "THỜI GIAN THỰC HIỆN", FALSE },
    { "V.", "TỔ CHỨC THỰC HIỆN", FALSE },
  };
  /* The titled numbered items under the headings, as the seed shows them. */
  const struct { guint level; const char *label, *title; } sub[] = {
    { 1, "I.", "MỤC ĐÍCH, YÊU CẦU" },
    { 2, "1.", "Mục đích" },
    { 1, "II.", "PHẠM VI, ĐỐI TƯỢNG, CHỦ ĐỀ VÀ NỘI DUNG THI ĐUA" },
    { 2, "1.", "Phạm vi, đối tượng thi đua" },
    { 2, "2.", "Chủ đề, nội dung thi đua" },
    { 3, "2.1", "Chủ đề thi đua “Trường Chính trị đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19”" },
    { 3, "2.2.", "Nội dung thi đua" },
    { 1, "III.", "MỤC TIÊU" },
    { 1, "IV.", "THỜI GIAN THỰC HIỆN" },
    { 1, "V.", "TỔ CHỨC THỰC HIỆN" },
  };
  const ThiduaBlock *b;

  assert_lossless (text, body);
  assert_roman_outline (body, want, G_N_ELEMENTS (want));

  g_assert_cmpuint (thidua_body_n_outline (body), ==, G_N_ELEMENTS (sub));
  for (guint i = 0; i < G_N_ELEMENTS (sub); i++)
    {
      const ThiduaOutlineEntry *e = thidua_body_get_outline (body, i);

      g_assert_cmpuint (e->level, ==, sub[i].level);
      g_assert_cmpstr (e->label, ==, sub[i].label);
      g_assert_cmpstr (e->title, ==, sub[i].title);
      g_assert_false (e->misnumbered);
    }

  /* "- a. Phạm vi: …" is a bullet that keeps its letter in the text. */
  b = find_block (body, "a. Phạm vi:");
  g_assert_cmpint (b->kind, ==, THIDUA_BLOCK_BULLET);
  g_assert_cmpstr (b->label, ==, "-");

  /* Numbered sentences are not titles and stay out of the outline. */
  b = find_block (body, "Trưởng các khoa, phòng");
  g_assert_cmpint (b->kind, ==, THIDUA_BLOCK_NUMBERED);
  g_assert_cmpstr (b->label, ==, "1.");
  g_assert_false (b->titled);

  /* "100% …" is a paragraph, not an item numbered 100. */
  b = find_block (body, "100% đảng viên");
  g_assert_cmpint (b->kind, ==, THIDUA_BLOCK_PARAGRAPH);
  g_assert_cmpstr (b->label, ==, "");
}

static void
test_seed_001 (void)
{
  g_autofree char *text = seed_body ("001_", "I. MỤC ĐÍCH");
  g_autoptr(ThiduaBody) body = thidua_body_parse (text);
  const Heading want[] = {
    { "I.", "MỤC ĐÍCH, YÊU CẦU", FALSE },
    { "II.", "PHẠM VI, ĐỐI TƯỢNG VÀ NỘI DUNG THI ĐUA", FALSE },
    { "III.", "TỔ CHỨC THỰC HIỆN", FALSE },   /* indented with a tab */
  };
  const ThiduaBlock *b;

  assert_lossless (text, body);
  assert_roman_outline (body, want, G_N_ELEMENTS (want));

  /* "1. Mục đích:" — a title despite the colon */
  b = find_block (body, "Mục đích:");
  g_assert_cmpint (b->kind, ==, THIDUA_BLOCK_NUMBERED);
  g_assert_true (b->titled);

  /* "1.  Phạm vi" with two spaces */
  b = find_block (body, "Phạm vi, đối tượng thi đua");
  g_assert_cmpint (b->kind, ==, THIDUA_BLOCK_NUMBERED);
  g_assert_cmpstr (b->label, ==, "1.");
  g_assert_true (b->titled);

  /* "a.Phạm vi:" glued to its letter */
  b = find_block (body, "Phạm vi: Phong trào");
  g_assert_cmpint (b->kind, ==, THIDUA_BLOCK_LETTERED);
  g_assert_cmpstr (b->label, ==, "a.");
  b = find_block (body, "Đối tượng: Cán bộ");
  g_assert_cmpint (b->kind, ==, THIDUA_BLOCK_LETTERED);
  g_assert_cmpstr (b->label, ==, "b.");

  /* " - Thi đua …" indented bullet */
  b = find_block (body, "Thi đua thực hiện tốt công tác Tuyên truyền");
  g_assert_cmpint (b->kind, ==, THIDUA_BLOCK_BULLET);
}

static void
test_seed_002 (void)
{
  g_autofree char *text = seed_body ("002_", "Căn cứ Hướng dẫn");
  g_autoptr(ThiduaBody) body = thidua_body_parse (text);
  const Heading want[] = {
    { "I.", "MỤC ĐÍCH, YÊU CẦU", FALSE },
    { "II.", "CHỦ ĐỀ, NỘI DUNG, CHỈ TIÊU", FALSE },
    { "III.", "TỔ CHỨC THỰC HIỆN", FALSE },
  };
  const char *motto = "Trọng tâm - Trách nhiệm - Kỷ cương - Nêu gương - Sáng tạo";
  g_autofree char *quoted_motto = g_strdup_printf ("\"%s\"", motto);
  const ThiduaBlock *b;

  assert_lossless (text, body);
  assert_roman_outline (body, want, G_N_ELEMENTS (want));

  /* **"…"** bold, markers removed from the text */
  b = find_block (body, "Thực hiện chủ đề phong trào thi đua năm 2022");
  g_assert_true (has_run (b, quoted_motto, THIDUA_RUN_BOLD));
  g_assert_null (strchr (b->text, '*'));
  g_assert_nonnull (strstr (b->text, quoted_motto));

  /* "*…*" italic inside quotes, twice in one paragraph */
  b = find_block (body, "Hưởng ứng phong trào thi đua năm 2022");
  g_assert_true (has_run (b, motto, THIDUA_RUN_ITALIC));
  g_assert_true (has_run (b, "Xây dựng phong cách cán bộ Trường chính trị tỉnh Lai Châu trung thành, sáng tạo, cống hiến vì sự nghiệp đào tạo và nghiên cứu lý luận chính trị", THIDUA_RUN_ITALIC));
  g_assert_null (strchr (b->text, '*'));

  /* (*…*) italic in brackets */
  b = find_block (body, "Trên đây là kế hoạch");
  g_assert_true (has_run (b, "Qua phòng Tổ chức, hành chính, thông tin, tư liệu", THIDUA_RUN_ITALIC));

  /* A hard wrap across a blank line ("… hình\n\nrộng …") joins. */
  b = find_block (body, "Tổ chức phong trào thi đua phải có sự đổi mới");
  g_assert_cmpuint (b->last_line, ==, b->first_line + 2);
  g_assert_nonnull (strstr (b->text, " rộng các điển hình tiên tiến"));

  /* Numbered sentences at level 2 */
  b = find_block (body, "Tăng cường đoàn kết thống nhất");
  g_assert_cmpint (b->kind, ==, THIDUA_BLOCK_NUMBERED);
  g_assert_cmpuint (b->level, ==, 2);
  g_assert_cmpstr (b->label, ==, "2.3.");
  g_assert_false (b->titled);
  g_assert_false (b->misnumbered);
}

static void
test_seed_003 (void)
{
  g_autofree char *text = seed_body ("003_", "Thực hiện Kế hoạch số 133");
  g_autoptr(ThiduaBody) body = thidua_body_parse (text);
  const Heading want[] = {
    { "I.", "MỤC ĐÍCH, YÊU CẦU", FALSE },
    { "II.", "NỘI DUNG PHONG TRÀO THI ĐUA", FALSE },
    { "III.", "GIẢI PHÁP THỰC HIỆN", FALSE },
    { "IV.", "TIÊU CHÍ THI ĐUA", FALSE },
    { "V.", "KHEN THƯỞNG", FALSE },
    { "IV.", "TỔ CHỨC THỰC HIỆN", TRUE },    /* IV. twice in the source */
  };
  const ThiduaBlock *b;

  assert_lossless (text, body);
  assert_roman_outline (body, want, G_N_ELEMENTS (want));

  /* "* Khen đột xuất: …" is an item, not italic */
  b = find_block (body, "Khen đột xuất:");
  g_assert_cmpint (b->kind, ==, THIDUA_BLOCK_BULLET);
  g_assert_cmpstr (b->label, ==, "*");
  g_assert_cmpuint (b->runs->len, ==, 1);
  g_assert_cmpint (g_array_index (b->runs, ThiduaRun, 0).style, ==, THIDUA_RUN_PLAIN);

  /* numbering restarts after the repeated heading and is fine there */
  b = find_block (body, "Đối với Phòng GD&ĐT");
  g_assert_cmpint (b->kind, ==, THIDUA_BLOCK_NUMBERED);
  g_assert_true (b->titled);
  g_assert_false (b->misnumbered);
}

static void
test_seed_004 (void)
{
  g_autofree char *text = seed_body ("004_", "Thực hiện Kế hoạch số 4049");
  g_autoptr(ThiduaBody) body = thidua_body_parse (text);
  const Heading want[] = {
    { "I.", "MỤC ĐÍCH, YÊU CẦU", FALSE },
    { "II.", "NỘI DUNG, THỜI GIAN PHONG TRÀO THI ĐUA", FALSE },
    { "III.", "GIẢI PHÁP THỰC HIỆN", FALSE },
    { "IV.", "TỔ CHỨC THỰC HIỆN", FALSE },
  };
  const ThiduaBlock *b;

  assert_lossless (text, body);
  assert_roman_outline (body, want, G_N_ELEMENTS (want));

  /* "… nhiệm vụ trọng tâm\n\ntrong hoạt động; …" is one bullet */
  b = find_block (body, "Việc thực hiện phong trào thi đua");
  g_assert_cmpint (b->kind, ==, THIDUA_BLOCK_BULLET);
  g_assert_nonnull (strstr (b->text, "trọng tâm trong hoạt động;"));

  /* a long title without final punctuation */
  b = find_block (body, "Liên đoàn Lao động các huyện");
  g_assert_true (b->titled);
}

static void
test_seed_whole_files (void)
{
  /* The whole documents, header and signature included, lose nothing. */
  const char *seeds[] = { "000_", "001_", "002_", "003_", "004_" };

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *text = load_seed (seeds[i]);
      g_autoptr(ThiduaBody) body = thidua_body_parse (text);

      assert_lossless (text, body);
    }
}

/* --------------------------------------------------------- line kinds */

typedef struct {
  const char      *line;
  ThiduaBlockKind  kind;
  guint            level;
  const char      *label;
  const char      *text;
  gboolean         titled;
} LineCase;

static void
test_line_kinds (void)
{
  const LineCase cases[] = {
    { "I. MỤC ĐÍCH, YÊU CẦU", THIDUA_BLOCK_HEADING, 1, "I.", "MỤC ĐÍCH, YÊU CẦU", TRUE },
    { "XIV. KHEN THƯỞNG", THIDUA_BLOCK_HEADING, 1, "XIV.", "KHEN THƯỞNG", TRUE },
    { "II. Tổ chức thực hiện", THIDUA_BLOCK_HEADING, 1, "II.", "Tổ chức thực hiện", TRUE },
    { "IV.", THIDUA_BLOCK_HEADING, 1, "IV.", "", TRUE },
    { "Vừa phòng dịch vừa dạy học.", THIDUA_BLOCK_PARAGRAPH, 1, "", "Vừa phòng dịch vừa dạy học.", FALSE },
    { "V. là chữ cái", THIDUA_BLOCK_PARAGRAPH, 1, "", "V. là chữ cái", FALSE },
    { "C. Phần chung", THIDUA_BLOCK_PARAGRAPH, 1, "", "C. Phần chung", FALSE },
    { "IIII. SAI", THIDUA_BLOCK_PARAGRAPH, 1, "", "IIII. SAI", FALSE },
    { "VI.Lênin", THIDUA_BLOCK_PARAGRAPH, 1, "", "VI.Lênin", FALSE },
    { "1. Mục đích", THIDUA_BLOCK_NUMBERED, 1, "1.", "Mục đích", TRUE },
    { "1.  Phạm vi", THIDUA_BLOCK_NUMBERED, 1, "1.", "Phạm vi", TRUE },
    { "1.Mục đích", THIDUA_BLOCK_NUMBERED, 1, "1.", "Mục đích", TRUE },
    { "2.1 Chủ đề thi đua", THIDUA_BLOCK_NUMBERED, 2, "2.1", "Chủ đề thi đua", TRUE },
    { "2.1.1. Tiểu mục", THIDUA_BLOCK_NUMBERED, 3, "2.1.1.", "Tiểu mục", TRUE },
    { "2.1. Thực hiện tốt nhiệm vụ.", THIDUA_BLOCK_NUMBERED, 2, "2.1.", "Thực hiện tốt nhiệm vụ.", FALSE },
    { "3. Tổ chức hội nghị; báo cáo kết quả;", THIDUA_BLOCK_NUMBERED, 1, "3.", "Tổ chức hội nghị; báo cáo kết quả;", FALSE },
    { "4. Khen thưởng \"Lao động tiên tiến\".", THIDUA_BLOCK_NUMBERED, 1, "4.", "Khen thưởng \"Lao động tiên tiến\".", FALSE },
    { "5. Khen thưởng “Lao động tiên tiến”", THIDUA_BLOCK_NUMBERED, 1, "5.", "Khen thưởng “Lao động tiên tiến”", TRUE },
    { "10.000 đồng mỗi người", THIDUA_BLOCK_PARAGRAPH, 1, "", "10.000 đồng mỗi người", FALSE },
    { "100% đảng viên", THIDUA_BLOCK_PARAGRAPH, 1, "", "100% đảng viên", FALSE },
    { "10 cá nhân", THIDUA_BLOCK_PARAGRAPH, 1, "", "10 cá nhân", FALSE },
    { "2022. Năm bản lề", THIDUA_BLOCK_PARAGRAPH, 1, "", "2022. Năm bản lề", FALSE },
    { "a) Phạm vi", THIDUA_BLOCK_LETTERED, 1, "a)", "Phạm vi", FALSE },
    { "đ) Khen thưởng đột xuất", THIDUA_BLOCK_LETTERED, 1, "đ)", "Khen thưởng đột xuất", FALSE },
    { "b. Đối tượng", THIDUA_BLOCK_LETTERED, 1, "b.", "Đối tượng", FALSE },
    { "a.Phạm vi: trong cơ quan.", THIDUA_BLOCK_LETTERED, 1, "a.", "Phạm vi: trong cơ quan.", FALSE },
    { "v.v. các việc khác", THIDUA_BLOCK_PARAGRAPH, 1, "", "v.v. các việc khác", FALSE },
    { "- Thi đua dạy tốt", THIDUA_BLOCK_BULLET, 1, "-", "Thi đua dạy tốt", FALSE },
    { "\t -  Thụt đầu dòng", THIDUA_BLOCK_BULLET, 1, "-", "Thụt đầu dòng", FALSE },
    { "-Thiếu dấu cách", THIDUA_BLOCK_BULLET, 1, "-", "Thiếu dấu cách", FALSE },
    { "+ Ý nhỏ", THIDUA_BLOCK_BULLET, 2, "+", "Ý nhỏ", FALSE },
    { "– Gạch ngang dài", THIDUA_BLOCK_BULLET, 1, "–", "Gạch ngang dài", FALSE },
    { "* Khen đột xuất: cho tập thể", THIDUA_BLOCK_BULLET, 1, "*", "Khen đột xuất: cho tập thể", FALSE },
    { "- a. Phạm vi", THIDUA_BLOCK_BULLET, 1, "-", "a. Phạm vi", FALSE },
    { "-----", THIDUA_BLOCK_PARAGRAPH, 1, "", "-----", FALSE },
    { "-", THIDUA_BLOCK_PARAGRAPH, 1, "", "-", FALSE },
    { "-5 độ", THIDUA_BLOCK_PARAGRAPH, 1, "", "-5 độ", FALSE },
    { "*Nghiêng* đầu dòng", THIDUA_BLOCK_PARAGRAPH, 1, "", "Nghiêng đầu dòng", FALSE },
    { "**I. MỤC ĐÍCH**", THIDUA_BLOCK_HEADING, 1, "I.", "MỤC ĐÍCH", TRUE },
    { "**1. Mục đích**", THIDUA_BLOCK_NUMBERED, 1, "1.", "Mục đích", TRUE },
    { "*a) Phạm vi*", THIDUA_BLOCK_LETTERED, 1, "a)", "Phạm vi", FALSE },
    { "**1. Mục đích", THIDUA_BLOCK_NUMBERED, 1, "1.", "**Mục đích", TRUE },
    { "**Chú ý:** làm ngay", THIDUA_BLOCK_PARAGRAPH, 1, "", "Chú ý: làm ngay", FALSE },
    { "Căn cứ   Luật Thi đua,\tkhen thưởng", THIDUA_BLOCK_PARAGRAPH, 1, "", "Căn cứ Luật Thi đua, khen thưởng", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ThiduaBody) body = thidua_body_parse (cases[i].line);
      const ThiduaBlock *b;

      g_test_message ("line: %s", cases[i].line);
      g_assert_cmpuint (thidua_body_n_blocks (body), ==, 1);
      b = thidua_body_get_block (body, 0);
      g_assert_cmpint (b->kind, ==, cases[i].kind);
      g_assert_cmpuint (b->level, ==, cases[i].level);
      g_assert_cmpstr (b->label, ==, cases[i].label);
      g_assert_cmpstr (b->text, ==, cases[i].text);
      g_assert_cmpint (b->titled, ==, cases[i].titled);
      assert_lossless (cases[i].line, body);
    }
}

static void
test_title_length (void)
{
  g_autoptr(GString) line = g_string_new ("1.");
  g_autoptr(ThiduaBody) short_body = NULL;
  g_autoptr(ThiduaBody) long_body = NULL;

  for (guint i = 0; i < 30; i++)
    g_string_append (line, " từ");
  short_body = thidua_body_parse (line->str);
  g_assert_true (thidua_body_get_block (short_body, 0)->titled);
  g_string_append (line, " nữa");
  long_body = thidua_body_parse (line->str);
  g_assert_false (thidua_body_get_block (long_body, 0)->titled);
  g_assert_cmpuint (thidua_body_n_outline (long_body), ==, 0);
}

/* -------------------------------------------------------------- inline */

typedef struct {
  const char *in;
  const char *runs[8];   /* style digit + text: "0plain", "1bold", "2italic", "3both" */
} InlineCase;

static void
test_inline (void)
{
  const InlineCase cases[] = {
    { "thường **đậm** thường", { "0thường ", "1đậm", "0 thường" } },
    { "*nghiêng*", { "2nghiêng" } },
    { "***cả hai*** và", { "3cả hai", "0 và" } },
    { "**đậm *cả hai* đậm**", { "1đậm ", "3cả hai", "1 đậm" } },
    { "\"*Trọng tâm*\", tiếp", { "0\"", "2Trọng tâm", "0\", tiếp" } },
    { "2 * 3 = 6", { "02 * 3 = 6" } },
    { "**đậm không đóng", { "0**đậm không đóng" } },
    { "một *sao lẻ", { "0một *sao lẻ" } },
    { "* không mở *", { "0* không mở *" } },
    { "**** bốn sao ****", { "0**** bốn sao ****" } },
    { "(*)", { "0(*)" } },
    { "a*b*c", { "0a", "2b", "0c" } },
    { "**a** **b**", { "1a", "0 ", "1b" } },
    { "", { NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) runs = thidua_markup_parse_inline (cases[i].in);
      guint n = 0;

      g_test_message ("inline: %s", cases[i].in);
      while (n < G_N_ELEMENTS (cases[i].runs) && cases[i].runs[n] != NULL)
        n++;
      g_assert_cmpuint (runs->len, ==, n);
      for (guint k = 0; k < n; k++)
        {
          const ThiduaRun *r = &g_array_index (runs, ThiduaRun, k);

          g_assert_cmpint (r->style, ==, cases[i].runs[k][0] - '0');
          g_assert_cmpstr (r->text, ==, cases[i].runs[k] + 1);
        }
    }
}

static void
test_inline_block_text (void)
{
  g_autoptr(ThiduaBody) body = thidua_body_parse ("I. **MỤC ĐÍCH**, YÊU CẦU");
  const ThiduaBlock *b = thidua_body_get_block (body, 0);
  const ThiduaOutlineEntry *e = thidua_body_get_outline (body, 0);

  g_assert_cmpint (b->kind, ==, THIDUA_BLOCK_HEADING);
  g_assert_cmpstr (b->text, ==, "MỤC ĐÍCH, YÊU CẦU");
  g_assert_cmpstr (e->title, ==, "MỤC ĐÍCH, YÊU CẦU");
  g_assert_cmpuint (b->runs->len, ==, 2);
  g_assert_cmpint (g_array_index (b->runs, ThiduaRun, 0).style, ==, THIDUA_RUN_BOLD);
}

/* ----------------------------------------------------- structure rules */

static void
test_continuation (void)
{
  const char *text =
    "- Việc thi đua phải trở thành nhiệm vụ trọng tâm\n"      /* 0 */
    "\n"
    "trong hoạt động; triển khai sâu rộng.\n"                 /* 2 joins */
    "\n"
    "thường xuyên kiểm tra.\n"                                /* 4 after '.' */
    "Đoạn mới không có dấu chấm\n"                            /* 5 capital */
    "\n"
    "\n"
    "hai dòng trống thì tách\n"                               /* 8 */
    "I. TIÊU ĐỀ\n"                                            /* 9 */
    "chữ thường sau tiêu đề\n"                                /* 10 */
    "Kết luận:\n"                                             /* 11 */
    "các đơn vị thực hiện\n";                                 /* 12 after ':' */
  g_autoptr(ThiduaBody) body = thidua_body_parse (text);
  const guint first[] = { 0, 4, 5, 8, 9, 10, 11, 12 };
  const guint last[] = { 2, 4, 5, 8, 9, 10, 11, 12 };

  assert_lossless (text, body);
  g_assert_cmpuint (thidua_body_n_blocks (body), ==, G_N_ELEMENTS (first));
  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    {
      const ThiduaBlock *b = thidua_body_get_block (body, i);

      g_assert_cmpuint (b->first_line, ==, first[i]);
      g_assert_cmpuint (b->last_line, ==, last[i]);
    }
  g_assert_cmpstr (thidua_body_get_block (body, 0)->text, ==,
                   "Việc thi đua phải trở thành nhiệm vụ trọng tâm trong hoạt động; triển khai sâu rộng.");
}

static void
test_line_endings (void)
{
  const char *crlf = "I. MỤC ĐÍCH\r\n\r\n1. Mục đích\r\n- Một ý;\r- Hai ý.\r\n";
  g_autoptr(ThiduaBody) body = thidua_body_parse (crlf);

  assert_lossless (crlf, body);
  g_assert_cmpuint (thidua_body_n_blocks (body), ==, 4);
  g_assert_cmpstr (thidua_body_get_block (body, 0)->text, ==, "MỤC ĐÍCH");
  g_assert_cmpuint (thidua_body_get_block (body, 2)->first_line, ==, 3);
  g_assert_cmpuint (thidua_body_get_block (body, 3)->first_line, ==, 4);
  g_assert_cmpstr (thidua_body_get_block (body, 3)->text, ==, "Hai ý.");
}

static void
test_nfc (void)
{
  /* "Mục đích" and "Nguyễn" typed decomposed */
  const char *nfd = "1. Mu\xcc\xa3" "c \xc4\x91i\xcc\x81" "ch\nNguye\xcc\x82\xcc\x83n";
  g_autoptr(ThiduaBody) body = thidua_body_parse (nfd);

  g_assert_cmpuint (thidua_body_n_blocks (body), ==, 2);
  g_assert_cmpstr (thidua_body_get_block (body, 0)->text, ==, "Mục đích");
  g_assert_cmpstr (thidua_body_get_outline (body, 0)->title, ==, "Mục đích");
  g_assert_cmpstr (thidua_body_get_block (body, 1)->text, ==, "Nguyễn");
  g_assert_cmpstr (g_array_index (thidua_body_get_block (body, 1)->runs, ThiduaRun, 0).text, ==, "Nguyễn");
}

static void
test_invalid_utf8 (void)
{
  /* Bad bytes become U+FFFD; the rest of the line is kept. */
  g_autoptr(ThiduaBody) body = thidua_body_parse ("- Ngu\xff" "yễn Văn A\nI. HẾT");

  g_assert_cmpuint (thidua_body_n_blocks (body), ==, 2);
  g_assert_cmpstr (thidua_body_get_block (body, 0)->text, ==, "Ngu\xef\xbf\xbdyễn Văn A");
  g_assert_cmpint (thidua_body_get_block (body, 1)->kind, ==, THIDUA_BLOCK_HEADING);
}

static void
test_misnumbering (void)
{
  const char *text =
    "I. MỘT\n"
    "1. Một\n"
    "2. Hai\n"
    "2. Hai lặp\n"          /* repeat */
    "4. Bốn\n"              /* skip */
    "4.1. Bốn một\n"
    "4.3. Bốn ba\n"         /* skip at level 2 */
    "5. Năm\n"
    "5.1. Năm một\n"
    "III. BA\n"             /* skip */
    "1. Lại từ đầu\n"
    "IV. BỐN\n"
    "2. Không bắt đầu từ một\n";
  g_autoptr(ThiduaBody) body = thidua_body_parse (text);
  const gboolean want[] = {
    FALSE, FALSE, FALSE, TRUE, TRUE, FALSE, TRUE, FALSE, FALSE, TRUE, FALSE, FALSE, TRUE,
  };

  g_assert_cmpuint (thidua_body_n_blocks (body), ==, G_N_ELEMENTS (want));
  g_assert_cmpuint (thidua_body_n_outline (body), ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      const ThiduaOutlineEntry *e = thidua_body_get_outline (body, i);
      const ThiduaBlock *b = thidua_body_get_block (body, i);

      g_test_message ("%s %s", e->label, e->title);
      g_assert_cmpint (e->misnumbered, ==, want[i]);
      g_assert_cmpint (b->misnumbered, ==, want[i]);
      g_assert_cmpuint (e->block_index, ==, i);
      g_assert_cmpuint (e->line, ==, i);
    }
  g_assert_cmpuint (thidua_body_get_outline (body, 5)->level, ==, 3);
  g_assert_cmpuint (thidua_body_get_outline (body, 1)->level, ==, 2);
}

static void
test_lettering (void)
{
  const char *text =
    "1. Phạm vi\n"
    "a) một\n"
    "b) hai\n"
    "- ý xen giữa\n"
    "c) ba\n"
    "d) bốn\n"
    "e) năm, đ bỏ qua\n"       /* accepted */
    "g) sáu\n"
    "i) bảy\n"                 /* h skipped */
    "2. Đối tượng\n"
    "b) không bắt đầu từ a\n"  /* restart expected a */
    "c) tiếp\n"
    "f) không phải chữ Việt\n";
  g_autoptr(ThiduaBody) body = thidua_body_parse (text);
  const gboolean want[] = {
    FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, FALSE, TRUE, FALSE, TRUE,
  };

  g_assert_cmpuint (thidua_body_n_blocks (body), ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      const ThiduaBlock *b = thidua_body_get_block (body, i);

      g_test_message ("%s %s", b->label, b->text);
      g_assert_cmpint (b->misnumbered, ==, want[i]);
    }

  {
    g_autoptr(ThiduaBody) with_dd = thidua_body_parse ("a) một\nb) hai\nc) ba\nd) bốn\nđ) năm\ne) sáu");

    for (guint i = 0; i < thidua_body_n_blocks (with_dd); i++)
      g_assert_false (thidua_body_get_block (with_dd, i)->misnumbered);
  }
}

static void
test_roman_value (void)
{
  const struct { const char *s; guint v; } cases[] = {
    { "I", 1 }, { "IV", 4 }, { "V", 5 }, { "IX", 9 }, { "XIV", 14 },
    { "XXXIX", 39 }, { "XL", 40 }, { "MCMXCIV", 1994 }, { "MMMCMXCIX", 3999 },
    { "IIII", 0 }, { "IL", 0 }, { "VX", 0 }, { "iv", 0 }, { "", 0 },
    { "IVI", 0 }, { "A", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (thidua_markup_roman_value (cases[i].s, strlen (cases[i].s)), ==, cases[i].v);
  /* len bounds the numeral: "IV." read as "IV" */
  g_assert_cmpuint (thidua_markup_roman_value ("IV.", 2), ==, 4);
}

static void
test_empty_and_ref (void)
{
  g_autoptr(ThiduaBody) empty = thidua_body_parse ("");
  g_autoptr(ThiduaBody) null_body = thidua_body_parse (NULL);
  g_autoptr(ThiduaBody) blank = thidua_body_parse (" \n\t\n\xc2\xa0\n");
  ThiduaBody *body = thidua_body_parse ("I. MỘT\n- ý");
  ThiduaBody *again = thidua_body_ref (body);

  g_assert_cmpuint (thidua_body_n_blocks (empty), ==, 0);
  g_assert_cmpuint (thidua_body_n_outline (empty), ==, 0);
  g_assert_cmpuint (thidua_body_n_blocks (null_body), ==, 0);
  g_assert_cmpuint (thidua_body_n_blocks (blank), ==, 0);

  g_assert_true (again == body);
  thidua_body_unref (body);
  g_assert_cmpuint (thidua_body_n_blocks (again), ==, 2);
  thidua_body_unref (again);
}

/* Random bodies built from the pieces the parser reacts to: whatever
 * comes out, nothing is lost and every block points at its source. */
static void
test_random_lossless (void)
{
  const char *pieces[] = {
    "I.", "IV.", "V", "XX.", "1.", "2.1", "2.1.", "10.000", "a)", "a.", "đ)",
    "-", "+", "*", "**", "***", "–", "•", " ", "  ", "\t", "\n", "\n", "\n\n",
    "\r\n", "\r", "\xc2\xa0", "\xef\xbb\xbf", "Mục", "đích", "ĐỒNG", "x", "Y",
    "hoạch", "Nguye\xcc\x82\xcc\x83n", "\xcc\x81", ".", ";", ":", ",", "\"",
    "”", "(", ")", "0", "9", "|", "| ", " |", "\\|", "---", ":-:", "--:", "|---|",
    "\n|", "\n| ", "\n|:--|--:|\n",
  };
  guint tables = 0, headers = 0;

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(ThiduaBody) body = NULL;
      guint n = g_test_rand_int_range (1, 60);

      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
      body = thidua_body_parse (text->str);
      assert_lossless (text->str, body);
      for (guint i = 0; i < thidua_body_n_outline (body); i++)
        {
          const ThiduaOutlineEntry *e = thidua_body_get_outline (body, i);

          g_assert_cmpuint (e->block_index, <, thidua_body_n_blocks (body));
          g_assert_cmpuint (e->level, >=, 1);
          g_assert_cmpint (thidua_body_get_block (body, e->block_index)->kind, !=, THIDUA_BLOCK_TABLE);
        }
      for (guint i = 0; i < thidua_body_n_blocks (body); i++)
        {
          const ThiduaBlock *b = thidua_body_get_block (body, i);

          if (b->kind != THIDUA_BLOCK_TABLE)
            continue;
          tables++;
          headers += thidua_body_table_get_has_header (b->table);
        }
    }
  /* the pieces do make tables, with and without a header */
  g_assert_cmpuint (tables, >, 100);
  g_assert_cmpuint (headers, >, 10);
}

/* --------------------------------------------------------------- large */

static void
test_large_body (void)
{
  g_autofree char *seed = seed_body ("002_", "Căn cứ Hướng dẫn");
  g_autoptr(ThiduaBody) one = thidua_body_parse (seed);
  g_autoptr(GString) big = g_string_sized_new (10 * 1024 * 1024 + 16384);
  g_autoptr(ThiduaBody) body = NULL;
  guint copies = 0;

  while (big->len < 10 * 1024 * 1024)
    {
      g_string_append (big, seed);
      g_string_append (big, "\n\n");
      copies++;
    }
  body = thidua_body_parse (big->str);
  g_assert_cmpuint (thidua_body_n_blocks (body), ==, copies * thidua_body_n_blocks (one));
  g_assert_cmpuint (thidua_body_n_outline (body), ==, copies * thidua_body_n_outline (one));
  assert_lossless (big->str, body);
}

static void
test_large_pathological (void)
{
  /* One 10 MB line full of unmatched and matched markers, then one long
   * run of hard-wrapped lines that all join: neither may go quadratic. */
  g_autoptr(GString) line = g_string_sized_new (10 * 1024 * 1024 + 64);
  g_autoptr(GString) wrapped = g_string_sized_new (10 * 1024 * 1024 + 64);
  g_autoptr(ThiduaBody) b1 = NULL;
  g_autoptr(ThiduaBody) b2 = NULL;

  while (line->len < 10 * 1024 * 1024)
    g_string_append (line, "*mở **đậm *a* b ** (*) ");
  b1 = thidua_body_parse (line->str);
  g_assert_cmpuint (thidua_body_n_blocks (b1), ==, 1);
  g_assert_cmpuint (thidua_body_get_block (b1, 0)->runs->len, >, 1000);

  g_string_append (wrapped, "- Đầu mục");
  while (wrapped->len < 10 * 1024 * 1024)
    g_string_append (wrapped, "\nnối tiếp dòng trước không có dấu");
  b2 = thidua_body_parse (wrapped->str);
  g_assert_cmpuint (thidua_body_n_blocks (b2), ==, 1);
  assert_lossless (wrapped->str, b2);
}

/* --------------------------------------------------------------- tables */

static const ThiduaBlock *
only_table (ThiduaBody *body)
{
  for (guint i = 0; i < thidua_body_n_blocks (body); i++)
    if (thidua_body_get_block (body, i)->kind == THIDUA_BLOCK_TABLE)
      return thidua_body_get_block (body, i);
  g_assert_not_reached ();
  return NULL;
}

static void
test_table_header_alignment (void)
{
  const char *text =
    "Chỉ tiêu năm học:\n"
    "| STT | Danh hiệu | Chỉ tiêu |\n"
    "|:---:|-----------|---------:|\n"
    "| 1 | Lao động tiên tiến | 80% |\n"
    "| 2 | **Chiến sĩ thi đua cơ sở** | 10 - 15% |\n"
    "Các đơn vị thực hiện./.";
  g_autoptr(ThiduaBody) body = thidua_body_parse (text);
  const ThiduaBlock *b;
  ThiduaBodyTable *t;

  g_assert_cmpuint (thidua_body_n_blocks (body), ==, 3);
  g_assert_cmpint (thidua_body_get_block (body, 0)->kind, ==, THIDUA_BLOCK_PARAGRAPH);
  g_assert_cmpint (thidua_body_get_block (body, 2)->kind, ==, THIDUA_BLOCK_PARAGRAPH);
  b = thidua_body_get_block (body, 1);
  g_assert_cmpint (b->kind, ==, THIDUA_BLOCK_TABLE);
  t = b->table;
  g_assert_true (thidua_body_table_get_has_header (t));
  g_assert_cmpuint (thidua_body_table_get_n_columns (t), ==, 3);
  g_assert_cmpstr (thidua_body_table_get_header (t, 0), ==, "STT");
  g_assert_cmpstr (thidua_body_table_get_header (t, 2), ==, "Chỉ tiêu");
  g_assert_cmpint (thidua_body_table_get_align (t, 0), ==, THIDUA_BODY_TABLE_ALIGN_CENTER);
  g_assert_cmpint (thidua_body_table_get_align (t, 1), ==, THIDUA_BODY_TABLE_ALIGN_LEFT);
  g_assert_cmpint (thidua_body_table_get_align (t, 2), ==, THIDUA_BODY_TABLE_ALIGN_RIGHT);
  g_assert_cmpuint (thidua_body_table_get_n_rows (t), ==, 2);
  g_assert_cmpstr (thidua_body_table_get_cell (t, 0, 1), ==, "Lao động tiên tiến");
  /* emphasis markers are not printed in cells */
  g_assert_cmpstr (thidua_body_table_get_cell (t, 1, 1), ==, "Chiến sĩ thi đua cơ sở");
  g_assert_cmpstr (thidua_body_table_get_cell (t, 1, 2), ==, "10 - 15%");
  /* narrow numbers, wide names */
  g_assert_cmpfloat (thidua_body_table_get_weight (t, 0), <, thidua_body_table_get_weight (t, 1));
  /* where it came from */
  g_assert_cmpuint (b->first_line, ==, 1);
  g_assert_cmpuint (b->last_line, ==, 4);
  g_assert_cmpuint (b->start, ==, strlen ("Chỉ tiêu năm học:\n"));
  g_assert_true (text[b->end - 1] == '|');
  g_assert_cmpstr (b->text, ==, "");
  g_assert_cmpuint (thidua_body_n_outline (body), ==, 0);
  assert_lossless (text, body);
}

static void
test_table_without_header (void)
{
  /* ragged rows, an escaped bar, no closing bar, NFD text */
  g_autoptr(ThiduaBody) body = thidua_body_parse ("| a | Nguye\xcc\x82\xcc\x83n \\| Tra\xcc\x82\xcc\x80n\n"
                                                  "| b |\n"
                                                  "|c|d|e|\n");
  const ThiduaBlock *b = only_table (body);
  ThiduaBodyTable *t = b->table;

  g_assert_cmpuint (thidua_body_n_blocks (body), ==, 1);
  g_assert_false (thidua_body_table_get_has_header (t));
  g_assert_cmpuint (thidua_body_table_get_n_columns (t), ==, 3);
  g_assert_cmpuint (thidua_body_table_get_n_rows (t), ==, 3);
  g_assert_cmpstr (thidua_body_table_get_cell (t, 0, 1), ==, "Nguyễn | Trần");
  g_assert_cmpstr (thidua_body_table_get_cell (t, 1, 0), ==, "b");
  g_assert_cmpstr (thidua_body_table_get_cell (t, 1, 1), ==, "");
  g_assert_cmpstr (thidua_body_table_get_cell (t, 2, 2), ==, "e");
  g_assert_cmpstr (thidua_body_table_get_header (t, 0), ==, "");
}

static void
test_table_boundaries (void)
{
  /* a hard-wrapped paragraph does not swallow a table line, a table does
   * not swallow the lower-case line after it, a blank line splits two
   * tables, and numbers in cells do not count as numbered items */
  g_autoptr(ThiduaBody) body = thidua_body_parse ("1. Mục đích\n"
                                                  "các đơn vị thực hiện\n"
                                                  "| 1. Một | 3. Ba |\n"
                                                  "tiếp theo bảng\n"
                                                  "\n"
                                                  "| x |\n"
                                                  "\n"
                                                  "| y |\n"
                                                  "2. Yêu cầu\n");
  guint tables = 0;

  for (guint i = 0; i < thidua_body_n_blocks (body); i++)
    {
      const ThiduaBlock *b = thidua_body_get_block (body, i);

      if (b->kind == THIDUA_BLOCK_TABLE)
        tables++;
      g_assert_false (b->misnumbered);
    }
  g_assert_cmpuint (tables, ==, 3);
  g_assert_cmpuint (thidua_body_n_blocks (body), ==, 6);
  g_assert_cmpstr (thidua_body_get_block (body, 0)->text, ==, "Mục đích các đơn vị thực hiện");
  g_assert_cmpint (thidua_body_get_block (body, 2)->kind, ==, THIDUA_BLOCK_PARAGRAPH);
  g_assert_cmpstr (thidua_body_get_block (body, 2)->text, ==, "tiếp theo bảng");
  g_assert_cmpuint (thidua_body_get_block (body, 3)->first_line, ==, 5);
  g_assert_cmpuint (thidua_body_get_block (body, 4)->first_line, ==, 7);
  g_assert_cmpint (thidua_body_get_block (body, 5)->kind, ==, THIDUA_BLOCK_NUMBERED);
  g_assert_cmpuint (thidua_body_n_outline (body), ==, 2);
  /* a bar inside a line is text */
  {
    g_autoptr(ThiduaBody) para = thidua_body_parse ("Tỷ lệ | số lượng");
    g_assert_cmpint (thidua_body_get_block (para, 0)->kind, ==, THIDUA_BLOCK_PARAGRAPH);
  }
}

static void
test_table_edges (void)
{
  /* indented, CRLF, an escaped bar closing the line, a one-dash rule */
  const char *text = "Bảng:\r\n  | Số | Tên \\|\r\n  |-|:-|\r\n  | 1 | a \\| b \\|\r\n";
  g_autoptr(ThiduaBody) body = thidua_body_parse (text);
  g_autoptr(ThiduaBody) lone = thidua_body_parse ("Trước\n|\n| a |");
  g_autoptr(ThiduaBody) late_rule = thidua_body_parse ("| a | b |\n| c | d |\n|---|---|\n");
  g_autoptr(ThiduaBody) dashes = thidua_body_parse ("| a | b |\n| - | x |\n");
  const ThiduaBlock *b;
  ThiduaBodyTable *t;

  g_assert_cmpuint (thidua_body_n_blocks (body), ==, 2);
  b = thidua_body_get_block (body, 1);
  t = b->table;
  g_assert_cmpint (b->kind, ==, THIDUA_BLOCK_TABLE);
  g_assert_cmpuint (b->first_line, ==, 1);
  g_assert_cmpuint (b->last_line, ==, 3);
  g_assert_cmpuint (b->start, ==, strlen ("Bảng:\r\n  "));
  g_assert_cmpuint (b->end, ==, strlen (text) - 2);
  g_assert_true (thidua_body_table_get_has_header (t));
  g_assert_cmpuint (thidua_body_table_get_n_columns (t), ==, 2);
  g_assert_cmpstr (thidua_body_table_get_header (t, 1), ==, "Tên |");
  g_assert_cmpint (thidua_body_table_get_align (t, 1), ==, THIDUA_BODY_TABLE_ALIGN_LEFT);
  g_assert_cmpuint (thidua_body_table_get_n_rows (t), ==, 1);
  g_assert_cmpstr (thidua_body_table_get_cell (t, 0, 1), ==, "a | b |");
  assert_lossless (text, body);

  /* a lone bar is text, and does not start or join a table */
  g_assert_cmpuint (thidua_body_n_blocks (lone), ==, 3);
  g_assert_cmpint (thidua_body_get_block (lone, 1)->kind, ==, THIDUA_BLOCK_PARAGRAPH);
  g_assert_cmpstr (thidua_body_get_block (lone, 1)->text, ==, "|");
  g_assert_cmpint (thidua_body_get_block (lone, 2)->kind, ==, THIDUA_BLOCK_TABLE);
  g_assert_cmpuint (thidua_body_get_block (lone, 2)->first_line, ==, 2);

  /* a rule line anywhere but second is a row like the others */
  t = only_table (late_rule)->table;
  g_assert_false (thidua_body_table_get_has_header (t));
  g_assert_cmpuint (thidua_body_table_get_n_rows (t), ==, 3);
  g_assert_cmpstr (thidua_body_table_get_cell (t, 2, 0), ==, "---");

  /* a second row with text besides dashes is a row */
  t = only_table (dashes)->table;
  g_assert_false (thidua_body_table_get_has_header (t));
  g_assert_cmpstr (thidua_body_table_get_cell (t, 1, 0), ==, "-");
}

static void
test_table_large (void)
{
  g_autoptr(GString) text = g_string_new ("| STT | Họ và tên | Ghi chú |\n|---|---|---|\n");
  g_autoptr(ThiduaBody) body = NULL;
  ThiduaBodyTable *t;

  for (guint i = 1; i <= 2000; i++)
    g_string_append_printf (text, "| %u | Nguyễn Văn %u | |\n", i, i);
  body = thidua_body_parse (text->str);
  t = only_table (body)->table;
  g_assert_cmpuint (thidua_body_table_get_n_rows (t), ==, 2000);
  g_assert_cmpstr (thidua_body_table_get_cell (t, 1999, 1), ==, "Nguyễn Văn 2000");
  assert_lossless (text->str, body);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markup/seed/000", test_seed_000);
  g_test_add_func ("/markup/seed/001", test_seed_001);
  g_test_add_func ("/markup/seed/002", test_seed_002);
  g_test_add_func ("/markup/seed/003", test_seed_003);
  g_test_add_func ("/markup/seed/004", test_seed_004);
  g_test_add_func ("/markup/seed/whole-files", test_seed_whole_files);
  g_test_add_func ("/markup/line-kinds", test_line_kinds);
  g_test_add_func ("/markup/title-length", test_title_length);
  g_test_add_func ("/markup/inline", test_inline);
  g_test_add_func ("/markup/inline-block-text", test_inline_block_text);
  g_test_add_func ("/markup/continuation", test_continuation);
  g_test_add_func ("/markup/line-endings", test_line_endings);
  g_test_add_func ("/markup/nfc", test_nfc);
  g_test_add_func ("/markup/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/markup/misnumbering", test_misnumbering);
  g_test_add_func ("/markup/roman-value", test_roman_value);
  g_test_add_func ("/markup/lettering", test_lettering);
  g_test_add_func ("/markup/empty-and-ref", test_empty_and_ref);
  g_test_add_func ("/markup/random-lossless", test_random_lossless);
  g_test_add_func ("/markup/table/header-alignment", test_table_header_alignment);
  g_test_add_func ("/markup/table/without-header", test_table_without_header);
  g_test_add_func ("/markup/table/boundaries", test_table_boundaries);
  g_test_add_func ("/markup/table/edges", test_table_edges);
  g_test_add_func ("/markup/table/large", test_table_large);
  g_test_add_func ("/markup/large/body", test_large_body);
  g_test_add_func ("/markup/large/pathological", test_large_pathological);

  return g_test_run ();
}
