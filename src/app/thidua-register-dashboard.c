/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-dashboard.c — bars per title and per unit. */
#include "config.h"
#include "thidua-register-dashboard.h"
#include "thidua-register-targets.h"

#include <glib/gi18n.h>

#define MAX_UNITS 8

typedef struct {
  const char *label;   /* borrowed from the catalog / a registration */
  char       *owned;
  guint       registered;
  guint       achieved;
  double      target;  /* count the plan asks for, < 0 when none */
} Bar;

struct _ThiduaRegisterDashboard
{
  GtkWidget            parent_instance;

  ThiduaRegisterModel *model;
  GArray              *titles;   /* Bar */
  GArray              *units;    /* Bar */
};

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ThiduaRegisterDashboard, thidua_register_dashboard, GTK_TYPE_WIDGET)

static void
clear_bars (GArray *bars)
{
  for (guint i = 0; i < bars->len; i++)
    g_free (g_array_index (bars, Bar, i).owned);
  g_array_set_size (bars, 0);
}

static int
by_registered (gconstpointer a, gconstpointer b)
{
  const Bar *x = a, *y = b;
  return (int) y->registered - (int) x->registered;
}

/* Targets as counts: a percentage of a base the model can count. */
static void
mark_targets (ThiduaRegisterDashboard *self, ThiduaCatalog *catalog, guint *people_with, guint staff)
{
  ThiduaRegister *reg = thidua_register_model_get_register (self->model);
  gint64 plan = thidua_register_get_year_plan (reg, thidua_register_model_get_year (self->model));
  g_autoptr(GPtrArray) targets = NULL;

  if (plan <= 0 || (targets = thidua_register_get_targets (reg, plan, NULL)) == NULL)
    return;
  for (guint i = 0; i < targets->len; i++)
    {
      ThiduaPlanTarget *t = g_ptr_array_index (targets, i);
      const ThiduaTitle *title = thidua_catalog_lookup (catalog, t->title);
      const ThiduaTitle *base = thidua_catalog_lookup (catalog, t->base);
      double v = t->min_value >= 0 ? t->min_value : t->max_value;

      if (title == NULL || title->position >= self->titles->len)
        continue;
      if (t->measure == THIDUA_TARGET_PERCENT)
        v = v / 100.0 * (base ? people_with[base->position] : staff);
      g_array_index (self->titles, Bar, title->position).target = v;
    }
}

/* One pass over the model's compact rows (no row objects, nothing read
 * from the database): the bars follow the filters of the list. */
void
thidua_register_dashboard_update (ThiduaRegisterDashboard *self)
{
  ThiduaCatalog *catalog;
  g_autoptr(GArray) tally = g_array_new (FALSE, TRUE, sizeof (ThiduaRegTally));
  g_autoptr(GArray) units = g_array_new (FALSE, TRUE, sizeof (ThiduaRegUnitTally));
  g_autofree guint *people_with = NULL;
  guint n_titles, staff = 0;

  clear_bars (self->titles);
  clear_bars (self->units);
  if (self->model == NULL)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  catalog = thidua_register_get_catalog (thidua_register_model_get_register (self->model));
  n_titles = thidua_catalog_get_n_titles (catalog);
  thidua_register_model_tally (self->model, tally, units, &staff);
  g_array_set_size (self->titles, n_titles);
  people_with = g_new0 (guint, n_titles);
  for (guint i = 0; i < n_titles; i++)
    {
      Bar *b = &g_array_index (self->titles, Bar, i);
      ThiduaRegTally *t = &g_array_index (tally, ThiduaRegTally, i);

      b->label = thidua_title_get_short_name (thidua_catalog_get_title (catalog, i));
      b->target = -1;
      b->registered = t->registered;
      b->achieved = t->achieved;
      people_with[i] = t->people;
    }
  mark_targets (self, catalog, people_with, staff);
  /* unit names belong to the model's year, which may be read again */
  for (guint i = 0; i < units->len; i++)
    {
      ThiduaRegUnitTally *u = &g_array_index (units, ThiduaRegUnitTally, i);
      Bar b = { NULL, g_strdup (u->name), u->registered, u->achieved, -1 };

      b.label = b.owned;
      g_array_append_val (self->units, b);
    }
  g_array_sort (self->units, by_registered);
  if (self->units->len > MAX_UNITS)
    {
      for (guint i = MAX_UNITS; i < self->units->len; i++)
        g_free (g_array_index (self->units, Bar, i).owned);
      g_array_set_size (self->units, MAX_UNITS);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Draws one block of bars (cr NULL: only measures) and returns the y
 * under it.  Labels wrap, never cut: units named alike ("Khoa Hồi sức tích
 * cực - Chống độc 1", "… 2") must stay apart. */
static double
draw_bars (ThiduaRegisterDashboard *self, cairo_t *cr, const char *heading, GArray *bars,
           double x, double y, double width, gboolean skip_empty)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), heading);
  GdkRGBA fg;
  guint max = 1;
  const double label_w = MIN (width * 0.4, 150);

  /* 4.8: no gtk_widget_get_color () yet */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  for (guint i = 0; i < bars->len; i++)
    {
      Bar *b = &g_array_index (bars, Bar, i);
      max = MAX (max, b->registered);
      if (b->target > max)
        max = (guint) b->target + 1;
    }
  /* the heading (with the legend) wraps, never cut at the pane's edge */
  pango_layout_set_width (layout, (int) width * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  if (cr)
    {
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
    }
  {
    int h;
    pango_layout_get_pixel_size (layout, NULL, &h);
    y += MAX (h, 16) + 4;
  }
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  for (guint i = 0; i < bars->len; i++)
    {
      Bar *b = &g_array_index (bars, Bar, i);
      double full = MAX (width - label_w - 40, 10);
      g_autofree char *count = NULL;
      int text_h = 0;
      double row;

      if (skip_empty && b->registered == 0 && b->target < 0)
        continue;
      pango_layout_set_text (layout, b->label, -1);
      pango_layout_set_width (layout, (int) (label_w - 4) * PANGO_SCALE);
      pango_layout_get_pixel_size (layout, NULL, &text_h);
      row = MAX (18, text_h + 2);
      if (cr == NULL)
        {
          y += row;
          continue;
        }
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
      /* registered (light), achieved (dark) */
      cairo_set_source_rgba (cr, 0.35, 0.55, 0.85, 0.45);
      cairo_rectangle (cr, x + label_w, y + 3, full * b->registered / max, 12);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, 0.15, 0.45, 0.2, 0.9);
      cairo_rectangle (cr, x + label_w, y + 3, full * b->achieved / max, 12);
      cairo_fill (cr);
      if (b->target >= 0)
        {
          double tx = x + label_w + full * b->target / max;
          cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
          cairo_set_line_width (cr, 2);
          cairo_move_to (cr, tx, y);
          cairo_line_to (cr, tx, y + 18);
          cairo_stroke (cr);
        }
      count = g_strdup_printf ("%u", b->registered);
      pango_layout_set_width (layout, -1);
      pango_layout_set_text (layout, count, -1);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, x + label_w + full * b->registered / max + 4, y);
      pango_cairo_show_layout (cr, layout);
      y += row;
    }
  g_object_unref (layout);
  return y + 8;
}

static double
draw_all (ThiduaRegisterDashboard *self, cairo_t *cr, double w)
{
  double y = 4;

  y = draw_bars (self, cr, _("Per title (blue: registered; green: achieved; red line: target)"),
                 self->titles, 6, y, w - 12, TRUE);
  return draw_bars (self, cr, _("Largest units"), self->units, 6, y, w - 12, FALSE);
}

static void
thidua_register_dashboard_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  ThiduaRegisterDashboard *self = THIDUA_REGISTER_DASHBOARD (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));

  draw_all (self, cr, w);
  cairo_destroy (cr);
}

static GtkSizeRequestMode
thidua_register_dashboard_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
thidua_register_dashboard_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                                   int *minimum, int *natural, int *min_baseline, int *nat_baseline)
{
  ThiduaRegisterDashboard *self = THIDUA_REGISTER_DASHBOARD (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = 200, *natural = 320;
  else
    *minimum = *natural = (int) draw_all (self, NULL, for_size > 0 ? for_size : 320);
}

static void
thidua_register_dashboard_dispose (GObject *object)
{
  ThiduaRegisterDashboard *self = THIDUA_REGISTER_DASHBOARD (object);

  g_clear_object (&self->model);
  G_OBJECT_CLASS (thidua_register_dashboard_parent_class)->dispose (object);
}

static void
thidua_register_dashboard_finalize (GObject *object)
{
  ThiduaRegisterDashboard *self = THIDUA_REGISTER_DASHBOARD (object);

  clear_bars (self->titles);
  clear_bars (self->units);
  g_array_unref (self->titles);
  g_array_unref (self->units);
  G_OBJECT_CLASS (thidua_register_dashboard_parent_class)->finalize (object);
}

static void
thidua_register_dashboard_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ThiduaRegisterDashboard *self = THIDUA_REGISTER_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_register_dashboard_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ThiduaRegisterDashboard *self = THIDUA_REGISTER_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      thidua_register_dashboard_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_register_dashboard_class_init (ThiduaRegisterDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_register_dashboard_dispose;
  object_class->finalize = thidua_register_dashboard_finalize;
  object_class->get_property = thidua_register_dashboard_get_property;
  object_class->set_property = thidua_register_dashboard_set_property;
  widget_class->snapshot = thidua_register_dashboard_snapshot;
  widget_class->measure = thidua_register_dashboard_measure;
  widget_class->get_request_mode = thidua_register_dashboard_get_request_mode;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, THIDUA_TYPE_REGISTER_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "register-dashboard");
}

static void
thidua_register_dashboard_init (ThiduaRegisterDashboard *self)
{
  self->titles = g_array_new (FALSE, TRUE, sizeof (Bar));
  self->units = g_array_new (FALSE, TRUE, sizeof (Bar));
}

GtkWidget *
thidua_register_dashboard_new (void)
{
  return g_object_new (THIDUA_TYPE_REGISTER_DASHBOARD, NULL);
}

void
thidua_register_dashboard_set_model (ThiduaRegisterDashboard *self, ThiduaRegisterModel *model)
{
  g_return_if_fail (THIDUA_IS_REGISTER_DASHBOARD (self));
  if (!g_set_object (&self->model, model))
    return;
  thidua_register_dashboard_update (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}
