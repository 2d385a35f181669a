/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-body-section.c — the body, its formatting buttons and outline. */
#include "config.h"
#include "thidua-body-section.h"
#include "thidua-body-view.h"
#include "thidua-markup.h"

#include <glib/gi18n.h>
#include <string.h>

struct _ThiduaBodySection
{
  GtkWidget        parent_instance;

  GtkListBox      *outline_list;
  ThiduaBodyView  *body_view;

  guint            outline_source;
  char            *outline_key;    /* the outline shown, to skip rebuilds */
  ThiduaDocument  *document;
  ThiduaPlan      *plan;       /* the document's */
  gboolean         editable;
  guint            loading;    /* >0 while widgets are filled from the plan */
};

static void section_iface_init (ThiduaPlanSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ThiduaBodySection, thidua_body_section, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (THIDUA_TYPE_PLAN_SECTION, section_iface_init))

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_EDITABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The state before a user change becomes a step of the document's one
 * history; `key` merges keystrokes in one field into one step. */
static gboolean
begin_step (ThiduaBodySection *self,
            const char *key)
{
  if (self->loading || self->plan == NULL)
    return FALSE;
  thidua_document_begin_step (self->document, key);
  return TRUE;
}

static void
changed (ThiduaBodySection *self,
         const char *field)
{
  thidua_plan_section_emit_changed (THIDUA_PLAN_SECTION (self), field);
}

enum {
  CURSOR_MOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Outline                                                            */

static void
rebuild_outline (ThiduaBodySection *self)
{
  g_autoptr(ThiduaBody) body = NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *child;

  body = self->plan ? thidua_body_parse (thidua_plan_get_body (self->plan)) : NULL;
  for (guint i = 0; body && i < thidua_body_n_outline (body); i++)
    {
      const ThiduaOutlineEntry *e = thidua_body_get_outline (body, i);
      g_string_append_printf (key, "%u %s %s %u %d\n", e->level, e->label, e->title,
                              e->line, e->misnumbered);
    }
  /* Typing inside a paragraph leaves the outline as it was: keep the rows. */
  if (g_strcmp0 (key->str, self->outline_key) == 0)
    return;
  g_free (self->outline_key);
  self->outline_key = g_strdup (key->str);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->outline_list))) != NULL)
    gtk_list_box_remove (self->outline_list, child);
  if (body == NULL)
    return;
  for (guint i = 0; i < thidua_body_n_outline (body); i++)
    {
      const ThiduaOutlineEntry *e = thidua_body_get_outline (body, i);
      g_autofree char *text = g_strdup_printf ("%s %s", e->label, e->title);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      /* headings wrap rather than lose their end in a narrow column */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_margin_start (label, 4 + 10 * (MAX (e->level, 1) - 1));
      if (e->level == 1)
        gtk_widget_add_css_class (label, "thidua-outline-heading");
      if (e->misnumbered)
        {
          g_autofree char *tip = g_strdup_printf (_("“%s” skips or repeats a number"), e->label);

          gtk_widget_add_css_class (label, "thidua-field-error");
          gtk_widget_set_tooltip_text (row, tip);
        }
      else
        gtk_widget_set_tooltip_text (row, text);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      /* clicked to jump; Tab goes from the subject straight to the body */
      gtk_widget_set_focusable (row, FALSE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "body-section.goto-line");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "i", (int) e->line);
      gtk_list_box_append (self->outline_list, row);
    }
}

static gboolean
outline_idle (gpointer data)
{
  ThiduaBodySection *self = data;

  self->outline_source = 0;
  rebuild_outline (self);
  return G_SOURCE_REMOVE;
}

void
thidua_body_section_goto_line (ThiduaBodySection *self,
                               int                line)
{
  g_return_if_fail (THIDUA_IS_BODY_SECTION (self));
  thidua_body_view_goto_line (self->body_view, line);
}

GtkTextView *
thidua_body_section_get_view (ThiduaBodySection *self)
{
  g_return_val_if_fail (THIDUA_IS_BODY_SECTION (self), NULL);
  return GTK_TEXT_VIEW (self->body_view);
}

static void
goto_line_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  thidua_body_section_goto_line (THIDUA_BODY_SECTION (widget), g_variant_get_int32 (param));
}

static void
format_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThiduaBodySection *self = THIDUA_BODY_SECTION (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->body_view),
                              g_str_equal (action_name, "body-section.bold") ? "body.bold" : "body.italic",
                              NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
body_changed (GtkTextBuffer     *buffer,
              ThiduaBodySection *self)
{
  g_autofree char *text = NULL;

  if (self->loading || self->plan == NULL)
    return;
  text = thidua_body_view_get_text (self->body_view);
  begin_step (self, "body");
  thidua_plan_set_body (self->plan, text);
  /* The outline is not needed every keystroke. */
  if (self->outline_source == 0)
    self->outline_source = g_timeout_add (300, outline_idle, self);
  changed (self, "body");
}

static void
body_cursor_moved (GtkTextBuffer     *buffer,
                   GParamSpec        *pspec,
                   ThiduaBodySection *self)
{
  GtkTextIter start, cursor;
  g_autofree char *before = NULL;

  if (self->loading || self->plan == NULL || !gtk_widget_is_focus (GTK_WIDGET (self->body_view)))
    return;
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  /* the renderer counts bytes of the body, as stored (NFC, like the buffer) */
  before = gtk_text_buffer_get_text (buffer, &start, &cursor, FALSE);
  g_signal_emit (self, signals[CURSOR_MOVED], 0, (guint64) strlen (before));
}

static void
load (ThiduaBodySection *self)
{
  thidua_body_view_set_text (self->body_view, self->plan ? thidua_plan_get_body (self->plan) : "");
}

static void
after_load (ThiduaBodySection *self)
{
  rebuild_outline (self);
}

static void
apply_editable (ThiduaBodySection *self)
{
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->body_view), self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "body-section.bold", self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "body-section.italic", self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self->body_view), "body.bold", self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self->body_view), "body.italic", self->editable);
}

static void
section_restore (ThiduaPlanSection *section)
{
  ThiduaBodySection *self = THIDUA_BODY_SECTION (section);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));
  const char *text = thidua_plan_get_body (self->plan);
  g_autofree char *old = thidua_body_view_get_text (self->body_view);
  GtkTextIter iter;

  if (g_strcmp0 (old, text) != 0)
    {
      int pos = thidua_plan_section_changed_offset (old, text);

      self->loading++;
      thidua_body_view_set_text (self->body_view, text);
      self->loading--;
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, pos);
      gtk_text_buffer_place_cursor (buffer, &iter);
      gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->body_view),
                                          gtk_text_buffer_get_insert (buffer));
    }
  rebuild_outline (self);
}

static void
section_profile_changed (ThiduaPlanSection *section,
                         ThiduaProfile     *profile)
{
}

static GtkWidget *
section_get_field_widget (ThiduaPlanSection *section,
                          const char        *field)
{
  ThiduaBodySection *self = THIDUA_BODY_SECTION (section);

  return g_strcmp0 (field, "body") == 0 ? GTK_WIDGET (self->body_view) : NULL;
}

static void
set_document (ThiduaBodySection *self,
              ThiduaDocument *document)
{
  if (self->document == document)
    return;
  g_set_object (&self->document, document);
  g_clear_object (&self->plan);
  if (document != NULL)
    self->plan = g_object_ref (thidua_document_get_plan (document));
  self->loading++;
  load (self);
  self->loading--;
  after_load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static void
set_editable (ThiduaBodySection *self,
              gboolean editable)
{
  editable = !!editable;
  if (self->editable == editable)
    return;
  self->editable = editable;
  apply_editable (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

static void
section_iface_init (ThiduaPlanSectionInterface *iface)
{
  iface->restore = section_restore;
  iface->profile_changed = section_profile_changed;
  iface->get_field_widget = section_get_field_widget;
}

GtkWidget *
thidua_body_section_new (void)
{
  return g_object_new (THIDUA_TYPE_BODY_SECTION, NULL);
}

static void
thidua_body_section_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ThiduaBodySection *self = THIDUA_BODY_SECTION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_body_section_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ThiduaBodySection *self = THIDUA_BODY_SECTION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      set_document (self, g_value_get_object (value));
      break;
    case PROP_EDITABLE:
      set_editable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_body_section_dispose (GObject *object)
{
  ThiduaBodySection *self = THIDUA_BODY_SECTION (object);
  GtkWidget *child;

  g_clear_handle_id (&self->outline_source, g_source_remove);
  g_clear_pointer (&self->outline_key, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_BODY_SECTION);
  /* the template's root is not a bound child */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);
  g_clear_object (&self->plan);
  G_OBJECT_CLASS (thidua_body_section_parent_class)->dispose (object);
}

static void
thidua_body_section_class_init (ThiduaBodySectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_body_section_dispose;
  object_class->get_property = thidua_body_section_get_property;
  object_class->set_property = thidua_body_section_set_property;

  g_object_class_override_property (object_class, PROP_DOCUMENT, "document");
  g_object_class_override_property (object_class, PROP_EDITABLE, "editable");
  properties[PROP_DOCUMENT] = g_object_class_find_property (object_class, "document");
  properties[PROP_EDITABLE] = g_object_class_find_property (object_class, "editable");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-body-section.ui");
  /* The cursor in the body moved: its byte offset in the body text, so
   * the preview can show that page. */
  signals[CURSOR_MOVED] = g_signal_new ("cursor-moved", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_UINT64);
  g_type_ensure (THIDUA_TYPE_BODY_VIEW);
  gtk_widget_class_bind_template_child (widget_class, ThiduaBodySection, outline_list);
  gtk_widget_class_bind_template_child (widget_class, ThiduaBodySection, body_view);
  gtk_widget_class_install_action (widget_class, "body-section.goto-line", "i", goto_line_action);
  gtk_widget_class_install_action (widget_class, "body-section.bold", NULL, format_action);
  gtk_widget_class_install_action (widget_class, "body-section.italic", NULL, format_action);
}

static void
thidua_body_section_init (ThiduaBodySection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->editable = TRUE;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));

  g_signal_connect (buffer, "changed", G_CALLBACK (body_changed), self);
  g_signal_connect (buffer, "notify::cursor-position", G_CALLBACK (body_cursor_moved), self);
  /* the document keeps the history */
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
}
