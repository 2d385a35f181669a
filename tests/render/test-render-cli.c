/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-render-cli.c — `thidua-cli render` and `render-json` through the
 * real executable: outputs by extension, metadata, warnings on stderr,
 * errors with a non-zero exit. */
#include "config.h"
#include "../thidua-test-tmp.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = thidua_test_tmpdir_new ("thidua-render-cli");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  thidua_test_tmpdir_remove (f->dir);
  g_free (f->dir);
}

/* Runs thidua-cli with the arguments; returns the exit status. */
static int
run_cli (char **out, char **err, ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("THIDUA_CLI");
  const char *arg;
  va_list ap;
  int status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (char *) cli);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  if (g_spawn_check_wait_status (status, &error))
    return 0;
  /* Expected failures print here too: it shows what the user would read. */
  g_test_message ("thidua-cli %s: %s", (char *) args->pdata[1], err && *err ? *err : "");
  g_assert_error (error, G_SPAWN_EXIT_ERROR, error->code);
  return error->code;
}

static char *
fixture_path (const char *name)
{
  return g_build_filename (g_getenv ("THIDUA_TEST_FIXTURES"), "render", name, NULL);
}

static void
test_render_json_pdf (Fixture *f, gconstpointer data)
{
  g_autofree char *plan = fixture_path ("seed-001.json");
  g_autofree char *pdf = g_build_filename (f->dir, "plan.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
  g_autofree char *out = NULL, *err = NULL;
  PopplerDocument *doc;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL, *author = NULL;

  g_assert_cmpint (run_cli (&out, &err, "render-json", plan, "-o", pdf, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  /* Seed 001 has no recipients nor signer: the user is told. */
  g_assert_nonnull (strstr (err, "warning: recipients"));
  g_assert_nonnull (strstr (err, "warning: signer.name"));

  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), >=, 2);
  title = poppler_document_get_title (doc);
  author = poppler_document_get_author (doc);
  g_assert_true (g_str_has_prefix (title, "KẾ HOẠCH phát động phong trào thi đua"));
  g_assert_cmpstr (author, ==, "TRƯỜNG CHÍNH TRỊ");
  g_object_unref (doc);
}

static void
test_render_from_db (Fixture *f, gconstpointer data)
{
  g_autofree char *plan = fixture_path ("seed-004.json");
  g_autofree char *db = g_build_filename (f->dir, "thidua.db", NULL);
  g_autofree char *png = g_build_filename (f->dir, "page.png", NULL);
  g_autofree char *svg = g_build_filename (f->dir, "page.svg", NULL);
  g_autofree char *out = NULL, *err = NULL, *id = NULL;
  cairo_surface_t *image;

  g_assert_cmpint (run_cli (&out, &err, "--db", db, "import-json", plan, NULL), ==, 0);
  id = g_strstrip (g_strdup (out));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --page 2 at 72 dpi: one A4 page of 595 × 842 pixels. */
  g_assert_cmpint (run_cli (&out, &err, "--db", db, "render", id, "-o", png,
                            "--page", "2", "--dpi", "72", NULL), ==, 0);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 595);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 842);
  cairo_surface_destroy (image);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--db", db, "render", id, "-o", svg, NULL), ==, 0);
  g_assert_true (g_file_test (svg, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Errors: a page past the end, an unknown plan, an unknown extension. */
  g_assert_cmpint (run_cli (&out, &err, "--db", db, "render", id, "-o", png, "--page", "99", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "no page 99"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--db", db, "render", "9999", "-o", png, NULL), !=, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--db", db, "render", id, "-o", "page.doc", NULL), !=, 0);
  g_assert_nonnull (strstr (err, ".pdf, .png or .svg"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--db", db, "render", id, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "-o FILE"));
}

static void
test_render_json_bad_input (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = g_build_filename (f->dir, "bad.json", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "bad.pdf", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_file_set_contents (bad, "{ \"profile\": \"state\",\n  \"body\": ", -1, NULL);
  g_assert_cmpint (run_cli (&out, &err, "render-json", bad, "-o", pdf, NULL), !=, 0);
  /* The error names the file and where the JSON breaks off. */
  g_assert_nonnull (strstr (err, "bad.json"));
  g_assert_true (strstr (err, "line 2") != NULL || strstr (err, "2:10") != NULL);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/render-cli/render-json/pdf", Fixture, NULL,
              fixture_set_up, test_render_json_pdf, fixture_tear_down);
  g_test_add ("/render-cli/render/db", Fixture, NULL,
              fixture_set_up, test_render_from_db, fixture_tear_down);
  g_test_add ("/render-cli/render-json/bad-input", Fixture, NULL,
              fixture_set_up, test_render_json_bad_input, fixture_tear_down);

  return g_test_run ();
}
