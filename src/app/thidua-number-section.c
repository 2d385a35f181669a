/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-number-section.c — number, symbol, place and date. */
#include "config.h"
#include "thidua-number-section.h"
#include "thidua-symbol.h"
#include "thidua-text.h"

#include <glib/gi18n.h>
#include <string.h>

struct _ThiduaNumberSection
{
  ThiduaPlanSection parent_instance;

  GtkEntry         *number_entry;
  GtkLabel         *symbol_separator_label;
  GtkEntry         *symbol_entry;
  GtkButton        *suggest_symbol_button;
  GtkEntry         *place_entry;
  GtkEntry         *day_entry;
  GtkEntry         *month_entry;
  GtkEntry         *year_entry;
  GtkCalendar      *calendar;
  GtkLabel         *date_error_label;

  char             *last_suggestion;
  gboolean          symbol_fresh;   /* entered, still showing the suggestion */
};

G_DEFINE_FINAL_TYPE (ThiduaNumberSection, thidua_number_section, THIDUA_TYPE_PLAN_SECTION)

/* The profile has its own example place. */
static const ThiduaPlanSectionText texts[] = {
  { "number", G_STRUCT_OFFSET (ThiduaNumberSection, number_entry),
    thidua_plan_get_number, thidua_plan_set_number, NULL },
  { "symbol", G_STRUCT_OFFSET (ThiduaNumberSection, symbol_entry),
    thidua_plan_get_symbol, thidua_plan_set_symbol, NULL },
  { "place", G_STRUCT_OFFSET (ThiduaNumberSection, place_entry),
    thidua_plan_get_place, thidua_plan_set_place, "place" },
};

/* ------------------------------------------------------------------ */
/* Symbol suggestion                                                  */

static void
update_suggestion (ThiduaNumberSection *self)
{
  ThiduaPlanSection *section = THIDUA_PLAN_SECTION (self);
  ThiduaPlan *plan = thidua_plan_section_get_plan (section);
  g_autofree char *suggestion = NULL;
  g_autofree char *tooltip = NULL;
  const char *current;

  if (plan == NULL)
    return;

  suggestion = thidua_suggest_symbol (thidua_plan_get_type_name (plan),
                                      thidua_plan_get_issuing_body (plan),
                                      thidua_plan_get_profile (plan));
  current = thidua_plan_get_symbol (plan);

  /* Follow the suggestion as long as the user has not typed their own. */
  if (thidua_plan_section_is_user_edit (section) && *suggestion &&
      (*current == '\0' || g_strcmp0 (current, self->last_suggestion) == 0) &&
      g_strcmp0 (current, suggestion) != 0 && self->last_suggestion != NULL)
    {
      /* part of the step that changed the type or the body */
      thidua_plan_section_begin_load (section);
      gtk_editable_set_text (GTK_EDITABLE (self->symbol_entry), suggestion);
      thidua_plan_section_end_load (section);
      thidua_plan_set_symbol (plan, suggestion);
    }

  g_free (self->last_suggestion);
  self->last_suggestion = g_strdup (suggestion);

  gtk_entry_set_placeholder_text (self->symbol_entry, suggestion);
  tooltip = *suggestion ? g_strdup_printf (_("Use the suggested symbol %s"), suggestion)
                        : g_strdup (_("No symbol to suggest: fill in the type and the issuing body"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->suggest_symbol_button), tooltip);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "number.suggest-symbol",
                                 thidua_plan_section_get_editable (section) && *suggestion != '\0');
}

void
thidua_number_section_update_suggestion (ThiduaNumberSection *self)
{
  g_return_if_fail (THIDUA_IS_NUMBER_SECTION (self));
  update_suggestion (self);
}

static void
suggest_symbol_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  ThiduaNumberSection *self = THIDUA_NUMBER_SECTION (widget);
  ThiduaPlanSection *section = THIDUA_PLAN_SECTION (self);

  if (self->last_suggestion && *self->last_suggestion && thidua_plan_section_begin_step (section, NULL))
    {
      thidua_plan_section_begin_load (section);
      gtk_editable_set_text (GTK_EDITABLE (self->symbol_entry), self->last_suggestion);
      thidua_plan_section_end_load (section);
      thidua_plan_set_symbol (thidua_plan_section_get_plan (section), self->last_suggestion);
      thidua_plan_section_emit_changed (section, "symbol");
    }
}

static gboolean
select_suggested_symbol (gpointer data)
{
  ThiduaNumberSection *self = data;
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
symbol_focus_enter (ThiduaNumberSection *self)
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
                    ThiduaNumberSection   *self)
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
date_changed (ThiduaNumberSection *self)
{
  ThiduaPlanSection *section = THIDUA_PLAN_SECTION (self);
  ThiduaPlan *plan = thidua_plan_section_get_plan (section);
  g_autoptr(GError) error = NULL;
  guint d, m, y;

  if (!thidua_plan_section_is_user_edit (section))
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
  if (d == thidua_plan_get_day (plan) && m == thidua_plan_get_month (plan) &&
      y == thidua_plan_get_year (plan))
    return;
  thidua_plan_section_begin_step (section, "date");
  thidua_plan_set_date (plan, d, m, y);
  thidua_plan_section_emit_changed (section, "date");
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
calendar_day_selected (ThiduaNumberSection *self)
{
  ThiduaPlanSection *section = THIDUA_PLAN_SECTION (self);
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);

  if (!thidua_plan_section_is_user_edit (section))
    return;
  thidua_plan_section_begin_load (section);
  set_entry_number (self->day_entry, g_date_time_get_day_of_month (date), TRUE);
  set_entry_number (self->month_entry, g_date_time_get_month (date), TRUE);
  set_entry_number (self->year_entry, g_date_time_get_year (date), FALSE);
  thidua_plan_section_end_load (section);
  date_changed (self);
}

static void
show_date (ThiduaNumberSection *self)
{
  ThiduaPlan *plan = thidua_plan_section_get_plan (THIDUA_PLAN_SECTION (self));

  set_entry_number (self->day_entry, plan ? thidua_plan_get_day (plan) : 0, TRUE);
  set_entry_number (self->month_entry, plan ? thidua_plan_get_month (plan) : 0, TRUE);
  set_entry_number (self->year_entry, plan ? thidua_plan_get_year (plan) : 0, FALSE);
  gtk_label_set_label (self->date_error_label, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->day_entry), "error");
}

/* ------------------------------------------------------------------ */

static void
number_section_load (ThiduaPlanSection *section)
{
  ThiduaNumberSection *self = THIDUA_NUMBER_SECTION (section);

  show_date (self);
  g_clear_pointer (&self->last_suggestion, g_free);
  update_suggestion (self);
}

static void
number_section_restore (ThiduaPlanSection *section)
{
  ThiduaNumberSection *self = THIDUA_NUMBER_SECTION (section);

  thidua_plan_section_begin_load (section);
  show_date (self);
  update_suggestion (self);
  thidua_plan_section_end_load (section);
}

static void
number_section_editable_changed (ThiduaPlanSection *section,
                                 gboolean           editable)
{
  ThiduaNumberSection *self = THIDUA_NUMBER_SECTION (section);
  GtkEntry *dates[] = { self->day_entry, self->month_entry, self->year_entry };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    gtk_editable_set_editable (GTK_EDITABLE (dates[i]), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->calendar), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->suggest_symbol_button), editable);
}

/* The profile joins number and symbol its own way (215/KH-SYT,
 * 100-KH/TCT). */
static void
number_section_profile_changed (ThiduaPlanSection *section,
                                ThiduaProfile     *profile)
{
  ThiduaNumberSection *self = THIDUA_NUMBER_SECTION (section);

  gtk_label_set_label (self->symbol_separator_label,
                       profile ? thidua_profile_get_number_separator (profile) : "/");
}

static GtkWidget *
number_section_get_field_widget (ThiduaPlanSection *section,
                                 const char        *field)
{
  ThiduaNumberSection *self = THIDUA_NUMBER_SECTION (section);

  return g_strcmp0 (field, "date") == 0 ? GTK_WIDGET (self->day_entry) : NULL;
}

GtkWidget *
thidua_number_section_new (void)
{
  return g_object_new (THIDUA_TYPE_NUMBER_SECTION, NULL);
}

static void
thidua_number_section_dispose (GObject *object)
{
  ThiduaNumberSection *self = THIDUA_NUMBER_SECTION (object);

  g_clear_pointer (&self->last_suggestion, g_free);
  G_OBJECT_CLASS (thidua_number_section_parent_class)->dispose (object);
}

static void
thidua_number_section_class_init (ThiduaNumberSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ThiduaPlanSectionClass *section_class = THIDUA_PLAN_SECTION_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_number_section_dispose;
  section_class->load = number_section_load;
  section_class->restore = number_section_restore;
  section_class->editable_changed = number_section_editable_changed;
  section_class->profile_changed = number_section_profile_changed;
  section_class->get_field_widget = number_section_get_field_widget;
  thidua_plan_section_class_set_texts (section_class, texts, G_N_ELEMENTS (texts));

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-number-section.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ThiduaNumberSection, name)
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
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected);
  gtk_widget_class_install_action (widget_class, "number.suggest-symbol", NULL, suggest_symbol_action);
}

static void
thidua_number_section_init (ThiduaNumberSection *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  GtkEntry *dates[] = { self->day_entry, self->month_entry, self->year_entry };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_signal_connect_swapped (dates[i], "changed", G_CALLBACK (date_changed), self);
      /* the document keeps the history */
      gtk_editable_set_enable_undo (GTK_EDITABLE (dates[i]), FALSE);
    }
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (symbol_focus_enter), self);
  gtk_widget_add_controller (GTK_WIDGET (self->symbol_entry), focus);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (symbol_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->symbol_entry), keys);
}
