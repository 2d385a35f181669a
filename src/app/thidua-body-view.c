/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-body-view.c — the body editor. */
#include "config.h"
#include "thidua-body-view.h"
#include "thidua-markup.h"
#include "thidua-text.h"

#include <stdlib.h>
#include <string.h>

struct _ThiduaBodyView
{
  GtkTextView  parent_instance;
  /* The label Enter just put at the start of a line ("b) "), while the
   * line holds nothing else: typing it again must not double it. */
  char        *auto_prefix;
  GtkTextMark *auto_mark;      /* start of that line */
};

G_DEFINE_FINAL_TYPE (ThiduaBodyView, thidua_body_view, GTK_TYPE_TEXT_VIEW)

/* Lettered items follow the Vietnamese alphabet (no f, j, w, z; đ after d). */
static const char * const letters[] = {
  "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o",
  "p", "q", "r", "s", "t", "u", "v", "x", "y",
};

static gboolean
ends_with_punctuation (const char *s)
{
  g_autofree char *t = thidua_text_strip (s);
  gsize n = strlen (t);

  return n > 0 && strchr (".;:!?…", t[n - 1]) != NULL;
}

char *
thidua_body_continuation (const char *line,
                          gboolean   *ends_list)
{
  const char *p = line;
  const char *rest;

  *ends_list = FALSE;

  /* "- text" and "+ text" */
  if ((p[0] == '-' || p[0] == '+') && p[1] == ' ')
    {
      g_autofree char *body = thidua_text_strip (p + 2);

      *ends_list = *body == '\0';
      return g_strdup_printf ("%c ", p[0]);
    }

  /* "1. ", "2.1. ", "2.1.1. " — continued when the item is a sentence;
   * a titled item (a short heading) is followed by its text instead. */
  if (g_ascii_isdigit (*p))
    {
      g_autoptr(GString) next = g_string_new (NULL);
      const char *num_start = p;
      const char *last_num = p;

      while (g_ascii_isdigit (*p))
        {
          last_num = p;
          while (g_ascii_isdigit (*p))
            p++;
          if (*p != '.')
            return NULL;
          p++;
          if (!g_ascii_isdigit (*p))
            break;
        }
      if (*p != ' ')
        return NULL;
      rest = p + 1;
      {
        g_autofree char *body = thidua_text_strip (rest);

        if (*body == '\0')
          {
            *ends_list = TRUE;
            return g_strdup ("");
          }
      }
      if (!ends_with_punctuation (rest))
        return NULL;
      g_string_append_len (next, num_start, last_num - num_start);
      g_string_append_printf (next, "%d. ", atoi (last_num) + 1);
      return g_string_free (g_steal_pointer (&next), FALSE);
    }

  /* "a) " */
  for (guint i = 0; i < G_N_ELEMENTS (letters); i++)
    {
      gsize n = strlen (letters[i]);

      if (strncmp (p, letters[i], n) == 0 && p[n] == ')' && p[n + 1] == ' ')
        {
          g_autofree char *body = thidua_text_strip (p + n + 2);

          if (*body == '\0')
            {
              *ends_list = TRUE;
              return g_strdup ("");
            }
          if (i + 1 < G_N_ELEMENTS (letters))
            return g_strdup_printf ("%s) ", letters[i + 1]);
          return NULL;
        }
    }
  return NULL;
}

static char *
line_text (GtkTextBuffer *buffer,
           GtkTextIter   *at,
           GtkTextIter   *line_start)
{
  *line_start = *at;
  gtk_text_iter_set_line_offset (line_start, 0);
  return gtk_text_buffer_get_text (buffer, line_start, at, FALSE);
}

gboolean
thidua_body_view_continue_line (ThiduaBodyView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter cursor, start, line_end;
  g_autofree char *before = NULL;
  g_autofree char *prefix = NULL;
  gboolean ends_list;

  g_return_val_if_fail (THIDUA_IS_BODY_VIEW (self), FALSE);

  if (gtk_text_buffer_get_has_selection (buffer))
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  /* Only at the end of the line: Enter in the middle splits as usual. */
  line_end = cursor;
  if (!gtk_text_iter_ends_line (&line_end))
    return FALSE;

  before = line_text (buffer, &cursor, &start);
  prefix = thidua_body_continuation (before, &ends_list);
  if (prefix == NULL)
    return FALSE;

  gtk_text_buffer_begin_user_action (buffer);
  if (ends_list)
    {
      /* An empty item ends the list: its label goes, the line stays. */
      gtk_text_buffer_delete (buffer, &start, &cursor);
      gtk_text_buffer_insert_at_cursor (buffer, "\n", 1);
    }
  else
    {
      g_autofree char *insert = g_strconcat ("\n", prefix, NULL);
      GtkTextIter line_start;

      gtk_text_buffer_insert_at_cursor (buffer, insert, -1);
      gtk_text_buffer_get_iter_at_mark (buffer, &line_start, gtk_text_buffer_get_insert (buffer));
      gtk_text_iter_set_line_offset (&line_start, 0);
      gtk_text_buffer_move_mark (buffer, self->auto_mark, &line_start);
      g_free (self->auto_prefix);
      self->auto_prefix = g_strdup (prefix);
    }
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self), gtk_text_buffer_get_insert (buffer));
  return TRUE;
}

/* After a keystroke on the line Enter just labelled: a secretary who
 * types the label anyway ("b) " after the automatic "b) ") gets it once. */
static void
inserted_after_cb (GtkTextBuffer  *buffer,
                   GtkTextIter    *location,
                   char           *text,
                   int             len,
                   ThiduaBodyView *self)
{
  GtkTextIter start, end;
  g_autofree char *line = NULL;
  const char *rest;

  if (self->auto_prefix == NULL)
    return;
  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->auto_mark);
  if (gtk_text_iter_get_line (&start) != gtk_text_iter_get_line (location) ||
      !gtk_text_iter_starts_line (&start))
    {
      g_clear_pointer (&self->auto_prefix, g_free);
      return;
    }
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  line = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (!g_str_has_prefix (line, self->auto_prefix))
    {
      g_clear_pointer (&self->auto_prefix, g_free);
      return;
    }
  rest = line + strlen (self->auto_prefix);
  if (g_str_equal (rest, self->auto_prefix))
    {
      /* the typed label stays, the automatic one goes */
      end = start;
      gtk_text_iter_forward_chars (&end, g_utf8_strlen (self->auto_prefix, -1));
      gtk_text_buffer_delete (buffer, &start, &end);
      g_clear_pointer (&self->auto_prefix, g_free);
      gtk_text_buffer_get_iter_at_mark (buffer, location, gtk_text_buffer_get_insert (buffer));
    }
  else if (!g_str_has_prefix (self->auto_prefix, rest))
    g_clear_pointer (&self->auto_prefix, g_free);   /* the user writes on */
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             ThiduaBodyView        *self)
{
  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter) ||
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  return thidua_body_view_continue_line (self);
}

static void
wrap_selection (ThiduaBodyView *self,
                const char     *marker)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter start, end;
  gsize n = strlen (marker);

  gtk_text_buffer_begin_user_action (buffer);
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      GtkTextMark *end_mark = gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE);

      gtk_text_buffer_insert (buffer, &start, marker, n);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, end_mark);
      gtk_text_buffer_insert (buffer, &end, marker, n);
      gtk_text_buffer_delete_mark (buffer, end_mark);
    }
  else
    {
      /* Nothing selected: type between the markers. */
      g_autofree char *both = g_strconcat (marker, marker, NULL);

      gtk_text_buffer_insert_at_cursor (buffer, both, -1);
      gtk_text_buffer_get_iter_at_mark (buffer, &start, gtk_text_buffer_get_insert (buffer));
      gtk_text_iter_backward_chars (&start, n);
      gtk_text_buffer_place_cursor (buffer, &start);
    }
  gtk_text_buffer_end_user_action (buffer);
}

static void
bold_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  wrap_selection (THIDUA_BODY_VIEW (widget), "**");
}

static void
italic_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  wrap_selection (THIDUA_BODY_VIEW (widget), "*");
}

static void
insert_text_cb (GtkTextBuffer  *buffer,
                GtkTextIter    *location,
                char           *text,
                int             len,
                ThiduaBodyView *self)
{
  g_autofree char *nfc = NULL;
  gunichar first;

  if (!g_utf8_validate (text, len, NULL))
    return;
  first = g_utf8_get_char (text);

  /* A combining mark typed alone (Unikey "Unicode tổ hợp", IBus) composes
   * with the letter before it. */
  if (g_unichar_combining_class (first) != 0 && !gtk_text_iter_starts_line (location))
    {
      GtkTextIter prev = *location;
      g_autofree char *base = NULL;

      gtk_text_iter_backward_char (&prev);
      base = gtk_text_buffer_get_text (buffer, &prev, location, FALSE);
      {
        g_autofree char *with = g_strdup_printf ("%s%.*s", base, len, text);
        nfc = thidua_text_nfc (with, -1);
      }
      if (g_utf8_strlen (nfc, -1) < g_utf8_strlen (base, -1) + g_utf8_strlen (text, len))
        {
          g_signal_handlers_block_by_func (buffer, insert_text_cb, self);
          gtk_text_buffer_delete (buffer, &prev, location);
          gtk_text_buffer_insert (buffer, location, nfc, -1);
          g_signal_handlers_unblock_by_func (buffer, insert_text_cb, self);
          g_signal_stop_emission_by_name (buffer, "insert-text");
          return;
        }
      g_clear_pointer (&nfc, g_free);
    }

  nfc = thidua_text_nfc (text, len);
  if (nfc == NULL || (strlen (nfc) == (gsize) len && memcmp (nfc, text, len) == 0))
    return;

  /* gtk_text_buffer_insert() revalidates location for the caller. */
  g_signal_handlers_block_by_func (buffer, insert_text_cb, self);
  gtk_text_buffer_insert (buffer, location, nfc, -1);
  g_signal_handlers_unblock_by_func (buffer, insert_text_cb, self);
  g_signal_stop_emission_by_name (buffer, "insert-text");
}

void
thidua_body_view_set_text (ThiduaBodyView *self,
                           const char     *text)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;

  g_return_if_fail (THIDUA_IS_BODY_VIEW (self));

  g_clear_pointer (&self->auto_prefix, g_free);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text ? text : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
}

char *
thidua_body_view_get_text (ThiduaBodyView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (THIDUA_IS_BODY_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
thidua_body_view_goto_line (ThiduaBodyView *self,
                            int             line)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_if_fail (THIDUA_IS_BODY_VIEW (self));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_iter_at_line (buffer, &iter, MAX (line, 0));
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self), &iter, 0.1, TRUE, 0.0, 0.2);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
thidua_body_view_finalize (GObject *object)
{
  g_free (THIDUA_BODY_VIEW (object)->auto_prefix);
  G_OBJECT_CLASS (thidua_body_view_parent_class)->finalize (object);
}

static void
thidua_body_view_class_init (ThiduaBodyViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = thidua_body_view_finalize;

  gtk_widget_class_install_action (widget_class, "body.bold", NULL, bold_action);
  gtk_widget_class_install_action (widget_class, "body.italic", NULL, italic_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "body.bold", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "body.italic", NULL);
}

static void
thidua_body_view_init (ThiduaBodyView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self), 6);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self), 6);
  gtk_text_buffer_set_enable_undo (buffer, TRUE);

  /* Capture phase: the text view would insert the newline first. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect (buffer, "insert-text", G_CALLBACK (insert_text_cb), self);
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (buffer, &start);
    self->auto_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
  }
  g_signal_connect_after (buffer, "insert-text", G_CALLBACK (inserted_after_cb), self);
}

GtkWidget *
thidua_body_view_new (void)
{
  return g_object_new (THIDUA_TYPE_BODY_VIEW, NULL);
}
