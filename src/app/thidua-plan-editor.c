/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-plan-editor.c — the plan form. */
#include "config.h"
#include "thidua-plan-editor.h"
#include "thidua-body-view.h"
#include "thidua-targets-editor.h"
#include "thidua-document.h"
#include "thidua-layout.h"
#include "thidua-markup.h"
#include "thidua-text.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

struct _ThiduaPlanEditor
{
  GtkWidget        parent_instance;

  GtkScrolledWindow *scroller;
  GtkDropDown     *profile_dropdown;
  GtkEntry        *superior_entry;
  GtkEntry        *issuing_entry;
  GtkEntry        *number_entry;
  GtkLabel        *symbol_separator_label;
  GtkEntry        *symbol_entry;
  GtkButton       *suggest_symbol_button;
  GtkEntry        *place_entry;
  GtkEntry        *day_entry;
  GtkEntry        *month_entry;
  GtkEntry        *year_entry;
  GtkCalendar     *calendar;
  GtkLabel        *date_error_label;
  GtkEntry        *type_entry;
  GtkTextView     *subject_view;
  GtkListBox      *outline_list;
  ThiduaBodyView  *body_view;
  ThiduaTargetsEditor *targets_editor;
  GtkListBox      *recipients_list;
  GtkButton       *luu_button;
  GtkLabel        *recipients_error_label;
  GtkDropDown     *authority_dropdown;
  GtkStringList   *authority_model;
  GtkEntry        *on_behalf_entry;
  GtkEntry        *position_entry;
  GtkEntry        *signer_name_entry;

  ThiduaDocument  *document;       /* the plan edited, its targets and history */
  ThiduaPlan      *plan;           /* the document's plan */
  GtkListStore    *bodies_model;   /* issuing-body completion */
  guint            loading;        /* >0 while widgets are filled from the plan */
  char            *last_suggestion;
  GPtrArray       *marked;         /* widgets marked by warnings */
  guint            outline_source;
  char            *outline_key;    /* the outline shown, to skip rebuilds */
  gboolean         editable;       /* FALSE on a read-only database */
  gboolean         symbol_fresh;   /* entered, still showing the suggestion */
};

G_DEFINE_FINAL_TYPE (ThiduaPlanEditor, thidua_plan_editor, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  BODY_CURSOR_MOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef const char *(*GetFunc) (ThiduaPlan *);
typedef void        (*SetFunc) (ThiduaPlan *, const char *);

/* The plain text fields: JSON name, entry, accessors. */
static const struct {
  const char *field;
  gsize       offset;
  GetFunc     get;
  SetFunc     set;
} text_fields[] = {
  { "superior_body", G_STRUCT_OFFSET (ThiduaPlanEditor, superior_entry),
    thidua_plan_get_superior_body, thidua_plan_set_superior_body },
  { "issuing_body", G_STRUCT_OFFSET (ThiduaPlanEditor, issuing_entry),
    thidua_plan_get_issuing_body, thidua_plan_set_issuing_body },
  { "number", G_STRUCT_OFFSET (ThiduaPlanEditor, number_entry),
    thidua_plan_get_number, thidua_plan_set_number },
  { "symbol", G_STRUCT_OFFSET (ThiduaPlanEditor, symbol_entry),
    thidua_plan_get_symbol, thidua_plan_set_symbol },
  { "place", G_STRUCT_OFFSET (ThiduaPlanEditor, place_entry),
    thidua_plan_get_place, thidua_plan_set_place },
  { "type_name", G_STRUCT_OFFSET (ThiduaPlanEditor, type_entry),
    thidua_plan_get_type_name, thidua_plan_set_type_name },
  { "signer.on_behalf_of", G_STRUCT_OFFSET (ThiduaPlanEditor, on_behalf_entry),
    thidua_plan_get_signer_on_behalf_of, thidua_plan_set_signer_on_behalf_of },
  { "signer.position", G_STRUCT_OFFSET (ThiduaPlanEditor, position_entry),
    thidua_plan_get_signer_position, thidua_plan_set_signer_position },
  { "signer.name", G_STRUCT_OFFSET (ThiduaPlanEditor, signer_name_entry),
    thidua_plan_get_signer_name, thidua_plan_set_signer_name },
};

#define FIELD_ENTRY(self, i) (*(GtkEntry **) G_STRUCT_MEMBER_P ((self), text_fields[i].offset))

/* Authority prefixes offered per profile (the first is "none"). */
static const char * const state_authorities[] = { "", "TM.", "KT.", "Q.", "TL.", "TUQ.", NULL };
static const char * const party_authorities[] = { "", "T/M", "K/T", "T/L", "Q.", NULL };

static void
emit_changed (ThiduaPlanEditor *self)
{
  g_signal_emit (self, signals[CHANGED], 0, g_get_monotonic_time ());
}

static void refresh_form_fields (ThiduaPlanEditor *self);

/* The document remembers the state before a user change (one history
 * for the whole form, targets included); `key` merges keystrokes in one
 * field into one step. */
static void
begin_step (ThiduaPlanEditor *self,
            const char       *key)
{
  if (self->loading || self->document == NULL)
    return;
  thidua_document_begin_step (self->document, key);
}

static void
update_undo_actions (ThiduaPlanEditor *self)
{
  ThiduaHistory *history = self->document ? thidua_document_get_history (self->document) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo",
                                 self->editable && history && thidua_history_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.redo",
                                 self->editable && history && thidua_history_can_redo (history));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ThiduaPlanEditor *self = THIDUA_PLAN_EDITOR (widget);

  if (self->document != NULL && self->editable)
    thidua_document_undo (self->document);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ThiduaPlanEditor *self = THIDUA_PLAN_EDITOR (widget);

  if (self->document != NULL && self->editable)
    thidua_document_redo (self->document);
}

/* Ctrl+Z and Ctrl+Shift+Z, caught before any text widget sees them: the
 * form has one history, wherever the focus is. */
static gboolean
key_undo (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  ThiduaPlanEditor *self = user_data;

  if (self->document == NULL || !self->editable)
    return FALSE;
  thidua_document_undo (self->document);
  return TRUE;
}

static gboolean
key_redo (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  ThiduaPlanEditor *self = user_data;

  if (self->document == NULL || !self->editable)
    return FALSE;
  thidua_document_redo (self->document);
  return TRUE;
}

static gboolean
select_suggested_symbol (gpointer data)
{
  ThiduaPlanEditor *self = data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->symbol_entry));

  if (self->last_suggestion != NULL && *text != '\0' &&
      g_strcmp0 (text, self->last_suggestion) == 0 &&
      gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->symbol_entry)))))
    gtk_editable_select_region (GTK_EDITABLE (self->symbol_entry), 0, -1);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* The suggested symbol fills the field; clicking in and typing the same
 * symbol must replace it, not append (KH-SYTKH-SYT): selected on focus.
 * After the click has placed the cursor, hence the idle. */
static void
symbol_focus_enter (ThiduaPlanEditor *self)
{
  self->symbol_fresh = self->last_suggestion != NULL && *self->last_suggestion != '\0' &&
    g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->symbol_entry)), self->last_suggestion) == 0;
  g_idle_add_full (G_PRIORITY_LOW, select_suggested_symbol, g_object_ref (self), NULL);
}

/* However the click ended, the first character typed into a field that
 * still shows the suggestion replaces it; moving the cursor first means
 * the user edits it. */
static gboolean
symbol_key_pressed (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    ThiduaPlanEditor      *self)
{
  if (!self->symbol_fresh)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0 && gdk_keyval_to_unicode (keyval) != 0)
    {
      self->symbol_fresh = FALSE;
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->symbol_entry)), self->last_suggestion) == 0)
        gtk_editable_select_region (GTK_EDITABLE (self->symbol_entry), 0, -1);
    }
  else if (keyval == GDK_KEY_Left || keyval == GDK_KEY_Right || keyval == GDK_KEY_Home ||
           keyval == GDK_KEY_End || keyval == GDK_KEY_BackSpace || keyval == GDK_KEY_Delete)
    self->symbol_fresh = FALSE;   /* the user edits the suggestion; Shift alone changes nothing */
  return FALSE;
}

static gboolean
subject_tab (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  ThiduaPlanEditor *self = user_data;

  return gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

/* ------------------------------------------------------------------ */
/* Symbol suggestion                                                  */

static void
update_suggestion (ThiduaPlanEditor *self)
{
  g_autofree char *suggestion = NULL;
  g_autofree char *tooltip = NULL;
  const char *current;

  if (self->plan == NULL)
    return;

  suggestion = thidua_suggest_symbol (thidua_plan_get_type_name (self->plan),
                                      thidua_plan_get_issuing_body (self->plan),
                                      thidua_plan_get_profile (self->plan));
  current = thidua_plan_get_symbol (self->plan);

  /* Follow the suggestion as long as the user has not typed their own. */
  if (self->loading == 0 && *suggestion &&
      (*current == '\0' || g_strcmp0 (current, self->last_suggestion) == 0) &&
      g_strcmp0 (current, suggestion) != 0 && self->last_suggestion != NULL)
    {
      /* part of the step that changed the type or the body */
      self->loading++;
      gtk_editable_set_text (GTK_EDITABLE (self->symbol_entry), suggestion);
      self->loading--;
      thidua_plan_set_symbol (self->plan, suggestion);
    }

  g_free (self->last_suggestion);
  self->last_suggestion = g_strdup (suggestion);

  gtk_entry_set_placeholder_text (self->symbol_entry, suggestion);
  tooltip = *suggestion ? g_strdup_printf (_("Use the suggested symbol %s"), suggestion)
                        : g_strdup (_("No symbol to suggest: fill in the type and the issuing body"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->suggest_symbol_button), tooltip);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.suggest-symbol",
                                 self->editable && *suggestion != '\0');
}

static void
suggest_symbol_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  ThiduaPlanEditor *self = THIDUA_PLAN_EDITOR (widget);

  if (self->last_suggestion && *self->last_suggestion)
    {
      begin_step (self, NULL);
      self->loading++;
      gtk_editable_set_text (GTK_EDITABLE (self->symbol_entry), self->last_suggestion);
      self->loading--;
      thidua_plan_set_symbol (self->plan, self->last_suggestion);
      emit_changed (self);
    }
}

/* ------------------------------------------------------------------ */
/* Text fields                                                        */

static void
text_field_changed (GtkEditable      *editable,
                    ThiduaPlanEditor *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editable), "thidua-field"));

  if (self->loading || self->plan == NULL)
    return;
  begin_step (self, text_fields[i].field);
  /* The setter normalises to NFC. */
  text_fields[i].set (self->plan, gtk_editable_get_text (editable));
  if (g_str_equal (text_fields[i].field, "type_name") ||
      g_str_equal (text_fields[i].field, "issuing_body"))
    update_suggestion (self);
  emit_changed (self);
}

/* The subject wraps over lines as printed; a line break typed here is
 * kept (secretaries balance the two lines of a long subject by hand). */
static void
subject_changed (GtkTextBuffer    *buffer,
                 ThiduaPlanEditor *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading || self->plan == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  begin_step (self, "subject");
  thidua_plan_set_subject (self->plan, text);
  emit_changed (self);
}

static void
load_subject (ThiduaPlanEditor *self,
              const char       *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->subject_view);

  /* loading is not an undo step */
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
}

/* ------------------------------------------------------------------ */
/* Date                                                               */

static gboolean
parse_part (GtkEntry *entry,
            guint    *value)
{
  g_autofree char *s = thidua_text_strip (gtk_editable_get_text (GTK_EDITABLE (entry)));
  char *end;
  guint64 v;

  if (*s == '\0')
    {
      *value = 0;
      return TRUE;
    }
  v = g_ascii_strtoull (s, &end, 10);
  if (*end != '\0' || v > 9999)
    return FALSE;
  *value = (guint) v;
  return TRUE;
}

static void
date_changed (ThiduaPlanEditor *self)
{
  g_autoptr(GError) error = NULL;
  guint d, m, y;

  if (self->loading || self->plan == NULL)
    return;

  if (!parse_part (self->day_entry, &d) || !parse_part (self->month_entry, &m) ||
      !parse_part (self->year_entry, &y))
    {
      gtk_label_set_label (self->date_error_label, _("Write the date with digits only."));
      gtk_widget_add_css_class (GTK_WIDGET (self->day_entry), "error");
      return;
    }
  if (!thidua_plan_check_date (d, m, y, &error))
    {
      /* Flagged, never corrected: the typed value stays in the entries
       * and the plan keeps its last valid date until this is fixed. */
      gtk_label_set_label (self->date_error_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->day_entry), "error");
      return;
    }
  gtk_label_set_label (self->date_error_label, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->day_entry), "error");
  if (d == thidua_plan_get_day (self->plan) && m == thidua_plan_get_month (self->plan) &&
      y == thidua_plan_get_year (self->plan))
    return;
  begin_step (self, "date");
  thidua_plan_set_date (self->plan, d, m, y);
  emit_changed (self);
}

static void
set_entry_number (GtkEntry *entry,
                  guint     value,
                  gboolean  two_digits)
{
  g_autofree char *s = value == 0 ? g_strdup ("")
                                  : g_strdup_printf (two_digits ? "%02u" : "%u", value);
  gtk_editable_set_text (GTK_EDITABLE (entry), s);
}

static void
calendar_day_selected (ThiduaPlanEditor *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);

  if (self->loading)
    return;
  self->loading++;
  set_entry_number (self->day_entry, g_date_time_get_day_of_month (date), TRUE);
  set_entry_number (self->month_entry, g_date_time_get_month (date), TRUE);
  set_entry_number (self->year_entry, g_date_time_get_year (date), FALSE);
  self->loading--;
  date_changed (self);
}

/* ------------------------------------------------------------------ */
/* Outline                                                            */

static void
rebuild_outline (ThiduaPlanEditor *self)
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
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
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
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "editor.goto-line");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "i", (int) e->line);
      gtk_list_box_append (self->outline_list, row);
    }
}

static gboolean
outline_idle (gpointer data)
{
  ThiduaPlanEditor *self = data;

  self->outline_source = 0;
  rebuild_outline (self);
  return G_SOURCE_REMOVE;
}

static void
goto_line_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ThiduaPlanEditor *self = THIDUA_PLAN_EDITOR (widget);

  thidua_body_view_goto_line (self->body_view, g_variant_get_int32 (param));
}

static void
body_changed (GtkTextBuffer    *buffer,
              ThiduaPlanEditor *self)
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
  emit_changed (self);
}

static void
body_cursor_moved (GtkTextBuffer    *buffer,
                   GParamSpec       *pspec,
                   ThiduaPlanEditor *self)
{
  GtkTextIter start, cursor;
  g_autofree char *before = NULL;

  if (self->loading || self->plan == NULL || !gtk_widget_is_focus (GTK_WIDGET (self->body_view)))
    return;
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  /* the renderer counts bytes of the body, as stored (NFC, like the buffer) */
  before = gtk_text_buffer_get_text (buffer, &start, &cursor, FALSE);
  g_signal_emit (self, signals[BODY_CURSOR_MOVED], 0, (guint64) strlen (before));
}

static void
bold_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ThiduaPlanEditor *self = THIDUA_PLAN_EDITOR (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->body_view), "body.bold", NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
italic_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThiduaPlanEditor *self = THIDUA_PLAN_EDITOR (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->body_view), "body.italic", NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

/* ------------------------------------------------------------------ */
/* Recipients                                                         */

static void rebuild_recipients (ThiduaPlanEditor *self);

static GPtrArray *
recipient_entries (ThiduaPlanEditor *self)
{
  GPtrArray *entries = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->recipients_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *entry = g_object_get_data (G_OBJECT (row), "thidua-entry");

      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }
  return entries;
}

static GStrv
collect_recipients (ThiduaPlanEditor *self)
{
  g_autoptr(GPtrArray) entries = recipient_entries (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < entries->len; i++)
    g_strv_builder_add (builder, gtk_editable_get_text (g_ptr_array_index (entries, i)));
  return g_strv_builder_end (builder);
}

static gboolean
has_luu_line (ThiduaPlan *plan)
{
  const char * const *lines = thidua_plan_get_recipients (plan);

  for (guint i = 0; lines && lines[i]; i++)
    {
      g_autofree char *folded = thidua_text_fold (lines[i]);

      if (g_str_has_prefix (folded, "luu"))
        return TRUE;
    }
  return FALSE;
}

static char *
luu_suggestion (ThiduaPlan *plan)
{
  if (thidua_plan_get_profile (plan) == THIDUA_PROFILE_PARTY)
    return g_strdup ("Lưu Văn phòng.");
  return g_strdup ("Lưu: VT.");
}

static void
update_luu_button (ThiduaPlanEditor *self)
{
  g_autofree char *luu = NULL;
  g_autofree char *label = NULL;

  if (self->plan == NULL)
    return;
  luu = luu_suggestion (self->plan);
  label = g_strdup_printf (_("Add “%s”"), luu);
  gtk_button_set_label (self->luu_button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->luu_button), !has_luu_line (self->plan));
}

static void
recipients_changed (ThiduaPlanEditor *self)
{
  g_auto(GStrv) lines = NULL;

  if (self->loading || self->plan == NULL)
    return;
  lines = collect_recipients (self);
  begin_step (self, "recipients");
  thidua_plan_set_recipients (self->plan, (const char * const *) lines);
  update_luu_button (self);
  emit_changed (self);
}

static void
set_recipients_and_rebuild (ThiduaPlanEditor *self,
                            GStrv             lines,
                            int               focus)
{
  g_autoptr(GPtrArray) entries = NULL;

  begin_step (self, NULL);
  thidua_plan_set_recipients (self->plan, (const char * const *) lines);
  rebuild_recipients (self);
  update_luu_button (self);
  entries = recipient_entries (self);
  if (focus >= 0 && (guint) focus < entries->len)
    gtk_widget_grab_focus (g_ptr_array_index (entries, focus));
  emit_changed (self);
}

static void
recipient_add_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ThiduaPlanEditor *self = THIDUA_PLAN_EDITOR (widget);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *lines;
  g_auto(GStrv) result = NULL;
  guint n = 0, insert_at;

  if (self->plan == NULL)
    return;
  lines = thidua_plan_get_recipients (self->plan);
  while (lines && lines[n])
    n++;
  /* New recipients go before the "Lưu" line, which stays last. */
  insert_at = n;
  if (n > 0)
    {
      g_autofree char *folded = thidua_text_fold (lines[n - 1]);
      if (g_str_has_prefix (folded, "luu"))
        insert_at = n - 1;
    }
  for (guint i = 0; i < n; i++)
    {
      if (i == insert_at)
        g_strv_builder_add (builder, "");
      g_strv_builder_add (builder, lines[i]);
    }
  if (insert_at == n)
    g_strv_builder_add (builder, "");
  result = g_strv_builder_end (builder);
  set_recipients_and_rebuild (self, result, insert_at);
}

static void
recipient_add_luu_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  ThiduaPlanEditor *self = THIDUA_PLAN_EDITOR (widget);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *luu = NULL;
  g_auto(GStrv) result = NULL;

  if (self->plan == NULL || has_luu_line (self->plan))
    return;
  luu = luu_suggestion (self->plan);
  g_strv_builder_addv (builder, (const char **) thidua_plan_get_recipients (self->plan));
  g_strv_builder_add (builder, luu);
  result = g_strv_builder_end (builder);
  set_recipients_and_rebuild (self, result, g_strv_length (result) - 1);
}

static void
recipient_edit (ThiduaPlanEditor *self,
                int               index,
                int               move)
{
  g_auto(GStrv) lines = g_strdupv ((GStrv) thidua_plan_get_recipients (self->plan));
  guint n = lines ? g_strv_length (lines) : 0;

  if (index < 0 || (guint) index >= n)
    return;
  if (move == 0)
    {
      /* remove */
      g_free (lines[index]);
      memmove (&lines[index], &lines[index + 1], (n - index) * sizeof (char *));
      set_recipients_and_rebuild (self, lines, MIN (index, (int) n - 2));
      return;
    }
  if (index + move < 0 || (guint) (index + move) >= n)
    return;
  {
    char *tmp = lines[index];
    lines[index] = lines[index + move];
    lines[index + move] = tmp;
  }
  set_recipients_and_rebuild (self, lines, index + move);
}

static void
recipient_remove_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  recipient_edit (THIDUA_PLAN_EDITOR (widget), g_variant_get_int32 (param), 0);
}

static void
recipient_up_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  recipient_edit (THIDUA_PLAN_EDITOR (widget), g_variant_get_int32 (param), -1);
}

static void
recipient_down_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  recipient_edit (THIDUA_PLAN_EDITOR (widget), g_variant_get_int32 (param), 1);
}

static void
recipient_activated (ThiduaPlanEditor *self,
                     GtkEntry         *entry)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "thidua-index"));
  g_auto(GStrv) lines = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *old;

  if (self->plan == NULL || !self->editable)
    return;
  old = thidua_plan_get_recipients (self->plan);
  for (int i = 0; old && old[i]; i++)
    {
      g_strv_builder_add (builder, old[i]);
      if (i == index)
        g_strv_builder_add (builder, "");
    }
  lines = g_strv_builder_end (builder);
  set_recipients_and_rebuild (self, lines, index + 1);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *action,
             int         index)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", index);
  return button;
}

static void
rebuild_recipients (ThiduaPlanEditor *self)
{
  const char * const *lines = self->plan ? thidua_plan_get_recipients (self->plan) : NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  int focused = -1, n = 0;
  GtkWidget *child;

  /* the line with the focus keeps it (by position) across the rebuild,
   * so that Ctrl+Shift+Z right after Ctrl+Z still reaches the form */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->recipients_list));
       child != NULL; child = gtk_widget_get_next_sibling (child), n++)
    if (focus != NULL && (focus == child || gtk_widget_is_ancestor (focus, child)))
      focused = n;

  self->loading++;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recipients_list))) != NULL)
    gtk_list_box_remove (self->recipients_list, child);

  for (int i = 0; lines && lines[i]; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
      GtkWidget *entry = gtk_entry_new ();
      g_autofree char *name = g_strdup_printf (_("Recipient %d"), i + 1);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_hexpand (entry, TRUE);
      /* its history is the document's: Ctrl+Z after a removal brings the
       * removed line back instead of blanking this one */
      gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (entry), lines[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_signal_connect_swapped (entry, "changed", G_CALLBACK (recipients_changed), self);
      /* Enter opens the next line, as in a list typed on paper */
      g_object_set_data (G_OBJECT (entry), "thidua-index", GINT_TO_POINTER (i));
      g_signal_connect_swapped (entry, "activate", G_CALLBACK (recipient_activated), self);
      gtk_box_append (GTK_BOX (box), entry);
      gtk_box_append (GTK_BOX (box), icon_button ("go-up-symbolic", _("Move Up"),
                                                  "editor.recipient-up", i));
      gtk_box_append (GTK_BOX (box), icon_button ("go-down-symbolic", _("Move Down"),
                                                  "editor.recipient-down", i));
      gtk_box_append (GTK_BOX (box), icon_button ("list-remove-symbolic", _("Remove"),
                                                  "editor.recipient-remove", i));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data (G_OBJECT (row), "thidua-entry", entry);
      gtk_list_box_append (self->recipients_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recipients_list), lines && lines[0]);
  self->loading--;
  if (focused >= 0)
    {
      g_autoptr(GPtrArray) entries = recipient_entries (self);

      if (entries->len > 0)
        gtk_widget_grab_focus (g_ptr_array_index (entries, MIN ((guint) focused, entries->len - 1)));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->luu_button));
    }
}

/* ------------------------------------------------------------------ */
/* Profile and authority                                              */

static const char * const *
authorities_for (ThiduaProfileKind kind)
{
  return kind == THIDUA_PROFILE_PARTY ? party_authorities : state_authorities;
}

static void
fill_authorities (ThiduaPlanEditor *self)
{
  const char * const *list = authorities_for (thidua_plan_get_profile (self->plan));
  const char *current = thidua_plan_get_signer_authority (self->plan);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;
  guint selected = 0, n = 0;
  gboolean found = FALSE;

  for (guint i = 0; list[i]; i++, n++)
    {
      g_strv_builder_add (builder, *list[i] ? list[i] : _("(none)"));
      if (g_strcmp0 (list[i], current) == 0)
        {
          selected = i;
          found = TRUE;
        }
    }
  /* A prefix from an imported plan that the list lacks is kept. */
  if (!found && *current)
    {
      g_strv_builder_add (builder, current);
      selected = n;
    }
  items = g_strv_builder_end (builder);

  self->loading++;
  gtk_string_list_splice (self->authority_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->authority_model)),
                          (const char * const *) items);
  gtk_drop_down_set_selected (self->authority_dropdown, selected);
  self->loading--;
}

static void
authority_selected (ThiduaPlanEditor *self)
{
  const char * const *list;
  guint selected;
  const char *value;

  if (self->loading || self->plan == NULL)
    return;
  begin_step (self, NULL);
  list = authorities_for (thidua_plan_get_profile (self->plan));
  selected = gtk_drop_down_get_selected (self->authority_dropdown);
  if (selected < g_strv_length ((GStrv) list))
    value = list[selected];
  else
    value = gtk_string_list_get_string (self->authority_model, selected);
  thidua_plan_set_signer_authority (self->plan, value ? value : "");
  emit_changed (self);
}

static void
profile_selected (ThiduaPlanEditor *self)
{
  guint selected;

  if (self->loading || self->plan == NULL)
    return;
  selected = gtk_drop_down_get_selected (self->profile_dropdown);
  if (selected > THIDUA_PROFILE_YOUTH || selected == thidua_plan_get_profile (self->plan))
    return;
  begin_step (self, NULL);
  thidua_plan_set_profile (self->plan, (ThiduaProfileKind) selected);
  gtk_label_set_label (self->symbol_separator_label,
                       selected == THIDUA_PROFILE_PARTY ? "-" : "/");
  fill_authorities (self);
  update_suggestion (self);
  update_luu_button (self);
  emit_changed (self);
}

/* ------------------------------------------------------------------ */

static void
refresh_form_fields (ThiduaPlanEditor *self)
{
  ThiduaPlan *plan = self->plan;

  self->loading++;
  gtk_drop_down_set_selected (self->profile_dropdown, thidua_plan_get_profile (plan));
  gtk_label_set_label (self->symbol_separator_label,
                       thidua_plan_get_profile (plan) == THIDUA_PROFILE_PARTY ? "-" : "/");
  set_entry_number (self->day_entry, thidua_plan_get_day (plan), TRUE);
  set_entry_number (self->month_entry, thidua_plan_get_month (plan), TRUE);
  set_entry_number (self->year_entry, thidua_plan_get_year (plan), FALSE);
  gtk_label_set_label (self->date_error_label, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->day_entry), "error");
  gtk_editable_set_text (GTK_EDITABLE (self->symbol_entry), thidua_plan_get_symbol (plan));
  fill_authorities (self);
  update_suggestion (self);
  self->loading--;
  rebuild_recipients (self);
  update_luu_button (self);
}

static void
load_plan (ThiduaPlanEditor *self)
{
  ThiduaPlan *plan = self->plan;

  self->loading++;
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    gtk_editable_set_text (GTK_EDITABLE (FIELD_ENTRY (self, i)),
                           plan ? text_fields[i].get (plan) : "");
  if (plan != NULL)
    {
      gtk_drop_down_set_selected (self->profile_dropdown, thidua_plan_get_profile (plan));
      gtk_label_set_label (self->symbol_separator_label,
                           thidua_plan_get_profile (plan) == THIDUA_PROFILE_PARTY ? "-" : "/");
      set_entry_number (self->day_entry, thidua_plan_get_day (plan), TRUE);
      set_entry_number (self->month_entry, thidua_plan_get_month (plan), TRUE);
      set_entry_number (self->year_entry, thidua_plan_get_year (plan), FALSE);
      thidua_body_view_set_text (self->body_view, thidua_plan_get_body (plan));
      load_subject (self, thidua_plan_get_subject (plan));
      fill_authorities (self);
    }
  else
    {
      thidua_body_view_set_text (self->body_view, "");
      load_subject (self, "");
    }
  gtk_label_set_label (self->date_error_label, "");
  g_clear_pointer (&self->last_suggestion, g_free);
  update_suggestion (self);
  self->loading--;

  rebuild_recipients (self);
  update_luu_button (self);
  rebuild_outline (self);
}

/* The place where `from` and `to` differ, as a character offset in `to`
 * (the end of what changed): where the cursor goes after undo or redo. */
static int
changed_offset (const char *from,
                const char *to)
{
  const char *a = from, *b = to;
  const char *ea = from + strlen (from), *eb = to + strlen (to);

  while (*a && *a == *b)
    a++, b++;
  while (ea > a && eb > b && ea[-1] == eb[-1])
    ea--, eb--;
  while (eb > to && (*eb & 0xc0) == 0x80)   /* not inside a character */
    eb--;
  return (int) g_utf8_strlen (to, eb - to);
}

static void
show_editable_text (GtkEditable *editable,
                    const char  *text)
{
  const char *old = gtk_editable_get_text (editable);
  int pos;

  if (g_strcmp0 (old, text) == 0)
    return;
  pos = changed_offset (old, text);
  gtk_editable_set_text (editable, text);
  gtk_editable_set_position (editable, pos);
}

static void
show_buffer_text (GtkTextView *view,
                  const char  *text,
                  gboolean     body)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *old = NULL;
  GtkTextIter start, end;
  int pos;

  if (body)
    old = thidua_body_view_get_text (THIDUA_BODY_VIEW (view));
  else
    {
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      old = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  if (g_strcmp0 (old, text) == 0)
    return;
  pos = changed_offset (old, text);
  if (body)
    thidua_body_view_set_text (THIDUA_BODY_VIEW (view), text);
  else
    gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, pos);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_view_scroll_mark_onscreen (view, gtk_text_buffer_get_insert (buffer));
}

/* Undo or redo put a whole state back: show it, keeping the cursors
 * where the text did not change. */
static void
document_restored (ThiduaPlanEditor *self)
{
  ThiduaPlan *plan = self->plan;

  self->loading++;
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    show_editable_text (GTK_EDITABLE (FIELD_ENTRY (self, i)), text_fields[i].get (plan));
  show_buffer_text (self->subject_view, thidua_plan_get_subject (plan), FALSE);
  show_buffer_text (GTK_TEXT_VIEW (self->body_view), thidua_plan_get_body (plan), TRUE);
  self->loading--;
  refresh_form_fields (self);
  rebuild_outline (self);
  emit_changed (self);
}

void
thidua_plan_editor_set_document (ThiduaPlanEditor *self,
                                 ThiduaDocument   *document)
{
  g_return_if_fail (THIDUA_IS_PLAN_EDITOR (self));
  g_return_if_fail (document == NULL || THIDUA_IS_DOCUMENT (document));

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (thidua_document_get_history (self->document), self);
    }
  g_set_object (&self->document, document);
  g_clear_object (&self->plan);
  if (document != NULL)
    self->plan = g_object_ref (thidua_document_get_plan (document));
  if (document != NULL)
    {
      ThiduaHistory *history = thidua_document_get_history (document);

      g_signal_connect_object (document, "restored",
                               G_CALLBACK (document_restored), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (history, "notify::can-undo",
                               G_CALLBACK (update_undo_actions), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (history, "notify::can-redo",
                               G_CALLBACK (update_undo_actions), self, G_CONNECT_SWAPPED);
    }
  load_plan (self);
  thidua_targets_editor_set_document (self->targets_editor, document);
  update_undo_actions (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

ThiduaDocument *
thidua_plan_editor_get_document (ThiduaPlanEditor *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_EDITOR (self), NULL);
  return self->document;
}

ThiduaPlan *
thidua_plan_editor_get_plan (ThiduaPlanEditor *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_EDITOR (self), NULL);
  return self->plan;
}

void
thidua_plan_editor_set_editable (ThiduaPlanEditor *self,
                                 gboolean          editable)
{
  g_return_if_fail (THIDUA_IS_PLAN_EDITOR (self));

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    gtk_editable_set_editable (GTK_EDITABLE (FIELD_ENTRY (self, i)), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->day_entry), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->month_entry), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->year_entry), editable);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->body_view), editable);
  gtk_text_view_set_editable (self->subject_view, editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->profile_dropdown), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->authority_dropdown), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recipients_list), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->calendar), editable);
  self->editable = editable;
  /* every action that changes the plan follows */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.recipient-add", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.recipient-add-luu", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.recipient-remove", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.recipient-up", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.recipient-down", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.bold", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.italic", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self->body_view), "body.bold", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self->body_view), "body.italic", editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->suggest_symbol_button), editable);
  thidua_targets_editor_set_editable (self->targets_editor, editable);
  update_undo_actions (self);
  update_suggestion (self);
}

ThiduaTargetsEditor *
thidua_plan_editor_get_targets_editor (ThiduaPlanEditor *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_EDITOR (self), NULL);
  return self->targets_editor;
}

void
thidua_plan_editor_set_known_bodies (ThiduaPlanEditor   *self,
                                     const char * const *bodies)
{
  g_return_if_fail (THIDUA_IS_PLAN_EDITOR (self));

  gtk_list_store_clear (self->bodies_model);
  for (guint i = 0; bodies && bodies[i]; i++)
    gtk_list_store_insert_with_values (self->bodies_model, NULL, -1, 0, bodies[i], -1);
}

GtkWidget *
thidua_plan_editor_get_field_widget (ThiduaPlanEditor *self,
                                     const char       *field)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_EDITOR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (g_strcmp0 (field, text_fields[i].field) == 0)
      return GTK_WIDGET (FIELD_ENTRY (self, i));
  if (g_strcmp0 (field, "body") == 0)
    return GTK_WIDGET (self->body_view);
  if (g_strcmp0 (field, "subject") == 0)
    return GTK_WIDGET (self->subject_view);
  if (g_strcmp0 (field, "date") == 0)
    return GTK_WIDGET (self->day_entry);
  if (g_strcmp0 (field, "profile") == 0)
    return GTK_WIDGET (self->profile_dropdown);
  if (g_strcmp0 (field, "signer.authority") == 0 || g_strcmp0 (field, "signer") == 0)
    return GTK_WIDGET (self->authority_dropdown);
  if (g_strcmp0 (field, "recipients") == 0)
    {
      g_autoptr(GPtrArray) entries = recipient_entries (self);
      return entries->len ? g_ptr_array_index (entries, entries->len - 1)
                          : GTK_WIDGET (self->luu_button);
    }
  return NULL;
}

gboolean
thidua_plan_editor_focus_field (ThiduaPlanEditor *self,
                                const char       *field,
                                int               line)
{
  GtkWidget *widget;

  g_return_val_if_fail (THIDUA_IS_PLAN_EDITOR (self), FALSE);

  if (g_strcmp0 (field, "body") == 0 && line >= 0)
    {
      thidua_body_view_goto_line (self->body_view, line);
      return TRUE;
    }
  widget = thidua_plan_editor_get_field_widget (self, field);
  if (widget == NULL)
    return FALSE;
  return gtk_widget_grab_focus (widget);
}

void
thidua_plan_editor_set_warnings (ThiduaPlanEditor *self,
                                 GPtrArray        *warnings)
{
  g_return_if_fail (THIDUA_IS_PLAN_EDITOR (self));

  for (guint i = 0; i < self->marked->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (self->marked, i);

      gtk_widget_remove_css_class (w, "warning");
      gtk_widget_set_tooltip_text (w, NULL);
    }
  g_ptr_array_set_size (self->marked, 0);
  gtk_label_set_label (self->recipients_error_label, "");

  for (guint i = 0; warnings && i < warnings->len; i++)
    {
      ThiduaLayoutWarning *warning = g_ptr_array_index (warnings, i);
      GtkWidget *w;

      if (g_strcmp0 (warning->field, "recipients") == 0)
        {
          gtk_label_set_label (self->recipients_error_label, warning->message);
          continue;
        }
      if (g_strcmp0 (warning->field, "body") == 0)
        continue;   /* listed under the preview and in the outline */
      w = thidua_plan_editor_get_field_widget (self, warning->field);
      if (w == NULL)
        continue;
      /* Non-blocking: a mark and the reason, never a refused keystroke. */
      gtk_widget_add_css_class (w, "warning");
      gtk_widget_set_tooltip_text (w, warning->message);
      g_ptr_array_add (self->marked, w);
    }
}

static void
thidua_plan_editor_dispose (GObject *object)
{
  ThiduaPlanEditor *self = THIDUA_PLAN_EDITOR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->outline_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_PLAN_EDITOR);
  /* The template's root box is not a bound child: unparent it here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (thidua_document_get_history (self->document), self);
  g_clear_object (&self->document);
  g_clear_object (&self->plan);
  g_clear_object (&self->bodies_model);
  g_clear_pointer (&self->marked, g_ptr_array_unref);
  g_clear_pointer (&self->last_suggestion, g_free);
  g_clear_pointer (&self->outline_key, g_free);
  G_OBJECT_CLASS (thidua_plan_editor_parent_class)->dispose (object);
}

static void
thidua_plan_editor_class_init (ThiduaPlanEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_plan_editor_dispose;

  /* Emitted after an edit reached the plan; the argument is the edit's
   * monotonic time (µs), for the preview latency measurement. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /* The cursor in the body moved: its byte offset in the body text, so
   * the preview can show that page. */
  signals[BODY_CURSOR_MOVED] = g_signal_new ("body-cursor-moved", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_UINT64);

  g_type_ensure (THIDUA_TYPE_BODY_VIEW);
  g_type_ensure (THIDUA_TYPE_TARGETS_EDITOR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-plan-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ThiduaPlanEditor, name)
  BIND (scroller);
  BIND (profile_dropdown);
  BIND (superior_entry);
  BIND (issuing_entry);
  BIND (number_entry);
  BIND (symbol_separator_label);
  BIND (symbol_entry);
  BIND (suggest_symbol_button);
  BIND (place_entry);
  BIND (day_entry);
  BIND (month_entry);
  BIND (year_entry);
  BIND (calendar);
  BIND (date_error_label);
  BIND (type_entry);
  BIND (subject_view);
  BIND (outline_list);
  BIND (body_view);
  BIND (targets_editor);
  BIND (recipients_list);
  BIND (luu_button);
  BIND (recipients_error_label);
  BIND (authority_dropdown);
  BIND (authority_model);
  BIND (on_behalf_entry);
  BIND (position_entry);
  BIND (signer_name_entry);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected);

  gtk_widget_class_install_action (widget_class, "editor.suggest-symbol", NULL, suggest_symbol_action);
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "editor.goto-line", "i", goto_line_action);
  gtk_widget_class_install_action (widget_class, "editor.bold", NULL, bold_action);
  gtk_widget_class_install_action (widget_class, "editor.italic", NULL, italic_action);
  gtk_widget_class_install_action (widget_class, "editor.recipient-add", NULL, recipient_add_action);
  gtk_widget_class_install_action (widget_class, "editor.recipient-add-luu", NULL, recipient_add_luu_action);
  gtk_widget_class_install_action (widget_class, "editor.recipient-remove", "i", recipient_remove_action);
  gtk_widget_class_install_action (widget_class, "editor.recipient-up", "i", recipient_up_action);
  gtk_widget_class_install_action (widget_class, "editor.recipient-down", "i", recipient_down_action);
}

static void
thidua_plan_editor_init (ThiduaPlanEditor *self)
{
  GtkEntryCompletion *completion;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->marked = g_ptr_array_new ();
  self->editable = TRUE;
  update_undo_actions (self);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      GtkEntry *entry = FIELD_ENTRY (self, i);

      g_object_set_data (G_OBJECT (entry), "thidua-field", GUINT_TO_POINTER (i));
      g_signal_connect (entry, "changed", G_CALLBACK (text_field_changed), self);
    }
  g_signal_connect_swapped (self->day_entry, "changed", G_CALLBACK (date_changed), self);
  g_signal_connect_swapped (self->month_entry, "changed", G_CALLBACK (date_changed), self);
  g_signal_connect_swapped (self->year_entry, "changed", G_CALLBACK (date_changed), self);
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)), "changed",
                    G_CALLBACK (body_changed), self);
  thidua_targets_editor_set_body_view (self->targets_editor, GTK_TEXT_VIEW (self->body_view));
  {
    /* Caught before any text widget sees them (capture phase): the form
     * keeps one history, so Ctrl+Z undoes the last step wherever the
     * focus is.  Shift turns z into Z, so both are listed. */
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();
    static const struct { guint keyval; GdkModifierType mods; gboolean redo; } keys[] = {
      { GDK_KEY_z, GDK_CONTROL_MASK, FALSE },
      { GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, TRUE },
      { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, TRUE },
      { GDK_KEY_y, GDK_CONTROL_MASK, TRUE },
    };

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
        gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, keys[i].mods),
                          gtk_callback_action_new (keys[i].redo ? key_redo : key_undo, self, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }
  {
    /* Tab from the subject goes to the body, the next thing written
     * (the formatting buttons and the outline are clicked, not tabbed) */
    GtkEventController *tab = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (tab),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Tab, 0),
                        gtk_callback_action_new (subject_tab, self, NULL)));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (tab),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Tab, 0),
                        gtk_callback_action_new (subject_tab, self, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self->subject_view), tab);
  }
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_swapped (focus, "enter", G_CALLBACK (symbol_focus_enter), self);
    gtk_widget_add_controller (GTK_WIDGET (self->symbol_entry), focus);
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (symbol_key_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self->symbol_entry), keys);
  }
  /* the text widgets keep no history of their own: the document does */
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    gtk_editable_set_enable_undo (GTK_EDITABLE (FIELD_ENTRY (self, i)), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->day_entry), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->month_entry), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->year_entry), FALSE);
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)), FALSE);
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (self->subject_view), FALSE);
  g_signal_connect (gtk_text_view_get_buffer (self->subject_view), "changed",
                    G_CALLBACK (subject_changed), self);
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)),
                    "notify::cursor-position", G_CALLBACK (body_cursor_moved), self);
  g_signal_connect_swapped (self->profile_dropdown, "notify::selected",
                            G_CALLBACK (profile_selected), self);
  g_signal_connect_swapped (self->authority_dropdown, "notify::selected",
                            G_CALLBACK (authority_selected), self);

  /* Bodies used before: the same office writes its name the same way. */
  self->bodies_model = gtk_list_store_new (1, G_TYPE_STRING);
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->bodies_model));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_set_completion (self->issuing_entry, completion);
  g_object_unref (completion);
}

GtkWidget *
thidua_plan_editor_new (void)
{
  return g_object_new (THIDUA_TYPE_PLAN_EDITOR, NULL);
}
