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
  ThiduaPlanSection parent_instance;

  GtkListBox       *outline_list;
  ThiduaBodyView   *body_view;

  guint             outline_source;
  char             *outline_key;    /* the outline shown, to skip rebuilds */
};

G_DEFINE_FINAL_TYPE (ThiduaBodySection, thidua_body_section, THIDUA_TYPE_PLAN_SECTION)

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
  ThiduaPlan *plan = thidua_plan_section_get_plan (THIDUA_PLAN_SECTION (self));
  g_autoptr(ThiduaBody) body = NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *child;

  body = plan ? thidua_body_parse (thidua_plan_get_body (plan)) : NULL;
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
  ThiduaPlanSection *section = THIDUA_PLAN_SECTION (self);
  g_autofree char *text = NULL;

  if (!thidua_plan_section_begin_step (section, "body"))
    return;
  text = thidua_body_view_get_text (self->body_view);
  thidua_plan_set_body (thidua_plan_section_get_plan (section), text);
  /* The outline is not needed every keystroke. */
  if (self->outline_source == 0)
    self->outline_source = g_timeout_add (300, outline_idle, self);
  thidua_plan_section_emit_changed (section, "body");
}

static void
body_cursor_moved (GtkTextBuffer     *buffer,
                   GParamSpec        *pspec,
                   ThiduaBodySection *self)
{
  GtkTextIter start, cursor;
  g_autofree char *before = NULL;

  if (!thidua_plan_section_is_user_edit (THIDUA_PLAN_SECTION (self)) ||
      !gtk_widget_is_focus (GTK_WIDGET (self->body_view)))
    return;
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  /* the renderer counts bytes of the body, as stored (NFC, like the buffer) */
  before = gtk_text_buffer_get_text (buffer, &start, &cursor, FALSE);
  g_signal_emit (self, signals[CURSOR_MOVED], 0, (guint64) strlen (before));
}

static void
body_section_load (ThiduaPlanSection *section)
{
  ThiduaBodySection *self = THIDUA_BODY_SECTION (section);
  ThiduaPlan *plan = thidua_plan_section_get_plan (section);

  thidua_body_view_set_text (self->body_view, plan ? thidua_plan_get_body (plan) : "");
  rebuild_outline (self);
}

static void
body_section_editable_changed (ThiduaPlanSection *section,
                               gboolean           editable)
{
  ThiduaBodySection *self = THIDUA_BODY_SECTION (section);

  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->body_view), editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "body-section.bold", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "body-section.italic", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self->body_view), "body.bold", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self->body_view), "body.italic", editable);
}

/* The cursor is placed outside the load: the preview follows it to the
 * page of the change. */
static void
body_section_restore (ThiduaPlanSection *section)
{
  ThiduaBodySection *self = THIDUA_BODY_SECTION (section);
  const char *text = thidua_plan_get_body (thidua_plan_section_get_plan (section));
  g_autofree char *old = thidua_body_view_get_text (self->body_view);

  if (g_strcmp0 (old, text) != 0)
    {
      thidua_plan_section_begin_load (section);
      thidua_body_view_set_text (self->body_view, text);
      thidua_plan_section_end_load (section);
      thidua_plan_section_show_cursor (GTK_TEXT_VIEW (self->body_view),
                                       thidua_plan_section_changed_offset (old, text));
    }
  rebuild_outline (self);
}

static GtkWidget *
body_section_get_field_widget (ThiduaPlanSection *section,
                               const char        *field)
{
  ThiduaBodySection *self = THIDUA_BODY_SECTION (section);

  return g_strcmp0 (field, "body") == 0 ? GTK_WIDGET (self->body_view) : NULL;
}

GtkWidget *
thidua_body_section_new (void)
{
  return g_object_new (THIDUA_TYPE_BODY_SECTION, NULL);
}

static void
thidua_body_section_dispose (GObject *object)
{
  ThiduaBodySection *self = THIDUA_BODY_SECTION (object);

  g_clear_handle_id (&self->outline_source, g_source_remove);
  g_clear_pointer (&self->outline_key, g_free);
  G_OBJECT_CLASS (thidua_body_section_parent_class)->dispose (object);
}

static void
thidua_body_section_class_init (ThiduaBodySectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ThiduaPlanSectionClass *section_class = THIDUA_PLAN_SECTION_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_body_section_dispose;
  section_class->load = body_section_load;
  section_class->restore = body_section_restore;
  section_class->editable_changed = body_section_editable_changed;
  section_class->get_field_widget = body_section_get_field_widget;

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
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));

  g_signal_connect (buffer, "changed", G_CALLBACK (body_changed), self);
  g_signal_connect (buffer, "notify::cursor-position", G_CALLBACK (body_cursor_moved), self);
  /* the document keeps the history */
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
}
