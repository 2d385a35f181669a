/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-preview.c — the page preview. */
#include "config.h"
#include "thidua-preview.h"

#include <glib/gi18n.h>

#define PAGE_MARGIN 16.0   /* px of grey around the page */

struct _ThiduaPreview
{
  GtkWidget        parent_instance;

  GtkLabel        *page_label;
  GtkLabel        *zoom_label;
  GtkScrolledWindow *scroller;
  GtkDrawingArea  *page_area;
  GtkLabel        *warnings_label;
  GtkListBox      *warnings_list;
  GtkWidget       *warnings_box;

  ThiduaPlan      *plan;
  ThiduaLayout    *layout;
  guint            page;
  double           zoom;          /* 0 = fit width */
  guint            update_source;
  guint            resize_source;
  gint64           input_time;    /* edit awaiting its redraw (bench) */
  gint64           layout_time;
  char            *warnings_key;  /* the listed warnings, to skip rebuilds */
  gboolean         bench;
  gsize            follow_offset;  /* G_MAXSIZE: not following */
};

G_DEFINE_FINAL_TYPE (ThiduaPreview, thidua_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_PAGES,
  PROP_PAGE,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void thidua_preview_set_page (ThiduaPreview *self, guint page);

ThiduaLayout *
thidua_preview_get_layout (ThiduaPreview *self)
{
  g_return_val_if_fail (THIDUA_IS_PREVIEW (self), NULL);
  return self->layout;
}

guint
thidua_preview_get_n_pages (ThiduaPreview *self)
{
  g_return_val_if_fail (THIDUA_IS_PREVIEW (self), 0);
  return self->layout ? thidua_layout_get_n_pages (self->layout) : 0;
}

guint
thidua_preview_get_page (ThiduaPreview *self)
{
  g_return_val_if_fail (THIDUA_IS_PREVIEW (self), 0);
  return self->page;
}

double
thidua_preview_get_zoom (ThiduaPreview *self)
{
  g_return_val_if_fail (THIDUA_IS_PREVIEW (self), 0);
  return self->zoom;
}

static double
effective_zoom (ThiduaPreview *self)
{
  double page_w;
  int width;

  if (self->zoom > 0 || self->layout == NULL)
    return self->zoom > 0 ? self->zoom : 1.0;
  page_w = thidua_layout_get_page_width (self->layout);
  width = gtk_widget_get_width (GTK_WIDGET (self->scroller));
  if (width <= 2 * PAGE_MARGIN + 10)
    return 0.5;
  /* pt → px at 96 dpi is 4/3; fit the page into the width available */
  return MAX (0.1, (width - 2 * PAGE_MARGIN - 16) / (page_w * 4.0 / 3.0));
}

static void
update_labels (ThiduaPreview *self)
{
  guint n = thidua_preview_get_n_pages (self);
  g_autofree char *page = NULL;
  g_autofree char *zoom = NULL;

  page = g_strdup_printf (_("Page %u of %u"), n ? self->page + 1 : 0, n);
  gtk_label_set_label (self->page_label, page);
  zoom = g_strdup_printf ("%.0f%%", effective_zoom (self) * 100);
  gtk_label_set_label (self->zoom_label, zoom);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous-page", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next-page", self->page + 1 < n);
}

static void
update_size (ThiduaPreview *self)
{
  double zoom = effective_zoom (self);
  double w = 0, h = 0;

  if (self->layout != NULL)
    {
      w = thidua_layout_get_page_width (self->layout) * 4.0 / 3.0 * zoom;
      h = thidua_layout_get_page_height (self->layout) * 4.0 / 3.0 * zoom;
    }
  /* In fit mode the width follows the view; only the height is asked. */
  gtk_drawing_area_set_content_width (self->page_area,
                                      self->zoom > 0 ? (int) (w + 2 * PAGE_MARGIN) : 0);
  gtk_drawing_area_set_content_height (self->page_area, (int) (h + 2 * PAGE_MARGIN));
  update_labels (self);
}

static void
draw_page (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  ThiduaPreview *self = THIDUA_PREVIEW (user_data);
  double zoom, scale, w, h, x;

  if (self->layout == NULL || thidua_layout_get_n_pages (self->layout) == 0)
    return;

  zoom = effective_zoom (self);
  scale = zoom * 4.0 / 3.0;
  w = thidua_layout_get_page_width (self->layout) * scale;
  h = thidua_layout_get_page_height (self->layout) * scale;
  x = MAX (PAGE_MARGIN, (width - w) / 2);

  /* shadow, then paper: always white, whatever the style */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_rectangle (cr, x + 2, PAGE_MARGIN + 2, w, h);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, PAGE_MARGIN, w, h);
  cairo_fill (cr);

  cairo_save (cr);
  cairo_rectangle (cr, x, PAGE_MARGIN, w, h);
  cairo_clip (cr);
  cairo_translate (cr, x, PAGE_MARGIN);
  cairo_scale (cr, scale, scale);
  thidua_layout_draw_page (self->layout, cr, self->page);
  cairo_restore (cr);

  if (self->bench && self->input_time != 0)
    {
      gint64 now = g_get_monotonic_time ();

      g_print ("THIDUA_BENCH keystroke-to-layout %.3f ms keystroke-to-drawn %.3f ms\n",
               (self->layout_time - self->input_time) / 1000.0,
               (now - self->input_time) / 1000.0);
      self->input_time = 0;
    }
}

static void
update_warnings (ThiduaPreview *self)
{
  GPtrArray *warnings = self->layout ? thidua_layout_get_warnings (self->layout) : NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *child;

  for (guint i = 0; warnings && i < warnings->len; i++)
    {
      ThiduaLayoutWarning *w = g_ptr_array_index (warnings, i);
      g_string_append_printf (key, "%s\t%d\t%s\n", w->field, w->line, w->message);
    }
  if (g_strcmp0 (key->str, self->warnings_key) == 0)
    return;
  g_free (self->warnings_key);
  self->warnings_key = g_strdup (key->str);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_list))) != NULL)
    gtk_list_box_remove (self->warnings_list, child);

  for (guint i = 0; warnings && i < warnings->len; i++)
    {
      ThiduaLayoutWarning *w = g_ptr_array_index (warnings, i);
      GtkWidget *label = gtk_label_new (w->message);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 3);
      gtk_widget_set_margin_bottom (label, 3);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      /* The row activates win.focus-field with the warning's field. */
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.focus-field");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(si)", w->field, w->line);
      gtk_widget_set_tooltip_text (row, _("Go to the field"));
      gtk_list_box_append (self->warnings_list, row);
    }

  if (warnings == NULL || warnings->len == 0)
    gtk_label_set_label (self->warnings_label, _("No layout problems"));
  else
    {
      g_autofree char *s = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u layout problem",
                                                         "%u layout problems",
                                                         warnings->len),
                                            warnings->len);
      gtk_label_set_label (self->warnings_label, s);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_list), warnings && warnings->len > 0);
}

static void
run_update (ThiduaPreview *self)
{
  guint old_pages = thidua_preview_get_n_pages (self);

  g_clear_handle_id (&self->update_source, g_source_remove);
  if (self->plan == NULL)
    return;

  if (self->layout == NULL ||
      g_strcmp0 (thidua_profile_get_name (thidua_layout_get_profile (self->layout)),
                 thidua_profile_kind_to_string (thidua_plan_get_profile (self->plan))) != 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ThiduaProfile) profile = thidua_profile_load_for_kind (thidua_plan_get_profile (self->plan),
                                                                     &error);
      if (profile == NULL)
        {
          /* An office's edited profile with a bad value: say which, in
           * place of the page, rather than print something wrong. */
          g_autofree char *msg = g_strdup_printf (_("The format profile cannot be used: %s"),
                                                  error->message);
          g_clear_object (&self->layout);
          g_clear_pointer (&self->warnings_key, g_free);
          gtk_label_set_label (self->warnings_label, msg);
          gtk_label_set_wrap (self->warnings_label, TRUE);
          gtk_widget_set_visible (GTK_WIDGET (self->warnings_list), FALSE);
          update_size (self);
          gtk_widget_queue_draw (GTK_WIDGET (self->page_area));
          return;
        }
      if (self->layout == NULL)
        self->layout = thidua_layout_new (profile);
      else
        thidua_layout_set_profile (self->layout, profile);
    }

  thidua_layout_update (self->layout, self->plan);
  self->layout_time = g_get_monotonic_time ();

  if (self->follow_offset != G_MAXSIZE)
    thidua_preview_set_page (self, thidua_layout_get_page_for_body_offset (self->layout,
                                                                         self->follow_offset));
  if (self->page >= thidua_layout_get_n_pages (self->layout))
    thidua_preview_set_page (self, MAX (thidua_layout_get_n_pages (self->layout), 1) - 1);
  if (old_pages != thidua_layout_get_n_pages (self->layout))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);

  update_warnings (self);
  update_size (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->page_area));
  g_signal_emit (self, signals[UPDATED], 0);
}

static gboolean
update_idle (gpointer data)
{
  ThiduaPreview *self = data;

  self->update_source = 0;
  run_update (self);
  return G_SOURCE_REMOVE;
}

void
thidua_preview_queue_update (ThiduaPreview *self,
                             gint64         input_time)
{
  g_return_if_fail (THIDUA_IS_PREVIEW (self));

  if (input_time != 0 && self->input_time == 0)
    self->input_time = input_time;
  /* Before GTK's layout and paint (GDK_PRIORITY_REDRAW): several keys
   * typed within one frame cost one re-layout, and the frame shows it. */
  if (self->update_source == 0)
    self->update_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, update_idle, self, NULL);
}

void
thidua_preview_flush (ThiduaPreview *self)
{
  g_return_if_fail (THIDUA_IS_PREVIEW (self));
  if (self->update_source != 0)
    run_update (self);
}

void
thidua_preview_set_plan (ThiduaPreview *self,
                         ThiduaPlan    *plan)
{
  g_return_if_fail (THIDUA_IS_PREVIEW (self));

  if (!g_set_object (&self->plan, plan))
    return;
  self->page = 0;
  self->follow_offset = G_MAXSIZE;
  g_clear_pointer (&self->warnings_key, g_free);
  if (plan == NULL)
    {
      g_clear_object (&self->layout);
      update_warnings (self);
      update_size (self);
      gtk_widget_queue_draw (GTK_WIDGET (self->page_area));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
      return;
    }
  run_update (self);
}

void
thidua_preview_set_layout (ThiduaPreview *self,
                           ThiduaLayout  *layout)
{
  g_return_if_fail (THIDUA_IS_PREVIEW (self));
  g_return_if_fail (layout == NULL || THIDUA_IS_LAYOUT (layout));

  thidua_preview_set_plan (self, NULL);
  if (layout == NULL)
    return;
  g_set_object (&self->layout, layout);
  self->page = 0;
  update_warnings (self);
  update_size (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->page_area));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
}

void
thidua_preview_set_page (ThiduaPreview *self,
                         guint          page)
{
  g_return_if_fail (THIDUA_IS_PREVIEW (self));

  if (self->page == page)
    return;
  self->page = page;
  update_labels (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->page_area));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

void
thidua_preview_follow_body_offset (ThiduaPreview *self,
                                   gsize          offset)
{
  g_return_if_fail (THIDUA_IS_PREVIEW (self));

  self->follow_offset = offset;
  if (offset != G_MAXSIZE && self->layout != NULL && self->update_source == 0)
    thidua_preview_set_page (self, thidua_layout_get_page_for_body_offset (self->layout, offset));
}

void
thidua_preview_set_zoom (ThiduaPreview *self,
                         double         zoom)
{
  g_return_if_fail (THIDUA_IS_PREVIEW (self));

  zoom = zoom <= 0 ? 0 : CLAMP (zoom, 0.25, 4.0);
  if (self->zoom == zoom)
    return;
  self->zoom = zoom;
  update_size (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->page_area));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
previous_page_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ThiduaPreview *self = THIDUA_PREVIEW (widget);

  /* Browsing pages by hand stops following the cursor until it moves. */
  self->follow_offset = G_MAXSIZE;
  if (self->page > 0)
    thidua_preview_set_page (self, self->page - 1);
}

static void
next_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ThiduaPreview *self = THIDUA_PREVIEW (widget);

  self->follow_offset = G_MAXSIZE;
  if (self->page + 1 < thidua_preview_get_n_pages (self))
    thidua_preview_set_page (self, self->page + 1);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ThiduaPreview *self = THIDUA_PREVIEW (widget);

  thidua_preview_set_zoom (self, effective_zoom (self) * 1.2);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ThiduaPreview *self = THIDUA_PREVIEW (widget);

  thidua_preview_set_zoom (self, effective_zoom (self) / 1.2);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  thidua_preview_set_zoom (THIDUA_PREVIEW (widget), 0);
}

static gboolean
resize_idle (gpointer data)
{
  ThiduaPreview *self = data;

  self->resize_source = 0;
  update_size (self);
  return G_SOURCE_REMOVE;
}

static void
area_resized (ThiduaPreview *self)
{
  /* Fit mode depends on the width: the height request follows it, but
   * not from inside the allocation that reported the new width. */
  if (self->zoom <= 0 && self->resize_source == 0)
    self->resize_source = g_idle_add (resize_idle, self);
}

static void
thidua_preview_dispose (GObject *object)
{
  ThiduaPreview *self = THIDUA_PREVIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->update_source, g_source_remove);
  g_clear_handle_id (&self->resize_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_PREVIEW);
  /* The template's root box is not a bound child: unparent it here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->plan);
  g_clear_object (&self->layout);
  g_clear_pointer (&self->warnings_key, g_free);
  G_OBJECT_CLASS (thidua_preview_parent_class)->dispose (object);
}

static void
thidua_preview_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ThiduaPreview *self = THIDUA_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_N_PAGES:
      g_value_set_uint (value, thidua_preview_get_n_pages (self));
      break;
    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_preview_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ThiduaPreview *self = THIDUA_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      thidua_preview_set_page (self, g_value_get_uint (value));
      break;
    case PROP_ZOOM:
      thidua_preview_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_preview_class_init (ThiduaPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = thidua_preview_dispose;
  object_class->get_property = thidua_preview_get_property;
  object_class->set_property = thidua_preview_set_property;

  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PAGE] = g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, 0, 4.0, 0, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The layout was recomposed: pages and warnings are current. */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "thidua-preview");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaPreview, page_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaPreview, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaPreview, scroller);
  gtk_widget_class_bind_template_child (widget_class, ThiduaPreview, page_area);
  gtk_widget_class_bind_template_child (widget_class, ThiduaPreview, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaPreview, warnings_list);
  gtk_widget_class_bind_template_child (widget_class, ThiduaPreview, warnings_box);
  gtk_widget_class_bind_template_callback (widget_class, area_resized);

  gtk_widget_class_install_action (widget_class, "preview.previous-page", NULL, previous_page_action);
  gtk_widget_class_install_action (widget_class, "preview.next-page", NULL, next_page_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-fit", NULL, zoom_fit_action);
}

static void
thidua_preview_init (ThiduaPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->bench = g_getenv ("THIDUA_BENCH") != NULL;
  self->follow_offset = G_MAXSIZE;
  gtk_drawing_area_set_draw_func (self->page_area, draw_page, self, NULL);
  update_warnings (self);
  update_labels (self);
}
