/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd-render.c — render, render-json: a plan printed to PDF, PNG or SVG. */
#include "config.h"
#include "thidua-cli.h"
#include "thidua-input.h"
#include "thidua-layout.h"
#include "thidua-render.h"
#include "thidua-export.h"
#include "thidua-stamp.h"

#include <pango/pangocairo.h>
#include <stdio.h>

#include "thidua-paths.h"

typedef struct {
  char *output;
  int   page;
  int   dpi;
} RenderOptions;

static void
render_options_clear (RenderOptions *o)
{
  g_clear_pointer (&o->output, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RenderOptions, render_options_clear)

static gboolean
parse_render_options (CliContext *ctx, RenderOptions *o, const char *parameter,
                      int *argc, char ***argv)
{
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output,
      "File to write: .pdf (all pages), .png or .svg (one page), .docx or .odt (editable)", "FILE" },
    { "page", 0, 0, G_OPTION_ARG_INT, &o->page, "Page for .png and .svg (default 1)", "N" },
    { "dpi", 0, 0, G_OPTION_ARG_INT, &o->dpi, "Resolution of a .png (default 150)", "N" },
    { NULL }
  };

  o->page = 1;
  o->dpi = 150;
  if (!cli_parse_options (ctx, entries, parameter, argc, argv))
    return FALSE;
  if (o->output == NULL)
    {
      cli_fail (ctx, "an output file is required: -o FILE (.pdf, .png, .svg, .docx or .odt)");
      return FALSE;
    }
  if (o->page < 1)
    {
      cli_fail (ctx, "--page must be 1 or more");
      return FALSE;
    }
  /* 600 dpi is print quality; an A4 page there is 139 MB of pixels,
   * at 2400 dpi it was 2.2 GB */
  if (o->dpi < 10 || o->dpi > THIDUA_RENDER_MAX_DPI)
    {
      cli_fail (ctx, "--dpi must be between 10 and %d", THIDUA_RENDER_MAX_DPI);
      return FALSE;
    }
  return TRUE;
}

/* Lays out and writes the plan; the layout warnings go to stderr, they
 * do not fail the command (the clerk may print a plan with a blank day). */
static int
render_plan (CliContext *ctx, ThiduaPlan *plan, RenderOptions *o, const ThiduaLifecycleInfo *info)
{
  g_autoptr(ThiduaLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *warnings;

  if ((layout = thidua_layout_new_for_print (plan, &error)) == NULL)
    return cli_fail (ctx, "%s", error->message);
  /* Draft marking or the proof of issue (thidua-stamp.h). */
  if (info != NULL)
    thidua_layout_set_lifecycle (layout, plan, info);

  warnings = thidua_layout_get_warnings (layout);
  for (guint i = 0; i < warnings->len; i++)
    {
      ThiduaLayoutWarning *w = g_ptr_array_index (warnings, i);

      if (w->line >= 0)
        fprintf (stderr, "thidua-cli: %s: warning: %s (body line %d): %s\n",
                 ctx->command, w->field, w->line + 1, w->message);
      else
        fprintf (stderr, "thidua-cli: %s: warning: %s: %s\n", ctx->command, w->field, w->message);
    }

  /* the editable formats are written from the same layout */
#ifndef THIDUA_CLI_NO_EXPORT
  if (thidua_export_handles (o->output))
    {
      if (!thidua_export_to_file (layout, plan, o->output, &error))
        return cli_fail (ctx, "%s", error->message);
      return 0;
    }
#else
  /* Built without them (thidua-cli-render): the dispatcher sends .docx
   * and .odt to thidua-cli-document. */
  if (cli_output_is_document (o->output))
    return cli_fail (ctx, "%s: .docx and .odt are written by thidua-cli-document", o->output);
#endif
  if (!thidua_render_to_file (layout, plan, o->output, (guint) o->page - 1, o->dpi, &error))
    return cli_fail (ctx, "%s", error->message);
  return 0;
}

/* Pango reads fontconfig's configuration and font cache on a thread of
 * its own from the moment the font map exists (some 6 ms): created first,
 * that runs on another core while the plan is read and its profile
 * loaded, instead of before the first line can be laid out. */
static void
start_fonts (void)
{
  pango_cairo_font_map_get_default ();
}

int
cmd_render (CliContext *ctx, int argc, char **argv)
{
  g_auto(RenderOptions) o = { 0 };
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_autofree void *heap = thidua_paths_shape_heap_for_print ();

  start_fonts ();
  if (!parse_render_options (ctx, &o, "ID", &argc, &argv))
    return 2;
  if (argc != 2)
    return cli_fail (ctx, "usage: render ID -o FILE [--page N] [--dpi N]");
  if (!cli_parse_id (ctx, argv[1], &id))
    return 2;
  if ((store = cli_open_store (ctx, TRUE)) == NULL)
    return 1;
  if ((plan = thidua_store_load_plan (store, id, &error)) == NULL)
    return cli_fail (ctx, "%s", error->message);
  {
    g_auto(ThiduaLifecycleInfo) info = { 0 };

    if (!thidua_lifecycle_get_info (store, id, &info, &error))
      return cli_fail (ctx, "%s", error->message);
    return render_plan (ctx, plan, &o, &info);
  }
}

int
cmd_render_json (CliContext *ctx, int argc, char **argv)
{
  g_auto(RenderOptions) o = { 0 };
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_autofree void *heap = thidua_paths_shape_heap_for_print ();

  start_fonts ();
  if (!parse_render_options (ctx, &o, "FILE", &argc, &argv))
    return 2;
  if (argc != 2)
    return cli_fail (ctx, "usage: render-json FILE -o OUT [--page N] [--dpi N]");
  if (!thidua_input_read (argv[1], THIDUA_INPUT_MAX_JSON, &contents, &len, &error))
    return cli_fail (ctx, "%s", error->message);
  if ((plan = thidua_plan_new_from_json (contents, (gssize) len, &error)) == NULL)
    return cli_fail (ctx, "%s: %s", argv[1], error->message);
  return render_plan (ctx, plan, &o, NULL);
}
