/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-stamp.c — the draft marking and the proof of issue on the page. */
#include "config.h"
#include "thidua-stamp.h"
#include "thidua-profile-private.h"
#include "thidua-canonical.h"

#include <pango/pangocairo.h>
#include <qrencode.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#define STAMP_KEY "thidua-stamp"

typedef struct {
  gboolean is_plan;      /* a plan (not a form) was composed last */
  gboolean draft;        /* not issued: print the marking */
  guint    round;        /* 0 or 1: "DỰ THẢO"; n ≥ 2: "DỰ THẢO LẦN n" */
  char    *code;         /* issued: the code, "" when unknown */
  char    *qr_text;
} Stamp;

static void
stamp_free (Stamp *s)
{
  g_free (s->code);
  g_free (s->qr_text);
  g_free (s);
}

static Stamp *
stamp_of (ThiduaLayout *layout)
{
  Stamp *s = g_object_get_data (G_OBJECT (layout), STAMP_KEY);

  if (s == NULL)
    {
      s = g_new0 (Stamp, 1);
      s->code = g_strdup ("");
      g_object_set_data_full (G_OBJECT (layout), STAMP_KEY, s, (GDestroyNotify) stamp_free);
    }
  return s;
}

void
thidua_stamp_note_plan (ThiduaLayout *layout, ThiduaPlan *plan)
{
  Stamp *s = stamp_of (layout);

  s->is_plan = TRUE;
  s->draft = !thidua_lifecycle_status_is_frozen (thidua_plan_get_status (plan));
}

void
thidua_stamp_note_form (ThiduaLayout *layout)
{
  stamp_of (layout)->is_plan = FALSE;
}

/* Number and symbol as the profile prints them ("02/KH-SYT"). */
static char *
number_and_symbol (const ThiduaProfileValues *v, ThiduaPlan *plan)
{
  const char *number = thidua_plan_get_number (plan);
  const char *symbol = thidua_plan_get_symbol (plan);
  guint64 n = 0;
  g_autofree char *shown = NULL;

  if (g_ascii_string_to_unsigned (number, 10, 0, G_MAXUINT, &n, NULL) && n < v->number_leading_zero_below)
    shown = g_strdup_printf ("%02u", (guint) n);
  else
    shown = g_strdup (number);
  if (symbol[0] == '\0')
    return g_steal_pointer (&shown);
  return g_strconcat (shown, v->number_separator, symbol, NULL);
}

void
thidua_layout_set_lifecycle (ThiduaLayout *layout, ThiduaPlan *plan, const ThiduaLifecycleInfo *info)
{
  Stamp *s;
  const ThiduaProfileValues *v;

  g_return_if_fail (THIDUA_IS_LAYOUT (layout));
  g_return_if_fail (THIDUA_IS_PLAN (plan));
  g_return_if_fail (info != NULL);

  s = stamp_of (layout);
  v = thidua_profile_get_values (thidua_layout_get_profile (layout));
  s->round = thidua_lifecycle_draft_round (info);
  s->draft = !thidua_lifecycle_status_is_frozen (info->status);
  g_free (s->code);
  s->code = g_strdup (info->code ? info->code : "");
  g_clear_pointer (&s->qr_text, g_free);
  if (!s->draft && s->code[0] != '\0')
    {
      g_autofree char *formatted = thidua_canonical_format_code (s->code);
      g_autofree char *number = number_and_symbol (v, plan);

      /* The code first, so a reader can take the first word. */
      s->qr_text = g_strdup_printf ("%s %s %04u-%02u-%02u", formatted, number,
                                    thidua_plan_get_year (plan), thidua_plan_get_month (plan),
                                    thidua_plan_get_day (plan));
    }
}

static char *
draft_text (const ThiduaProfileValues *v, const Stamp *s)
{
  if (s->round >= 2)
    return g_strdup_printf ("%s %u", v->draft_mark_round_text, s->round);
  return g_strdup (v->draft_mark_text);
}

char *
thidua_layout_dup_draft_mark (ThiduaLayout *layout)
{
  Stamp *s;

  g_return_val_if_fail (THIDUA_IS_LAYOUT (layout), NULL);
  s = stamp_of (layout);
  if (!s->is_plan || !s->draft)
    return NULL;
  return draft_text (thidua_profile_get_values (thidua_layout_get_profile (layout)), s);
}

char *
thidua_layout_dup_qr_text (ThiduaLayout *layout)
{
  Stamp *s;

  g_return_val_if_fail (THIDUA_IS_LAYOUT (layout), NULL);
  s = stamp_of (layout);
  return s->is_plan && !s->draft ? g_strdup (s->qr_text) : NULL;
}

/* A Pango layout in points (72 dpi, unhinted), like the page's text.  Its
 * context takes the drawing's scale but not the surface's font options
 * (pango_cairo_create_layout() would merge them in): those make another
 * fontconfig pattern, so a font look-up and two Pango threads of its own
 * for a face the page has already loaded; the glyphs and their places
 * are the same. */
static PangoLayout *
make_text (ThiduaLayout *layout, cairo_t *cr, const char *text, double size, gboolean bold)
{
  PangoContext *ctx = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoLayout *pl;
  g_autoptr(PangoFontDescription) desc = pango_font_description_new ();
  cairo_font_options_t *options = cairo_font_options_create ();
  cairo_matrix_t cm;
  PangoMatrix pm;

  cairo_get_matrix (cr, &cm);
  pm = (PangoMatrix) { cm.xx, cm.xy, cm.yx, cm.yy, 0, 0 };
  if (pm.xx != 1 || pm.xy != 0 || pm.yx != 0 || pm.yy != 1)
    pango_context_set_matrix (ctx, &pm);
  pango_cairo_context_set_resolution (ctx, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (ctx, options);
  cairo_font_options_destroy (options);
  pl = pango_layout_new (ctx);
  g_object_unref (ctx);

  pango_font_description_set_family (desc, thidua_layout_get_print_family (layout));
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (pl, desc);
  pango_layout_set_text (pl, text, -1);
  return pl;
}

/* Top right, in the top margin, right edge on the text area's. */
static void
draw_draft_mark (ThiduaLayout *layout, cairo_t *cr, const ThiduaProfileValues *v, const Stamp *s)
{
  g_autofree char *text = draft_text (v, s);
  g_autoptr(PangoLayout) pl = make_text (layout, cr, text, v->draft_mark_size, TRUE);
  double right = thidua_layout_get_page_width (layout) - THIDUA_MM_TO_PT (v->margin_right_mm);
  double top = THIDUA_MM_TO_PT (v->draft_mark_top_mm);
  double pad = v->draft_mark_padding_pt;
  PangoRectangle ink, logical;
  double w, h, x;

  pango_layout_get_extents (pl, &ink, &logical);
  w = (double) logical.width / PANGO_SCALE + 2 * pad;
  h = (double) logical.height / PANGO_SCALE + 2 * pad;
  x = right - w;
  cairo_move_to (cr, x + pad - (double) logical.x / PANGO_SCALE, top + pad);
  pango_cairo_show_layout (cr, pl);
  cairo_set_line_width (cr, v->draft_mark_rule_width_pt);
  cairo_rectangle (cr, x, top, w, h);
  cairo_stroke (cr);
}

static void
draw_code (ThiduaLayout *layout, cairo_t *cr, const ThiduaProfileValues *v, const Stamp *s)
{
  g_autofree char *formatted = thidua_canonical_format_code (s->code);
  g_autofree char *text = g_strdup_printf ("%s %s", v->proof_code_label, formatted);
  g_autoptr(PangoLayout) pl = make_text (layout, cr, text, v->proof_code_size, FALSE);
  double left = THIDUA_MM_TO_PT (v->margin_left_mm);
  double baseline = thidua_layout_get_page_height (layout) - THIDUA_MM_TO_PT (v->proof_code_bottom_mm);

  cairo_move_to (cr, left, baseline - (double) pango_layout_get_baseline (pl) / PANGO_SCALE);
  pango_cairo_show_layout (cr, pl);
}

/* One filled rectangle per run of dark modules in a row: the QR stays a
 * handful of vector paths in the PDF. */
static void
draw_qr (ThiduaLayout *layout, cairo_t *cr, const ThiduaProfileValues *v, const char *text)
{
  QRinput *input = QRinput_new2 (0, QR_ECLEVEL_M);
  QRcode *qr = NULL;
  double size, module, x0, y0;

  /* ECI 26 says "UTF-8": without it readers guess Shift-JIS for "Đ". */
  if (input != NULL
      && QRinput_appendECIheader (input, 26) == 0
      && QRinput_append (input, QR_MODE_8, (int) strlen (text), (const unsigned char *) text) == 0)
    qr = QRcode_encodeInput (input);
  if (input != NULL)
    QRinput_free (input);
  if (qr == NULL)
    return;
  size = THIDUA_MM_TO_PT (v->proof_qr_size_mm);
  module = size / qr->width;
  x0 = thidua_layout_get_page_width (layout) - THIDUA_MM_TO_PT (v->margin_right_mm) - size;
  y0 = thidua_layout_get_page_height (layout) - THIDUA_MM_TO_PT (v->proof_qr_bottom_mm) - size;
  for (int y = 0; y < qr->width; y++)
    {
      int x = 0;

      while (x < qr->width)
        {
          int start;

          if (!(qr->data[y * qr->width + x] & 1))
            {
              x++;
              continue;
            }
          start = x;
          while (x < qr->width && (qr->data[y * qr->width + x] & 1))
            x++;
          cairo_rectangle (cr, x0 + start * module, y0 + y * module, (x - start) * module, module);
        }
    }
  cairo_fill (cr);
  QRcode_free (qr);
}

void
thidua_stamp_draw (ThiduaLayout *layout, cairo_t *cr, guint page)
{
  Stamp *s = g_object_get_data (G_OBJECT (layout), STAMP_KEY);
  const ThiduaProfileValues *v;

  if (s == NULL || !s->is_plan)
    return;
  v = thidua_profile_get_values (thidua_layout_get_profile (layout));
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (s->draft)
    draw_draft_mark (layout, cr, v, s);
  else if (s->code[0] != '\0')
    {
      draw_code (layout, cr, v, s);
      if (page == 0 && s->qr_text != NULL)
        draw_qr (layout, cr, v, s->qr_text);
    }
  cairo_restore (cr);
}
