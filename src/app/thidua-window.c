/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-window.c — the main window. */
#include "config.h"
#include "thidua-window-private.h"
#include "thidua-signoff.h"
#include "thidua-register-view.h"
#include "thidua-document.h"
#include "thidua-plan-list.h"
#include "thidua-plan-editor.h"
#include "thidua-plan-item.h"
#include "thidua-preview.h"
#include "thidua-print.h"
#include "thidua-render.h"
#include "thidua-template-item.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>


G_DEFINE_FINAL_TYPE (ThiduaWindow, thidua_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SHOW_PREVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

ThiduaStore *
thidua_window_get_store (ThiduaWindow *self)
{
  g_return_val_if_fail (THIDUA_IS_WINDOW (self), NULL);
  return self->store;
}

GListModel *
thidua_window_get_plans (ThiduaWindow *self)
{
  g_return_val_if_fail (THIDUA_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->plans);
}

GListModel *
thidua_window_get_templates (ThiduaWindow *self)
{
  g_return_val_if_fail (THIDUA_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->templates);
}

GtkEditable *
thidua_window_get_search_entry (ThiduaWindow *self)
{
  g_return_val_if_fail (THIDUA_IS_WINDOW (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

ThiduaDocument *
thidua_window_get_document (ThiduaWindow *self)
{
  g_return_val_if_fail (THIDUA_IS_WINDOW (self), NULL);
  return self->document;
}

ThiduaPlanEditor *
thidua_window_get_editor (ThiduaWindow *self)
{
  g_return_val_if_fail (THIDUA_IS_WINDOW (self), NULL);
  _thidua_window_ensure_editor (self);
  return self->plan_editor;
}

ThiduaPreview *
thidua_window_get_preview (ThiduaWindow *self)
{
  g_return_val_if_fail (THIDUA_IS_WINDOW (self), NULL);
  _thidua_window_ensure_editor (self);
  return self->preview;
}

const char *
thidua_window_get_banner (ThiduaWindow *self)
{
  g_return_val_if_fail (THIDUA_IS_WINDOW (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return NULL;
  return gtk_label_get_label (self->banner_label);
}

void
thidua_window_show_banner (ThiduaWindow *self,
                           const char   *message,
                           gboolean      is_error)
{
  g_return_if_fail (THIDUA_IS_WINDOW (self));

  self->banner_is_save_error = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), FALSE);
  gtk_label_set_label (self->banner_label, message);
  if (is_error)
    gtk_widget_add_css_class (gtk_widget_get_parent (GTK_WIDGET (self->banner_label)), "error");
  else
    gtk_widget_remove_css_class (gtk_widget_get_parent (GTK_WIDGET (self->banner_label)), "error");
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

void
thidua_window_hide_banner (ThiduaWindow *self)
{
  g_return_if_fail (THIDUA_IS_WINDOW (self));
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

void
_thidua_window_report_error (ThiduaWindow *self,
                             const char   *what,
                             const GError *error)
{
  g_autofree char *msg = g_strdup_printf ("%s: %s", what, error->message);

  thidua_window_show_banner (self, msg, TRUE);
}

gint64
thidua_window_get_selected_plan (ThiduaWindow *self)
{
  ThiduaPlanItem *item;

  g_return_val_if_fail (THIDUA_IS_WINDOW (self), 0);

  item = gtk_single_selection_get_selected_item (self->plans_selection);
  return item ? thidua_plan_item_get_id (item) : 0;
}

static gboolean
find_plan (ThiduaWindow *self,
           gint64        id,
           guint        *position)
{
  *position = self->plans ? thidua_plan_list_find (self->plans, id) : G_MAXUINT;
  return *position != G_MAXUINT;
}

gboolean
thidua_window_select_plan (ThiduaWindow *self,
                           gint64        id)
{
  guint position;

  g_return_val_if_fail (THIDUA_IS_WINDOW (self), FALSE);

  /* a plan written a moment ago may not be listed yet */
  if (!find_plan (self, id, &position) &&
      (!thidua_plan_list_refresh (self->plans, NULL) || !find_plan (self, id, &position)))
    return FALSE;
  thidua_plan_sidebar_select (self->sidebar, position);
  return TRUE;
}

/* The list shows numbers as the profile prints them (215/KH-SYT,
 * 100-KH/TCT); each profile file is read once per window.  A profile that
 * cannot be read is reported by the preview; the list falls back to "/". */
static const char *
number_separator (ThiduaWindow *self,
                  const char   *profile);

static const char *
plan_list_separator (const char *profile,
                     gpointer    data)
{
  return number_separator (data, profile);
}

static const char *
number_separator (ThiduaWindow *self,
                  const char   *profile)
{
  const char *sep;

  if (profile == NULL)
    return "/";
  sep = g_hash_table_lookup (self->number_separators, profile);
  if (sep == NULL)
    {
      g_autoptr(ThiduaProfile) p = thidua_profile_load (profile, NULL);

      sep = p != NULL ? thidua_profile_get_number_separator (p) : "/";
      g_hash_table_insert (self->number_separators, g_strdup (profile), g_strdup (sep));
      sep = g_hash_table_lookup (self->number_separators, profile);
    }
  return sep;
}

/* The list changed (a refresh, another process): the open plan stays
 * selected where it moved to (the sidebar shows why a list is empty). */
static void
plans_changed_cb (ThiduaWindow *self)
{
  gint64 open = self->document ? thidua_plan_get_id (thidua_document_get_plan (self->document)) : 0;

  if (open != 0 && thidua_window_get_selected_plan (self) != open)
    thidua_window_select_plan (self, open);
}

void
thidua_window_reload_plans (ThiduaWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *search;
  gint64 selected;

  g_return_if_fail (THIDUA_IS_WINDOW (self));

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  selected = thidua_window_get_selected_plan (self);
  /* the open plan may have been hidden by the previous search */
  if (selected == 0 && self->document != NULL)
    selected = thidua_plan_get_id (thidua_document_get_plan (self->document));
  if (g_strcmp0 (*search ? search : NULL, thidua_plan_list_get_search (self->plans)) != 0)
    thidua_plan_list_set_search (self->plans, search);
  else if (!thidua_plan_list_refresh (self->plans, &error))
    {
      _thidua_window_report_error (self, _("Could not read the plans"), error);
      return;
    }
  plans_changed_cb (self);
  if (selected == 0 || !thidua_window_select_plan (self, selected))
    gtk_single_selection_set_selected (self->plans_selection, GTK_INVALID_LIST_POSITION);
}

/* Another process (thidua-cli, a second app) may have written: looked at
 * when the window gets the focus and every few seconds. */
static void
poll_other_writers (ThiduaWindow *self)
{
  if (self->plans != NULL)
    thidua_plan_list_poll (self->plans);
}

static gboolean
poll_timeout (gpointer data)
{
  poll_other_writers (data);
  return G_SOURCE_CONTINUE;
}

#define THUMBNAIL_WIDTH 150

/* The template's first page, drawn by the renderer (the same pages as the
 * preview and the print), as a small texture. */
static GdkTexture *
render_thumbnail (ThiduaStore *store,
                  const char  *name)
{
  g_autoptr(ThiduaPlan) plan = thidua_store_plan_from_template (store, name, NULL);
  g_autoptr(ThiduaLayout) layout = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double scale;
  int w, h;

  if (plan == NULL)
    return NULL;
  layout = thidua_layout_new_for_plan (plan, NULL);
  if (layout == NULL)
    return NULL;

  scale = THUMBNAIL_WIDTH / thidua_layout_get_page_width (layout);
  w = THUMBNAIL_WIDTH;
  h = (int) (thidua_layout_get_page_height (layout) * scale + 0.5);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  thidua_layout_draw_page (layout, cr, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * h);
  {
    GdkTexture *texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes,
                                                  cairo_image_surface_get_stride (surface));
    cairo_surface_destroy (surface);
    return texture;
  }
}

/* One thumbnail per idle, after the first frame: start-up stays fast. */
static gboolean
thumbnail_idle (gpointer data)
{
  ThiduaWindow *self = data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->templates));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ThiduaTemplateItem) item = g_list_model_get_item (G_LIST_MODEL (self->templates), i);

      if (thidua_template_item_get_thumbnail (item) == NULL)
        {
          g_autoptr(GdkTexture) texture = render_thumbnail (self->store,
                                                            thidua_template_item_get_name (item));
          if (texture == NULL)
            continue;
          thidua_template_item_set_thumbnail (item, GDK_PAINTABLE (texture));
          return G_SOURCE_CONTINUE;
        }
    }
  self->thumbnail_source = 0;
  return G_SOURCE_REMOVE;
}

static void
load_templates (ThiduaWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = thidua_store_list_templates (self->store, &error);

  g_list_store_remove_all (self->templates);
  if (infos == NULL)
    {
      _thidua_window_report_error (self, _("Could not read the templates"), error);
      return;
    }
  for (guint i = 0; i < infos->len; i++)
    {
      g_autoptr(ThiduaTemplateItem) item = thidua_template_item_new (g_ptr_array_index (infos, i));
      g_list_store_append (self->templates, item);
    }
  self->thumbnails_wanted = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->thumbnail_source == 0)
    self->thumbnail_source = g_idle_add_full (G_PRIORITY_LOW, thumbnail_idle, self, NULL);
}

static const char *
save_state_label (ThiduaSaveState state)
{
  switch (state)
    {
    case THIDUA_SAVE_STATE_SAVED:
      return _("Saved");
    case THIDUA_SAVE_STATE_PENDING:
      return _("Saving…");
    case THIDUA_SAVE_STATE_FAILED:
    default:
      return _("Not saved");
    }
}

static void
update_title (ThiduaWindow *self)
{
  g_autofree char *basename = g_path_get_basename (thidua_store_get_path (self->store));
  g_autofree char *subtitle = NULL;

  const char *subject = self->document
                        ? thidua_plan_get_subject (thidua_document_get_plan (self->document))
                        : "";
  g_autofree char *title = NULL;
  g_autofree char *shown = NULL;

  if (self->document != NULL && !thidua_store_is_read_only (self->store))
    subtitle = g_strdup_printf ("%s — %s", basename,
                                save_state_label (thidua_document_get_state (self->document)));
  else
    subtitle = g_strdup (basename);
  gtk_label_set_label (self->subtitle_label, subtitle);

  /* The plan's subject names the window (task switchers), on one line. */
  shown = g_strdelimit (g_strdup (subject), "\n", ' ');
  title = *shown ? g_strdup_printf ("%s — %s", shown, _("Thi Đua")) : g_strdup (_("Thi Đua"));
  /* Called for every keystroke: GTK sends the title to the window system
   * and rebuilds the tooltip even when they are unchanged. */
  if (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (self)), title) != 0)
    gtk_window_set_title (GTK_WINDOW (self), title);

  /* The title bar names it short, as the list does (KẾ HOẠCH số
   * 215/KH-SYT): a subject never fits there on a small screen, and it is
   * in the form and the tooltip. */
  if (self->document != NULL)
    {
      ThiduaPlan *plan = thidua_document_get_plan (self->document);
      const char *number = thidua_plan_get_number (plan);
      const char *symbol = thidua_plan_get_symbol (plan);
      const char *type = *thidua_plan_get_type_name (plan) ? thidua_plan_get_type_name (plan)
                                                           : _("Thi Đua");
      g_autofree char *label = NULL;

      if (*number || *symbol)
        {
          g_autofree char *both = g_strdup_printf ("%s%s%s", *number ? number : "…",
                                                   number_separator (self, thidua_profile_kind_to_string (thidua_plan_get_profile (plan))),
                                                   symbol);
          label = g_strdup_printf (_("%s No. %s"), type, both);
        }
      else
        label = g_strdup (type);
      gtk_label_set_label (self->title_label, label);
      if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self->title_label)),
                     *shown ? shown : NULL) != 0)
        gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), *shown ? shown : NULL);
    }
  else
    {
      gtk_label_set_label (self->title_label, _("Thi Đua"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), NULL);
    }
}

static void
document_state_changed (ThiduaWindow *self)
{
  const GError *error;

  update_title (self);
  if (self->document == NULL)
    return;

  error = thidua_document_get_error (self->document);
  if (thidua_document_get_state (self->document) == THIDUA_SAVE_STATE_FAILED && error != NULL)
    {
      g_autofree char *msg =
        g_strdup_printf (_("The plan could not be saved: %s. Your edits are kept in this "
                           "window and will be saved as soon as the database can be written."),
                         error->message);
      thidua_window_show_banner (self, msg, TRUE);
      self->banner_is_save_error = TRUE;
    }
  else if (thidua_document_get_state (self->document) == THIDUA_SAVE_STATE_SAVED &&
           self->banner_is_save_error)
    {
      thidua_window_hide_banner (self);
      self->banner_is_save_error = FALSE;
    }
}

ThiduaRegister *
_thidua_window_get_register (ThiduaWindow *self)
{
  return self->reg;
}

static void
close_document (ThiduaWindow *self)
{
  if (self->document == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->document, self);
  if (!thidua_document_flush (self->document, NULL))
    g_ptr_array_add (self->unsaved, g_object_ref (self->document));
  g_clear_object (&self->document);
}

static void
update_known_bodies (ThiduaWindow *self)
{
  g_autoptr(GPtrArray) summaries = thidua_store_list_plans (self->store, NULL, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) bodies = g_ptr_array_new ();

  for (guint i = 0; summaries && i < summaries->len; i++)
    {
      ThiduaPlanSummary *s = g_ptr_array_index (summaries, i);

      if (s->issuing_body && *s->issuing_body && g_hash_table_add (seen, s->issuing_body))
        g_ptr_array_add (bodies, s->issuing_body);
    }
  g_ptr_array_add (bodies, NULL);
  thidua_plan_editor_set_known_bodies (self->plan_editor, (const char * const *) bodies->pdata);
}

static void
open_plan (ThiduaWindow *self,
           gint64        id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;

  if (self->document != NULL &&
      thidua_plan_get_id (thidua_document_get_plan (self->document)) == id)
    return;

  close_document (self);

  if (id != 0)
    {
      plan = thidua_store_load_plan (self->store, id, &error);
      if (plan == NULL)
        _thidua_window_report_error (self, _("Could not open the plan"), error);
    }

  if (plan == NULL)
    {
      if (self->plan_editor != NULL)
        {
          thidua_plan_editor_set_document (self->plan_editor, NULL);
          thidua_preview_set_plan (self->preview, NULL);
        }
      thidua_signoff_plan_opened (self, NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      update_title (self);
      return;
    }

  _thidua_window_ensure_editor (self);
  self->document = thidua_document_new (self->store, _thidua_window_get_register (self), plan);
  g_signal_connect_object (self->document, "notify::state",
                           G_CALLBACK (document_state_changed), self, G_CONNECT_SWAPPED);
  update_known_bodies (self);
  thidua_plan_editor_set_document (self->plan_editor, self->document);
  thidua_plan_editor_set_editable (self->plan_editor, !thidua_store_is_read_only (self->store));
  thidua_preview_set_plan (self->preview, plan);
  thidua_signoff_plan_opened (self, plan);
  gtk_stack_set_visible_child_name (self->main_stack, "editor");
  update_title (self);
}

/* After a sign-off step: the stored plan changed under the document. */
void
thidua_window_reopen_plan (ThiduaWindow *self)
{
  g_return_if_fail (THIDUA_IS_WINDOW (self));
  close_document (self);
  open_plan (self, thidua_window_get_selected_plan (self));
}

/* The header's Print prints what the section shows: the open plan, or
 * the register's summary (a unit's form when a unit is chosen). */
static void
update_print_state (ThiduaWindow *self)
{
  gboolean on_register = g_strcmp0 (gtk_stack_get_visible_child_name (self->section_stack),
                                    "register") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print",
                                 on_register || self->plan_printable);
}

static void
update_selection_state (ThiduaWindow *self)
{
  gint64 id = thidua_window_get_selected_plan (self);
  gboolean writable = !thidua_store_is_read_only (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate", id != 0 && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete", id != 0 && writable);
  /* A search that hides the open plan does not close it: the secretary
   * may be looking up last year's wording while drafting. */
  if (id == 0 && self->document != NULL &&
      *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    return;

  self->plan_printable = id != 0;
  update_print_state (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", id != 0);
  open_plan (self, id);
}

static void
selection_changed_cb (ThiduaWindow *self)
{
  update_selection_state (self);
}

static void
plan_edited_cb (ThiduaWindow *self,
                gint64        input_time)
{
  ThiduaPlan *plan;
  guint position;

  if (self->document == NULL)
    return;

  plan = thidua_document_get_plan (self->document);
  thidua_document_changed (self->document);
  update_title (self);
  thidua_preview_queue_update (self->preview, input_time);

  /* The list shows the subject and date as they are typed. */
  if (find_plan (self, thidua_plan_get_id (plan), &position))
    {
      g_autoptr(ThiduaPlanItem) item = g_list_model_get_item (G_LIST_MODEL (self->plans), position);
      ThiduaPlanSummary summary = {
        .id = thidua_plan_get_id (plan),
        .status = (char *) thidua_plan_get_status (plan),
        .day = thidua_plan_get_day (plan),
        .month = thidua_plan_get_month (plan),
        .year = thidua_plan_get_year (plan),
        .number = (char *) thidua_plan_get_number (plan),
        .symbol = (char *) thidua_plan_get_symbol (plan),
        .subject = (char *) thidua_plan_get_subject (plan),
        .issuing_body = (char *) thidua_plan_get_issuing_body (plan),
        .profile = (char *) thidua_profile_kind_to_string (thidua_plan_get_profile (plan)),
      };

      thidua_plan_item_update (item, &summary, number_separator (self, summary.profile));
    }
}

static void
body_cursor_moved_cb (ThiduaWindow *self,
                      guint64       offset)
{
  thidua_preview_follow_body_offset (self->preview, offset);
}

static void
preview_updated_cb (ThiduaWindow *self)
{
  ThiduaLayout *layout = thidua_preview_get_layout (self->preview);

  thidua_plan_editor_set_warnings (self->plan_editor,
                                   layout ? thidua_layout_get_warnings (layout) : NULL);
}









static void
search_changed_cb (ThiduaWindow *self)
{
  thidua_window_reload_plans (self);
}

static void
template_card_activated_cb (GtkGridView *view,
                            guint        position,
                            gpointer     user_data)
{
  GListModel *model = G_LIST_MODEL (gtk_grid_view_get_model (view));
  g_autoptr(ThiduaTemplateItem) item = g_list_model_get_item (model, position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (view), "win.new-plan", "s",
                                thidua_template_item_get_name (item));
}





/* The register over this window's database (NULL when its catalog could
 * not be read): plan targets are kept there. */





static void
language_changed_cb (ThiduaWindow *self)
{
  thidua_window_show_banner (self, _("The interface language will change at the next start."),
                             FALSE);
}

/* The register page's view, built into its page on first use. */
static GtkWidget *
ensure_register_view (ThiduaWindow *self)
{
  if (self->register_view == NULL && self->reg != NULL)
    {
      self->register_view = thidua_register_view_new (self->reg);
      gtk_widget_set_hexpand (self->register_view, TRUE);
      gtk_widget_set_vexpand (self->register_view, TRUE);
      gtk_box_append (self->register_page, self->register_view);
    }
  return self->register_view;
}

static void
section_changed_cb (ThiduaWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->section_stack), "register") == 0)
    ensure_register_view (self);
  update_print_state (self);
}

/* The register of the same database, beside the plans.  Without its
 * catalog the plans still work; the banner says what is missing.  The
 * register itself is read now (a document opened carries the plan's
 * targets, kept there); its page shows an empty box until first shown. */
static void
add_register_page (ThiduaWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaCatalog) catalog = thidua_catalog_new_default (&error);

  if (catalog == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("The register cannot be shown: %s"), error->message);
      thidua_window_show_banner (self, msg, FALSE);
      return;
    }
  self->reg = thidua_register_new (self->store, catalog);
  self->register_page = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_stack_add_titled (self->section_stack, GTK_WIDGET (self->register_page), "register",
                        _("Register"));
  g_signal_connect_object (self->section_stack, "notify::visible-child-name",
                           G_CALLBACK (section_changed_cb), self, G_CONNECT_SWAPPED);
}

/* "register" gives the ThiduaRegisterView (built now if it was not yet). */
GtkWidget *
thidua_window_get_section (ThiduaWindow *self,
                           const char   *name)
{
  g_return_val_if_fail (THIDUA_IS_WINDOW (self), NULL);
  if (g_strcmp0 (name, "register") == 0)
    return ensure_register_view (self);
  return gtk_stack_get_child_by_name (self->section_stack, name);
}

const char *
thidua_window_get_visible_section (ThiduaWindow *self)
{
  g_return_val_if_fail (THIDUA_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->section_stack);
}


static void
set_show_preview (ThiduaWindow *self,
                  gboolean      show)
{
  show = !!show;
  if (self->show_preview == show)
    return;
  self->show_preview = show;
  if (self->preview != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->preview), show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PREVIEW]);
}

/* The settings the editor's widgets follow, once both exist. */
static void
bind_editor_settings (ThiduaWindow *self)
{
  if (self->settings == NULL || self->plan_editor == NULL)
    return;
  g_settings_bind (self->settings, "preview-position", self->editor_paned, "position",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "preview-zoom", self->preview, "zoom",
                   G_SETTINGS_BIND_DEFAULT);
}

/* The form and the preview side by side, as the window's template had
 * them: made when a plan is first opened, not at start-up. */
void
_thidua_window_ensure_editor (ThiduaWindow *self)
{
  GtkWidget *paned, *editor, *preview;

  if (self->plan_editor != NULL)
    return;
  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_widget_set_vexpand (paned, TRUE);
  editor = g_object_new (THIDUA_TYPE_PLAN_EDITOR, "width-request", 380, NULL);
  preview = g_object_new (THIDUA_TYPE_PREVIEW, "width-request", 300, NULL);
  g_signal_connect_swapped (editor, "changed", G_CALLBACK (plan_edited_cb), self);
  g_signal_connect_swapped (editor, "body-cursor-moved", G_CALLBACK (body_cursor_moved_cb), self);
  g_signal_connect_swapped (preview, "updated", G_CALLBACK (preview_updated_cb), self);
  gtk_widget_set_visible (preview, self->show_preview);
  gtk_paned_set_start_child (GTK_PANED (paned), editor);
  gtk_paned_set_end_child (GTK_PANED (paned), preview);
  self->editor_paned = GTK_PANED (paned);
  self->plan_editor = THIDUA_PLAN_EDITOR (editor);
  self->preview = THIDUA_PREVIEW (preview);
  gtk_box_append (self->editor_page, paned);
  bind_editor_settings (self);
}

static void
set_store (ThiduaWindow *self,
           ThiduaStore  *store)
{
  g_return_if_fail (self->store == NULL);
  self->store = g_object_ref (store);
  self->plans = thidua_plan_list_new (store);
  thidua_plan_list_set_separator_func (self->plans, plan_list_separator, self);
  /* after the selection model has seen the change */
  g_signal_connect_object (self->plans, "items-changed", G_CALLBACK (plans_changed_cb),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  thidua_plan_sidebar_set_model (self->sidebar, G_LIST_MODEL (self->plans));
  g_signal_connect_object (self, "notify::is-active", G_CALLBACK (poll_other_writers),
                           self, G_CONNECT_SWAPPED);
  self->poll_source = g_timeout_add_seconds (2, poll_timeout, self);

  update_title (self);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), thidua_store_get_path (store));

  if (thidua_store_is_read_only (store))
    {
      g_autofree char *msg =
        g_strdup_printf (_("“%s” is opened read-only: you can read and print its plans, "
                           "but changes cannot be saved."), thidua_store_get_path (store));

      thidua_window_show_banner (self, msg, FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-plan", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-menu", FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->new_button), FALSE);
    }

  load_templates (self);
  /* before a plan is opened: its document needs the register */
  add_register_page (self);
  thidua_window_reload_plans (self);
  update_selection_state (self);
}

/* THIDUA_BENCH=1: report when the first frame is on screen (real time, so
 * that bench/app-startup.sh can count from before the process started);
 * THIDUA_BENCH_QUIT=1 then quits. */
static void
first_frame_painted (GdkFrameClock *clock,
                     ThiduaWindow  *self)
{
  g_print ("THIDUA_BENCH first-frame-real %" G_GINT64_FORMAT " plans %u\n",
           g_get_real_time (), g_list_model_get_n_items (G_LIST_MODEL (self->plans)));
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted, self);
  if (g_getenv ("THIDUA_BENCH_QUIT") != NULL)
    g_idle_add_once ((GSourceOnceFunc) g_application_quit,
                     gtk_window_get_application (GTK_WINDOW (self)));
}

static void
name_search_entries (GtkWidget *widget)
{
  if (widget == NULL)
    return;
  if (GTK_IS_SEARCH_ENTRY (widget))
    g_object_set (widget, "placeholder-text", _("Search shortcuts"), NULL);
  /* the header's title labels, as GTK wrote them (in GTK's own words) */
  if (GTK_IS_LABEL (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), g_dgettext ("gtk40", "Shortcuts")) == 0)
    gtk_label_set_label (GTK_LABEL (widget), _("Keyboard Shortcuts"));
  if (GTK_IS_LABEL (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), g_dgettext ("gtk40", "Search Results")) == 0)
    gtk_label_set_label (GTK_LABEL (widget), _("Search Results"));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_search_entries (child);
}

/* GTK's own catalogue has no Vietnamese for the shortcuts window's
 * "Shortcuts" and "Search…": the app gives its own words. */
static void
name_help_overlay (ThiduaWindow *self)
{
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

  if (overlay == NULL)
    return;
  gtk_window_set_title (GTK_WINDOW (overlay), _("Keyboard Shortcuts"));
  name_search_entries (GTK_WIDGET (overlay));
  name_search_entries (gtk_window_get_titlebar (GTK_WINDOW (overlay)));
}

static void
window_realized (ThiduaWindow *self)
{
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                    G_CALLBACK (first_frame_painted), self);
}

/* Thumbnails are drawn after the first frame: start-up shows the window
 * first, the pictures fill in a moment later. */
static void
start_thumbnails (GdkFrameClock *clock,
                  ThiduaWindow  *self)
{
  g_signal_handlers_disconnect_by_func (clock, start_thumbnails, self);
  if (self->thumbnails_wanted && self->thumbnail_source == 0)
    self->thumbnail_source = g_idle_add_full (G_PRIORITY_LOW, thumbnail_idle, self, NULL);
}

static void
window_realized_thumbnails (ThiduaWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (start_thumbnails), self, 0);
}

/* "application" is not a construct property: it is set after
 * constructed(), so the settings are bound once the window has it. */
static void
bind_settings (ThiduaWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->settings != NULL || !THIDUA_IS_APPLICATION (app))
    return;

  self->settings = g_object_ref (thidua_application_get_settings (THIDUA_APPLICATION (app)));
  g_settings_bind (self->settings, "sidebar-position", self->sidebar_paned, "position",
                   G_SETTINGS_BIND_DEFAULT);
  bind_editor_settings (self);
  g_settings_bind (self->settings, "show-preview", self, "show-preview",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::language",
                           G_CALLBACK (language_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
thidua_window_constructed (GObject *object)
{
  ThiduaWindow *self = THIDUA_WINDOW (object);

  G_OBJECT_CLASS (thidua_window_parent_class)->constructed (object);

  if (g_getenv ("THIDUA_BENCH") != NULL)
    g_signal_connect (self, "realize", G_CALLBACK (window_realized), NULL);
  g_signal_connect (self, "realize", G_CALLBACK (window_realized_thumbnails), NULL);
}

/* <user data dir>/thidua/recovered/plan-ID-TIME.json, as thidua-cli
 * import-json reads it; the path, or NULL when it cannot be written. */
static char *
write_recovery_copy (ThiduaPlan *plan)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "thidua", "recovered", NULL);
  g_autofree char *name = g_strdup_printf ("plan-%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ".json",
                                           thidua_plan_get_id (plan),
                                           g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *json = thidua_plan_to_json (plan, TRUE);

  if (g_mkdir_with_parents (dir, 0700) != 0 || !g_file_set_contents (path, json, -1, NULL))
    return NULL;
  return g_steal_pointer (&path);
}

static gboolean
thidua_window_close_request (GtkWindow *window)
{
  ThiduaWindow *self = THIDUA_WINDOW (window);
  g_autoptr(GPtrArray) failed = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first_copy = NULL;

  /* Every plan edited in this window must reach the database or a file. */
  if (self->document != NULL && !thidua_document_flush (self->document, &error))
    g_ptr_array_add (failed, self->document);
  for (guint i = 0; i < self->unsaved->len; i++)
    {
      ThiduaDocument *doc = g_ptr_array_index (self->unsaved, i);

      if (!thidua_document_flush (doc, error == NULL ? &error : NULL))
        g_ptr_array_add (failed, doc);
    }

  if (failed->len > 0)
    {
      gboolean all_copied = TRUE;

      for (guint i = 0; i < failed->len; i++)
        {
          ThiduaDocument *doc = g_ptr_array_index (failed, i);
          g_autofree char *path = write_recovery_copy (thidua_document_get_plan (doc));

          if (path == NULL)
            all_copied = FALSE;
          else if (first_copy == NULL)
            first_copy = g_steal_pointer (&path);
        }

      if (!self->close_refused)
        {
          /* Keep the window open once, so the user sees why and where. */
          g_autofree char *msg = NULL;

          if (all_copied)
            msg = g_strdup_printf (_("The plan could not be saved (%s). A copy was written to “%s”; "
                                     "it can be brought back with thidua-cli import-json. "
                                     "Close again to quit."),
                                   error ? error->message : "", first_copy);
          else
            msg = g_strdup_printf (_("The plan could not be saved (%s). Close again to quit "
                                     "without the last edits."), error ? error->message : "");
          thidua_window_show_banner (self, msg, TRUE);
          self->close_refused = TRUE;
          return TRUE;
        }

      /* Closing anyway: the copies just written hold the latest text. */
      for (guint i = 0; i < failed->len; i++)
        thidua_document_abandon (g_ptr_array_index (failed, i));
    }

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }

  return GTK_WINDOW_CLASS (thidua_window_parent_class)->close_request (window);
}

static void
thidua_window_dispose (GObject *object)
{
  ThiduaWindow *self = THIDUA_WINDOW (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->unsaved, g_ptr_array_unref);
  g_clear_object (&self->deleted);
  g_clear_handle_id (&self->thumbnail_source, g_source_remove);
  self->plans_selection = NULL;
  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_object (&self->plans);
  g_clear_object (&self->templates);
  g_clear_object (&self->reg);
  g_clear_object (&self->store);
  g_clear_pointer (&self->number_separators, g_hash_table_unref);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (thidua_window_parent_class)->dispose (object);
}

static void
thidua_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ThiduaWindow *self = THIDUA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SHOW_PREVIEW:
      g_value_set_boolean (value, self->show_preview);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ThiduaWindow *self = THIDUA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    case PROP_SHOW_PREVIEW:
      set_show_preview (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_window_class_init (ThiduaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = thidua_window_constructed;
  object_class->dispose = thidua_window_dispose;
  object_class->get_property = thidua_window_get_property;
  object_class->set_property = thidua_window_set_property;
  window_class->close_request = thidua_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, THIDUA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  /* The preview beside the form, or the form alone (small screens);
   * win.show-preview toggles it, GSettings remembers it. */
  properties[PROP_SHOW_PREVIEW] =
    g_param_spec_boolean ("show-preview", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_install_property_action (widget_class, "win.show-preview", "show-preview");

  /* The list item factories look these types up by name. */
  g_type_ensure (THIDUA_TYPE_PLAN_ITEM);
  g_type_ensure (THIDUA_TYPE_PLAN_SIDEBAR);
  g_type_ensure (THIDUA_TYPE_TEMPLATE_ITEM);
  g_type_ensure (THIDUA_TYPE_PLAN_EDITOR);
  g_type_ensure (THIDUA_TYPE_PREVIEW);

  _thidua_window_class_add_actions (widget_class);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, section_stack);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, new_templates_view);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, sidebar_paned);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, welcome_templates_view);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, editor_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, template_card_activated_cb);

  thidua_signoff_install_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-preview", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", "s", "pdf");
}

static void
thidua_window_init (ThiduaWindow *self)
{
  self->show_preview = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the help overlay exists once the window belongs to the application */
  g_signal_connect (self, "realize", G_CALLBACK (name_help_overlay), NULL);

  self->unsaved = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-delete", FALSE);
  self->number_separators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->templates = g_list_store_new (THIDUA_TYPE_TEMPLATE_ITEM);

  self->search_entry = thidua_plan_sidebar_get_search_entry (self->sidebar);
  self->plans_selection = thidua_plan_sidebar_get_selection (self->sidebar);
  g_signal_connect_object (self->plans_selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  {
    g_autoptr(GtkNoSelection) a = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->templates)));
    g_autoptr(GtkNoSelection) b = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->templates)));

    gtk_grid_view_set_model (self->new_templates_view, GTK_SELECTION_MODEL (a));
    gtk_grid_view_set_model (self->welcome_templates_view, GTK_SELECTION_MODEL (b));
  }
  thidua_signoff_init_window (self);
}

ThiduaWindow *
thidua_window_new (ThiduaApplication *application,
                   ThiduaStore       *store)
{
  ThiduaWindow *self = g_object_new (THIDUA_TYPE_WINDOW,
                                     "application", application,
                                     "store", store,
                                     NULL);
  bind_settings (self);
  return self;
}
