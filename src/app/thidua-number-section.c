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
  GtkWidget        parent_instance;

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

  char            *last_suggestion;
  gboolean         symbol_fresh;   /* entered, still showing the suggestion */
  ThiduaDocument  *document;
  ThiduaPlan      *plan;       /* the document's */
  gboolean         editable;
  guint            loading;    /* >0 while widgets are filled from the plan */
};

static void section_iface_init (ThiduaPlanSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ThiduaNumberSection, thidua_number_section, GTK_TYPE_WIDGET,
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
begin_step (ThiduaNumberSection *self,
            const char *key)
{
  if (self->loading || self->plan == NULL)
    return FALSE;
  thidua_document_begin_step (self->document, key);
  return TRUE;
}

static void
changed (ThiduaNumberSection *self,
         const char *field)
{
  thidua_plan_section_emit_changed (THIDUA_PLAN_SECTION (self), field);
}

/* ------------------------------------------------------------------ */
/* Symbol suggestion                                                  */

static void
update_suggestion (ThiduaNumberSection *self)
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "number.suggest-symbol",
                                 self->editable && *suggestion != '\0');
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

  if (self->last_suggestion && *self->last_suggestion && begin_step (self, NULL))
    {
      self->loading++;
      gtk_editable_set_text (GTK_EDITABLE (self->symbol_entry), self->last_suggestion);
      self->loading--;
      thidua_plan_set_symbol (self->plan, self->last_suggestion);
      changed (self, "symbol");
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
/* Text fields                                                        */

static void
text_changed (GtkEditable         *editable,
              ThiduaNumberSection *self)
{
  const char *text = gtk_editable_get_text (editable);
  const char *field;

  if (GTK_ENTRY (editable) == self->number_entry)
    field = "number";
  else if (GTK_ENTRY (editable) == self->symbol_entry)
    field = "symbol";
  else
    field = "place";
  if (!begin_step (self, field))
    return;
  /* the setters normalise to NFC */
  if (GTK_ENTRY (editable) == self->number_entry)
    thidua_plan_set_number (self->plan, text);
  else if (GTK_ENTRY (editable) == self->symbol_entry)
    thidua_plan_set_symbol (self->plan, text);
  else
    thidua_plan_set_place (self->plan, text);
  changed (self, field);
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
  changed (self, "date");
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

static void
show_date (ThiduaNumberSection *self)
{
  ThiduaPlan *plan = self->plan;

  set_entry_number (self->day_entry, plan ? thidua_plan_get_day (plan) : 0, TRUE);
  set_entry_number (self->month_entry, plan ? thidua_plan_get_month (plan) : 0, TRUE);
  set_entry_number (self->year_entry, plan ? thidua_plan_get_year (plan) : 0, FALSE);
  gtk_label_set_label (self->date_error_label, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->day_entry), "error");
}

/* ------------------------------------------------------------------ */

static void
load (ThiduaNumberSection *self)
{
  ThiduaPlan *plan = self->plan;

  gtk_editable_set_text (GTK_EDITABLE (self->number_entry), plan ? thidua_plan_get_number (plan) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->symbol_entry), plan ? thidua_plan_get_symbol (plan) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->place_entry), plan ? thidua_plan_get_place (plan) : "");
  show_date (self);
  g_clear_pointer (&self->last_suggestion, g_free);
  update_suggestion (self);
}

static void
after_load (ThiduaNumberSection *self)
{
}

static void
apply_editable (ThiduaNumberSection *self)
{
  GtkEntry *entries[] = { self->number_entry, self->symbol_entry, self->place_entry,
                          self->day_entry, self->month_entry, self->year_entry };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_editable_set_editable (GTK_EDITABLE (entries[i]), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->calendar), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->suggest_symbol_button), self->editable);
}

static void
section_restore (ThiduaPlanSection *section)
{
  ThiduaNumberSection *self = THIDUA_NUMBER_SECTION (section);

  self->loading++;
  thidua_plan_section_show_text (GTK_EDITABLE (self->number_entry), thidua_plan_get_number (self->plan));
  thidua_plan_section_show_text (GTK_EDITABLE (self->symbol_entry), thidua_plan_get_symbol (self->plan));
  thidua_plan_section_show_text (GTK_EDITABLE (self->place_entry), thidua_plan_get_place (self->plan));
  show_date (self);
  update_suggestion (self);
  self->loading--;
}

/* The profile joins number and symbol its own way (215/KH-SYT,
 * 100-KH/TCT) and has its own example place. */
static void
section_profile_changed (ThiduaPlanSection *section,
                         ThiduaProfile     *profile)
{
  ThiduaNumberSection *self = THIDUA_NUMBER_SECTION (section);

  gtk_label_set_label (self->symbol_separator_label,
                       profile ? thidua_profile_get_number_separator (profile) : "/");
  thidua_plan_section_set_example (self->place_entry, profile, "place");
}

static GtkWidget *
section_get_field_widget (ThiduaPlanSection *section,
                          const char        *field)
{
  ThiduaNumberSection *self = THIDUA_NUMBER_SECTION (section);

  if (g_strcmp0 (field, "number") == 0)
    return GTK_WIDGET (self->number_entry);
  if (g_strcmp0 (field, "symbol") == 0)
    return GTK_WIDGET (self->symbol_entry);
  if (g_strcmp0 (field, "place") == 0)
    return GTK_WIDGET (self->place_entry);
  if (g_strcmp0 (field, "date") == 0)
    return GTK_WIDGET (self->day_entry);
  return NULL;
}

static void
set_document (ThiduaNumberSection *self,
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
set_editable (ThiduaNumberSection *self,
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
thidua_number_section_new (void)
{
  return g_object_new (THIDUA_TYPE_NUMBER_SECTION, NULL);
}

static void
thidua_number_section_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ThiduaNumberSection *self = THIDUA_NUMBER_SECTION (object);

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
thidua_number_section_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ThiduaNumberSection *self = THIDUA_NUMBER_SECTION (object);

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
thidua_number_section_dispose (GObject *object)
{
  ThiduaNumberSection *self = THIDUA_NUMBER_SECTION (object);
  GtkWidget *child;

  g_clear_pointer (&self->last_suggestion, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_NUMBER_SECTION);
  /* the template's root is not a bound child */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);
  g_clear_object (&self->plan);
  G_OBJECT_CLASS (thidua_number_section_parent_class)->dispose (object);
}

static void
thidua_number_section_class_init (ThiduaNumberSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_number_section_dispose;
  object_class->get_property = thidua_number_section_get_property;
  object_class->set_property = thidua_number_section_set_property;

  g_object_class_override_property (object_class, PROP_DOCUMENT, "document");
  g_object_class_override_property (object_class, PROP_EDITABLE, "editable");
  properties[PROP_DOCUMENT] = g_object_class_find_property (object_class, "document");
  properties[PROP_EDITABLE] = g_object_class_find_property (object_class, "editable");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
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
  gtk_widget_init_template (GTK_WIDGET (self));
  self->editable = TRUE;
  GtkEntry *texts[] = { self->number_entry, self->symbol_entry, self->place_entry };
  GtkEntry *dates[] = { self->day_entry, self->month_entry, self->year_entry };
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  /* the text widgets keep no history of their own: the document does */
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_signal_connect (texts[i], "changed", G_CALLBACK (text_changed), self);
      gtk_editable_set_enable_undo (GTK_EDITABLE (texts[i]), FALSE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_signal_connect_swapped (dates[i], "changed", G_CALLBACK (date_changed), self);
      gtk_editable_set_enable_undo (GTK_EDITABLE (dates[i]), FALSE);
    }
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (symbol_focus_enter), self);
  gtk_widget_add_controller (GTK_WIDGET (self->symbol_entry), focus);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (symbol_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->symbol_entry), keys);
}
