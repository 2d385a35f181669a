/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-pdf.c — plans that arrive as PDF, through the real thidua-cli:
 *  - round trip: every template and every seed's plan printed to PDF by Thi
 *    Đua's own renderer comes back field by field;
 *  - PDFs from another program (LibreOffice, from .docx; see
 *    make-fixtures.py) come back as their NAME.json says, also when the
 *    PDF is digitally signed (the signature's appearance is dropped);
 *  - a scan, an encrypted PDF, a symlink, a damaged file are refused with a
 *    message that says so, and nothing is written.
 *
 * Fields are compared exactly; the body is compared as the blocks the
 * markup parser makes of it (kind, level, label, title flag, text and its
 * bold/italic runs, table cells), because a page cannot show whether the
 * source put a blank line or a single line break between two paragraphs
 * (both print the same). */
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <unistd.h>
#include <string.h>

#include "thidua-markup.h"
#include "thidua-pdf.h"
#include "../thidua-test-tmp.h"

typedef struct {
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = thidua_test_tmpdir_new ("thidua-pdf");
  f->db = g_build_filename (f->dir, "test.db", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  thidua_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* Runs thidua-cli --db DB ARGS…; returns the exit status. */
static int
run_cli (Fixture *f, char **out, char **err, ...)
{
  const char *cli = g_getenv ("THIDUA_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sout = NULL;
  g_autofree char *serr = NULL;
  int status = 0;
  const char *arg;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, f->db);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &sout, &serr, &status, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&sout);
  if (err != NULL)
    *err = g_steal_pointer (&serr);
  if (g_spawn_check_wait_status (status, &error))
    return 0;
  if (error->domain == G_SPAWN_EXIT_ERROR)
    return error->code;
  return -1;
}

static char *
cli_ok (Fixture *f, const char *a, const char *b, const char *c, const char *d)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run_cli (f, &out, &err, a, b, c, d, NULL);

  if (status != 0)
    g_error ("thidua-cli %s %s failed (%d): %s", a, b ? b : "", status, err);
  return g_strstrip (g_steal_pointer (&out));
}

static JsonObject *
show (Fixture *f, const char *id)
{
  g_autofree char *json = cli_ok (f, "show", id, "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
node_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  if (node == NULL)
    return g_strdup ("(absent)");
  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

static void
assert_blocks_equal (const char *what, const char *expected, const char *actual)
{
  g_autoptr(ThiduaBody) a = thidua_body_parse (expected);
  g_autoptr(ThiduaBody) b = thidua_body_parse (actual);
  guint n = MIN (thidua_body_n_blocks (a), thidua_body_n_blocks (b));

  for (guint i = 0; i < n; i++)
    {
      const ThiduaBlock *x = thidua_body_get_block (a, i);
      const ThiduaBlock *y = thidua_body_get_block (b, i);
      gboolean same = x->kind == y->kind && x->level == y->level
                      && g_strcmp0 (x->label, y->label) == 0 && x->titled == y->titled
                      && g_strcmp0 (x->text, y->text) == 0 && x->runs->len == y->runs->len;

      for (guint r = 0; same && r < x->runs->len; r++)
        {
          const ThiduaRun *rx = &g_array_index (x->runs, ThiduaRun, r);
          const ThiduaRun *ry = &g_array_index (y->runs, ThiduaRun, r);

          same = rx->style == ry->style && strcmp (rx->text, ry->text) == 0;
        }
      if (same && x->kind == THIDUA_BLOCK_TABLE)
        {
          same = thidua_body_table_get_n_rows (x->table) == thidua_body_table_get_n_rows (y->table)
                 && thidua_body_table_get_n_columns (x->table)
                    == thidua_body_table_get_n_columns (y->table)
                 && thidua_body_table_get_has_header (x->table)
                    == thidua_body_table_get_has_header (y->table);
          for (guint c = 0; same && c < thidua_body_table_get_n_columns (x->table); c++)
            {
              same = thidua_body_table_get_align (x->table, c)
                     == thidua_body_table_get_align (y->table, c);
              if (same && thidua_body_table_get_has_header (x->table))
                same = g_strcmp0 (thidua_body_table_get_header (x->table, c),
                                  thidua_body_table_get_header (y->table, c)) == 0;
              for (guint r = 0; same && r < thidua_body_table_get_n_rows (x->table); r++)
                same = g_strcmp0 (thidua_body_table_get_cell (x->table, r, c),
                                  thidua_body_table_get_cell (y->table, r, c)) == 0;
            }
        }
      if (!same)
        g_error ("%s: body block %u differs:\n  expected %d %s «%s»\n  got      %d %s «%s»", what, i,
                 x->kind, x->label, x->text, y->kind, y->label, y->text);
    }
  if (thidua_body_n_blocks (a) != thidua_body_n_blocks (b))
    g_error ("%s: %u body blocks expected, %u read (first extra: «%s»)", what,
             thidua_body_n_blocks (a), thidua_body_n_blocks (b),
             thidua_body_get_block (thidua_body_n_blocks (a) > n ? a : b, n)->text);
}

/* Every field the JSON carries, the body as blocks. */
static void
assert_plan_equal (const char *what, JsonObject *expected, JsonObject *actual)
{
  static const char * const fields[] = {
    "profile", "superior_body", "issuing_body", "number", "symbol", "place", "date",
    "type_name", "subject", "recipients", "signer", NULL,
  };

  for (guint i = 0; fields[i] != NULL; i++)
    {
      JsonNode *x = json_object_get_member (expected, fields[i]);
      JsonNode *y = json_object_get_member (actual, fields[i]);

      if (x == NULL || y == NULL || !json_node_equal (x, y))
        {
          g_autofree char *sx = node_string (x);
          g_autofree char *sy = node_string (y);

          g_error ("%s: %s: expected %s, read %s", what, fields[i], sx, sy);
        }
    }
  assert_blocks_equal (what, json_object_get_string_member (expected, "body"),
                       json_object_get_string_member (actual, "body"));
}

/* Renders plan id to PDF, imports the PDF, compares. */
static void
round_trip (Fixture *f, const char *what, const char *id)
{
  g_autofree char *pdf = g_build_filename (f->dir, "plan.pdf", NULL);
  g_autoptr(JsonObject) before = show (f, id);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *new_id = NULL;
  g_autoptr(JsonObject) after = NULL;
  const char *profile = json_object_get_string_member (before, "profile");
  int status;

  g_free (cli_ok (f, "render", id, "-o", pdf));
  /* The union profile prints exactly as the state one (same national
   * heading, same sizes): only the header's bodies can tell, and where
   * they do not say "công đoàn" or "LĐLĐ" the page cannot show it. */
  if (strcmp (profile, "union") == 0)
    status = run_cli (f, &out, &err, "import", pdf, "--profile", "union", NULL);
  else
    status = run_cli (f, &out, &err, "import", pdf, NULL);
  if (status != 0)
    g_error ("%s: import failed: %s", what, err);
  new_id = g_strstrip (g_steal_pointer (&out));
  g_assert_cmpstr (new_id, !=, id);
  after = show (f, new_id);
  assert_plan_equal (what, before, after);
}

static void
test_round_trip_templates (Fixture *f, gconstpointer data)
{
  g_autofree char *list = cli_ok (f, "templates", NULL, NULL, NULL);
  g_auto(GStrv) lines = g_strsplit (list, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "\t", 2);
      g_autofree char *id = NULL;

      if (cols[0] == NULL || *cols[0] == '\0')
        continue;
      id = cli_ok (f, "new", "--template", cols[0], NULL);
      round_trip (f, cols[0], id);
      n++;
    }
  /* four from the seeds and a blank one per profile */
  g_assert_cmpuint (n, >=, 7);
}

static void
test_round_trip_seeds (Fixture *f, gconstpointer data)
{
  const char *dir = g_getenv ("THIDUA_TEST_SEEDS");
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_assert_cmpuint (names->len, ==, 5);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *id = cli_ok (f, "import-text", path, NULL, NULL);

      round_trip (f, g_ptr_array_index (names, i), id);
    }
}

/* A plan with a table in its body (cells of different widths, so each
 * column's alignment shows; one cell wraps): the table comes back. */
static void
test_round_trip_table (Fixture *f, gconstpointer data)
{
  g_autofree char *json = g_build_filename (f->dir, "table.json", NULL);
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  static const char plan[] =
    "{\"profile\": \"state\", \"superior_body\": \"UBND HUYỆN KHOÁI CHÂU\","
    " \"issuing_body\": \"PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\", \"number\": \"12\", \"symbol\": \"KH-PGDĐT\","
    " \"place\": \"Khoái Châu\", \"date\": {\"day\": 4, \"month\": 10, \"year\": 2021},"
    " \"type_name\": \"KẾ HOẠCH\", \"subject\": \"Chỉ tiêu thi đua năm học 2021 - 2022\","
    " \"body\": \"I. CHỈ TIÊU\\nCác đơn vị phấn đấu đạt các chỉ tiêu sau:\\n"
    "| STT | Danh hiệu | Chỉ tiêu |\\n|:---:|-----------|---------:|\\n"
    "| 1 | Lao động tiên tiến | 80% |\\n"
    "| 12 | Chiến sĩ thi đua cơ sở, danh hiệu xét cho cá nhân tiêu biểu xuất sắc trong năm học | 15,5% |\\n"
    "| 3 | Tập thể lao động xuất sắc | 2 tập thể |\\n"
    "II. TỔ CHỨC THỰC HIỆN\\nCác đơn vị báo cáo kết quả trước ngày 30/5/2022./.\","
    " \"recipients\": [\"Các trường học;\", \"Lưu: VT.\"],"
    " \"signer\": {\"authority\": \"\", \"on_behalf_of\": \"\", \"position\": \"TRƯỞNG PHÒNG\","
    " \"name\": \"Nguyễn Văn Hùng\"}, \"status\": \"draft\"}";

  g_file_set_contents (json, plan, -1, &error);
  g_assert_no_error (error);
  id = cli_ok (f, "import-json", json, NULL, NULL);
  round_trip (f, "table", id);
}

/* A PDF written by LibreOffice from a .docx, against its NAME.json. */
static void
test_office (Fixture *f, gconstpointer data)
{
  const char *name = data;
  g_autofree char *pdf = g_strdup_printf ("%s/pdf/%s.pdf", g_getenv ("THIDUA_TEST_FIXTURES"), name);
  g_autofree char *json = g_strdup_printf ("%s/pdf/%s.json", g_getenv ("THIDUA_TEST_FIXTURES"), name);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) actual = NULL;

  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  if (g_str_has_suffix (name, "-signed"))
    {
      /* the signature's appearance (an annotation over the body's last
       * lines: poppler would extract its text with the page's) is
       * dropped, the page's text under it kept */
      g_autoptr(ThiduaPdfText) text = NULL;
      g_autofree char *plain = NULL;

      g_assert_true (thidua_pdf_read (pdf, &text, &error));
      g_assert_no_error (error);
      plain = thidua_pdf_text_to_plain (text);
      g_assert_null (strstr (plain, "DIEN BIEN"));
      g_assert_null (strstr (plain, "Binh"));
      g_assert_cmpuint (text->n_dropped, >=, 1);
    }
  id = cli_ok (f, "import", pdf, NULL, NULL);
  actual = show (f, id);
  assert_plan_equal (name, json_node_get_object (json_parser_get_root (parser)), actual);
}

/* The import failed with a message holding needle, and no plan exists. */
static void
assert_refused (Fixture *f, const char *path, const char *needle)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run_cli (f, &out, &err, "import", path, NULL);

  g_assert_cmpint (status, !=, 0);
  g_assert_cmpstr (out, ==, "");
  if (strstr (err, needle) == NULL)
    g_error ("refusal of %s: «%s» does not say «%s»", path, err, needle);
  /* nothing written: the database was not even created */
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

/* A scan: an A4 page that is one image, drawn with cairo. */
static void
test_refuse_scan (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "scan.pdf", NULL);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 840);
  cairo_surface_t *pdf = cairo_pdf_surface_create (path, 595.28, 841.89);
  cairo_t *cr = cairo_create (image);

  /* grey "lines of text" as a scanner would see them */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  for (int y = 80; y < 760; y += 24)
    cairo_rectangle (cr, 80, y, 440 - (y % 7) * 20, 9);
  cairo_fill (cr);
  cairo_destroy (cr);

  cr = cairo_create (pdf);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_show_page (cr);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  g_assert_cmpint (cairo_surface_status (pdf), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (pdf);
  cairo_surface_destroy (image);

  assert_refused (f, path, "no text layer");
}

/* More pages than a plan has: refused before any page is read. */
static void
test_refuse_pages (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "long.pdf", NULL);
  cairo_surface_t *pdf = cairo_pdf_surface_create (path, 595.28, 841.89);
  cairo_t *cr = cairo_create (pdf);

  for (int i = 0; i <= THIDUA_PDF_MAX_PAGES; i++)
    {
      cairo_move_to (cr, 100, 100);
      cairo_show_text (cr, "KE HOACH");
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  g_assert_cmpint (cairo_surface_status (pdf), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (pdf);

  assert_refused (f, path, "pages; a plan has at most");
}

static void
test_refuse_encrypted (Fixture *f, gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_strdup_printf ("%s/pdf/%s", g_getenv ("THIDUA_TEST_FIXTURES"), name);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  assert_refused (f, path, "encrypted");
}

static void
test_refuse_symlink (Fixture *f, gconstpointer data)
{
  g_autofree char *target = g_strdup_printf ("%s/pdf/word-party-wrap.pdf",
                                             g_getenv ("THIDUA_TEST_FIXTURES"));
  g_autofree char *link = g_build_filename (f->dir, "link.pdf", NULL);

  g_assert_cmpint (symlink (target, link), ==, 0);
  assert_refused (f, link, "symbolic link");
}

static void
test_refuse_damaged (Fixture *f, gconstpointer data)
{
  g_autofree char *source = g_strdup_printf ("%s/pdf/word-party-wrap.pdf",
                                             g_getenv ("THIDUA_TEST_FIXTURES"));
  g_autofree char *cut = g_build_filename (f->dir, "cut.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (source, &contents, &len, &error);
  g_assert_no_error (error);
  /* the first 600 bytes: a header, no page tree */
  g_file_set_contents (cut, contents, 600, &error);
  g_assert_no_error (error);
  assert_refused (f, cut, "damaged");
}

/* The reader's own limits, without the CLI. */
static void
test_limits (void)
{
  g_autoptr(ThiduaPdfText) text = NULL;
  g_autoptr(GError) error = NULL;
  static const char not_pdf[] = "KẾ HOẠCH\nnot a PDF";

  g_assert_false (thidua_pdf_read_data ((const guint8 *) not_pdf, sizeof not_pdf, &text, &error));
  g_assert_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_NOT_PDF);
  g_clear_error (&error);
  g_assert_false (thidua_pdf_read_data ((const guint8 *) "%PDF-1.7", THIDUA_PDF_MAX_SIZE + 1, &text,
                                        &error));
  g_assert_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_TOO_LARGE);
  g_assert_null (text);
}

int
main (int argc, char **argv)
{
  static const char * const office[] = {
    "word-state-annex", "word-party-wrap", "word-union-blank", "word-union-signed",
  };

  g_test_init (&argc, &argv, NULL);
  g_test_add ("/pdf/round-trip/templates", Fixture, NULL, fixture_set_up,
              test_round_trip_templates, fixture_tear_down);
  g_test_add ("/pdf/round-trip/seeds", Fixture, NULL, fixture_set_up, test_round_trip_seeds,
              fixture_tear_down);
  g_test_add ("/pdf/round-trip/table", Fixture, NULL, fixture_set_up, test_round_trip_table,
              fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (office); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pdf/office/%s", office[i]);

      g_test_add (path, Fixture, office[i], fixture_set_up, test_office, fixture_tear_down);
    }
  g_test_add ("/pdf/refuse/scan", Fixture, NULL, fixture_set_up, test_refuse_scan,
              fixture_tear_down);
  g_test_add ("/pdf/refuse/pages", Fixture, NULL, fixture_set_up, test_refuse_pages,
              fixture_tear_down);
  g_test_add ("/pdf/refuse/encrypted", Fixture, "encrypted-open-password.pdf", fixture_set_up,
              test_refuse_encrypted, fixture_tear_down);
  g_test_add ("/pdf/refuse/encrypted-restrictions", Fixture, "encrypted-restrictions.pdf",
              fixture_set_up, test_refuse_encrypted, fixture_tear_down);
  g_test_add ("/pdf/refuse/symlink", Fixture, NULL, fixture_set_up, test_refuse_symlink,
              fixture_tear_down);
  g_test_add ("/pdf/refuse/damaged", Fixture, NULL, fixture_set_up, test_refuse_damaged,
              fixture_tear_down);
  g_test_add_func ("/pdf/limits", test_limits);
  return g_test_run ();
}
