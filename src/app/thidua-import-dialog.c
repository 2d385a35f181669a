/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-import-dialog.c — what import recognised, to check and correct. */
#include "config.h"
#include "thidua-import-dialog.h"
#include "thidua-import-html.h"
#include "thidua-markup.h"
#include "thidua-pdf.h"
#include "thidua-profile.h"
#include "thidua-template-item.h"
#include "thidua-window.h"
#include "thidua-word.h"

#include <glib/gi18n.h>
#include <string.h>

struct _ThiduaImportDialog
{
  GtkWindow      parent_instance;

  GtkLabel      *source_label;
  GtkLabel      *warnings_label;
  GtkLabel      *error_label;
  GtkWidget     *preamble_box;
  GtkLabel      *preamble_label;
  GtkLabel      *preamble_lines_label;
  GtkWidget     *keep_preamble_check;
  GtkDropDown   *profile_dropdown;
  GtkEntry      *superior_entry;
  GtkEntry      *issuing_entry;
  GtkEntry      *number_entry;
  GtkEntry      *symbol_entry;
  GtkEntry      *place_entry;
  GtkSpinButton *day_spin;
  GtkSpinButton *month_spin;
  GtkSpinButton *year_spin;
  GtkEntry      *type_entry;
  GtkEntry      *subject_entry;
  GtkLabel      *headings_label;
  GtkTextView   *recipients_view;
  GtkEntry      *authority_entry;
  GtkEntry      *behalf_entry;
  GtkEntry      *position_entry;
  GtkEntry      *name_entry;
  GtkTextView   *body_view;

  ThiduaStore   *store;
  ThiduaPlan    *recognised;   /* as recognised, before corrections */
  char          *warnings;
  char          *preamble;     /* the skipped lines as body paragraphs, or NULL */
  guint          n_skipped;
  gboolean       keep_preamble;
};

G_DEFINE_FINAL_TYPE (ThiduaImportDialog, thidua_import_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_KEEP_PREAMBLE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum {
  PLAN_CREATED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
set_entry (GtkEntry *entry, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

static const char *
get_entry (GtkEntry *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static char *
get_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The Roman-numeral headings of the body, one per line, for a glance at
 * whether the body was cut in the right places. */
static void
update_headings (ThiduaImportDialog *self)
{
  g_autofree char *body = get_view_text (self->body_view);
  g_autoptr(ThiduaBody) parsed = thidua_body_parse (body);
  g_autoptr(GString) headings = g_string_new (NULL);

  for (guint i = 0; i < thidua_body_n_outline (parsed); i++)
    {
      const ThiduaOutlineEntry *e = thidua_body_get_outline (parsed, i);

      if (e->level != 1)
        continue;
      if (headings->len > 0)
        g_string_append_c (headings, '\n');
      g_string_append_printf (headings, "%s %s", e->label, e->title);
    }
  gtk_label_set_text (self->headings_label,
                      headings->len > 0 ? headings->str : _("No Roman-numeral headings"));
}

/* The authority the chosen profile's documents usually print ("TM." for
 * the state, "T/M" for the Party), from the profile file, as the hint. */
static void
profile_changed (ThiduaImportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->profile_dropdown);
  g_autoptr(ThiduaProfile) profile = NULL;
  g_auto(GStrv) authorities = NULL;

  if (selected < thidua_profile_kind_count ())
    profile = thidua_profile_load_for_kind (selected, NULL);
  if (profile != NULL)
    authorities = thidua_profile_dup_authorities (profile);
  gtk_entry_set_placeholder_text (self->authority_entry,
                                  authorities && authorities[0] ? authorities[0] : NULL);
}

/* A blank date part is 0 in the plan and an empty field on screen, never
 * a "0" the secretary would think is the date. */
static gboolean
date_part_output (GtkSpinButton *spin)
{
  if (gtk_spin_button_get_value_as_int (spin) != 0)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (spin), "");
  return TRUE;
}

static int
date_part_input (GtkSpinButton *spin,
                 double        *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));

  if (*text != '\0')
    return FALSE;
  *value = 0;
  return TRUE;
}

static void
fill_fields (ThiduaImportDialog *self)
{
  ThiduaPlan *plan = self->recognised;
  g_autofree char *recipients = g_strjoinv ("\n", (char **) thidua_plan_get_recipients (plan));

  gtk_drop_down_set_selected (self->profile_dropdown, thidua_plan_get_profile (plan));
  set_entry (self->superior_entry, thidua_plan_get_superior_body (plan));
  set_entry (self->issuing_entry, thidua_plan_get_issuing_body (plan));
  set_entry (self->number_entry, thidua_plan_get_number (plan));
  set_entry (self->symbol_entry, thidua_plan_get_symbol (plan));
  set_entry (self->place_entry, thidua_plan_get_place (plan));
  gtk_spin_button_set_value (self->day_spin, thidua_plan_get_day (plan));
  gtk_spin_button_set_value (self->month_spin, thidua_plan_get_month (plan));
  gtk_spin_button_set_value (self->year_spin, thidua_plan_get_year (plan));
  set_entry (self->type_entry, thidua_plan_get_type_name (plan));
  set_entry (self->subject_entry, thidua_plan_get_subject (plan));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->recipients_view), recipients, -1);
  set_entry (self->authority_entry, thidua_plan_get_signer_authority (plan));
  set_entry (self->behalf_entry, thidua_plan_get_signer_on_behalf_of (plan));
  set_entry (self->position_entry, thidua_plan_get_signer_position (plan));
  set_entry (self->name_entry, thidua_plan_get_signer_name (plan));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view),
                            thidua_plan_get_body (plan), -1);
  update_headings (self);
}

/* The lines left out before the document's header: shown, with the
 * choice to keep them at the top of the body. */
static void
show_preamble (ThiduaImportDialog *self, GPtrArray *skipped)
{
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(GString) paragraphs = g_string_new (NULL);
  g_autofree char *title = NULL;

  self->keep_preamble = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP_PREAMBLE]);
  g_clear_pointer (&self->preamble, g_free);
  self->n_skipped = skipped->len;
  gtk_widget_set_visible (self->preamble_box, skipped->len > 0);
  if (skipped->len == 0)
    return;
  for (guint i = 0; i < skipped->len; i++)
    {
      g_string_append_printf (lines, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (skipped, i));
      /* as the recogniser keeps header text: one paragraph each */
      g_string_append_printf (paragraphs, "%s\n\n", (char *) g_ptr_array_index (skipped, i));
    }
  self->preamble = g_string_free (g_steal_pointer (&paragraphs), FALSE);
  title = g_strdup_printf (ngettext ("Skipped %u line before the document's header",
                                     "Skipped %u lines before the document's header", skipped->len),
                           skipped->len);
  gtk_label_set_text (self->preamble_label, title);
  gtk_label_set_text (self->preamble_lines_label, lines->str);
}

/* Puts the skipped lines at the top of the body, or takes them away again
 * (only when the body still starts with them: the user's edits stay). */
static void
apply_keep_preamble (ThiduaImportDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  g_autofree char *body = get_view_text (self->body_view);
  GtkTextIter start, end;

  if (self->preamble == NULL)
    return;
  gtk_text_buffer_get_start_iter (buffer, &start);
  if (self->keep_preamble)
    gtk_text_buffer_insert (buffer, &start, self->preamble, -1);
  else if (g_str_has_prefix (body, self->preamble))
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &end, g_utf8_strlen (self->preamble, -1));
      gtk_text_buffer_delete (buffer, &start, &end);
    }
}

static void
show_result (ThiduaImportDialog *self, ThiduaPlan *plan, GPtrArray *warnings,
             GPtrArray *skipped, const char *source)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_set_object (&self->recognised, plan);
  for (guint i = 0; i < warnings->len; i++)
    g_string_append_printf (text, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (warnings, i));
  g_free (self->warnings);
  self->warnings = g_string_free (g_steal_pointer (&text), FALSE);

  gtk_label_set_text (self->source_label, source);
  gtk_label_set_text (self->warnings_label, self->warnings);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), *self->warnings != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  fill_fields (self);
  show_preamble (self, skipped);
}

void
thidua_import_dialog_set_text (ThiduaImportDialog *self, const char *text, const char *source)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autofree char *repaired = NULL;
  ThiduaEncoding used;

  g_return_if_fail (THIDUA_IS_IMPORT_DIALOG (self));
  g_return_if_fail (text != NULL);

  /* Text copied out of a .VnTime document arrives as Latin-1 letters. */
  if (g_utf8_validate (text, -1, NULL)
      && (repaired = thidua_encoding_repair_latin1 (text, &used)) != NULL)
    g_ptr_array_add (warnings, g_strdup_printf (_("The text was read as %s (legacy Vietnamese "
                                                  "font)"), thidua_encoding_to_string (used)));
  plan = thidua_import_text_full (repaired != NULL ? repaired : text, -1,
                                  THIDUA_IMPORT_PROFILE_AUTO, 0, warnings, skipped);
  show_result (self, plan, warnings, skipped, source);
}

gboolean
thidua_import_dialog_set_file (ThiduaImportDialog *self, GFile *file, GError **error)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autofree char *name = NULL;
  g_autofree char *source = NULL;
  g_autofree char *path = NULL;
  ThiduaEncoding used = THIDUA_ENCODING_UTF8;
  ThiduaWordFormat format = THIDUA_WORD_FORMAT_TEXT;

  g_return_val_if_fail (THIDUA_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* A PDF: its text layer, rebuilt as the page shows it. */
  if ((path = g_file_get_path (file)) != NULL && thidua_pdf_sniff_file (path))
    {
      if ((plan = thidua_pdf_import (path, THIDUA_IMPORT_PROFILE_AUTO, warnings, error)) == NULL)
        return FALSE;
      name = g_file_get_basename (file);
      /* TRANSLATORS: file name */
      source = g_strdup_printf (_("From %s (PDF)"), name);
      show_result (self, plan, warnings, skipped, source);
      return TRUE;
    }
  /* Word, OpenDocument or text: the content says which (thidua-word.h) */
  plan = thidua_document_import_file_full (file, THIDUA_ENCODING_AUTO, THIDUA_IMPORT_PROFILE_AUTO, 0,
                                           &format, &used, warnings, skipped, NULL, error);
  if (plan == NULL)
    return FALSE;
  name = g_file_get_basename (file);
  if (format == THIDUA_WORD_FORMAT_TEXT)
    /* TRANSLATORS: file name, then its text encoding */
    source = g_strdup_printf (_("From %s (%s)"), name, thidua_encoding_to_string (used));
  else
    /* TRANSLATORS: file name, then its kind: "docx", "odt", "fodt", "doc" */
    source = g_strdup_printf (_("From %s (%s document)"), name, thidua_word_format_name (format));
  show_result (self, plan, warnings, skipped, source);
  return TRUE;
}

ThiduaPlan *
thidua_import_dialog_get_plan (ThiduaImportDialog *self)
{
  g_autofree char *recipients = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  ThiduaPlan *plan;

  g_return_val_if_fail (THIDUA_IS_IMPORT_DIALOG (self), NULL);

  plan = self->recognised != NULL ? thidua_plan_copy (self->recognised) : thidua_plan_new ();
  /* a profile of the data files beyond the list stays as recognised */
  if (gtk_drop_down_get_selected (self->profile_dropdown) < thidua_profile_kind_count ())
    thidua_plan_set_profile (plan, gtk_drop_down_get_selected (self->profile_dropdown));
  thidua_plan_set_superior_body (plan, get_entry (self->superior_entry));
  thidua_plan_set_issuing_body (plan, get_entry (self->issuing_entry));
  thidua_plan_set_number (plan, get_entry (self->number_entry));
  thidua_plan_set_symbol (plan, get_entry (self->symbol_entry));
  thidua_plan_set_place (plan, get_entry (self->place_entry));
  thidua_plan_set_date (plan, gtk_spin_button_get_value_as_int (self->day_spin),
                        gtk_spin_button_get_value_as_int (self->month_spin),
                        gtk_spin_button_get_value_as_int (self->year_spin));
  thidua_plan_set_type_name (plan, get_entry (self->type_entry));
  thidua_plan_set_subject (plan, get_entry (self->subject_entry));

  recipients = get_view_text (self->recipients_view);
  lines = g_strsplit (recipients, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      g_ptr_array_add (kept, lines[i]);
  g_ptr_array_add (kept, NULL);
  thidua_plan_set_recipients (plan, (const char * const *) kept->pdata);

  thidua_plan_set_signer_authority (plan, get_entry (self->authority_entry));
  thidua_plan_set_signer_on_behalf_of (plan, get_entry (self->behalf_entry));
  thidua_plan_set_signer_position (plan, get_entry (self->position_entry));
  thidua_plan_set_signer_name (plan, get_entry (self->name_entry));
  body = get_view_text (self->body_view);
  thidua_plan_set_body (plan, body);
  return plan;
}

guint
thidua_import_dialog_get_n_skipped (ThiduaImportDialog *self)
{
  g_return_val_if_fail (THIDUA_IS_IMPORT_DIALOG (self), 0);
  return self->n_skipped;
}

const char *
thidua_import_dialog_get_warnings (ThiduaImportDialog *self)
{
  g_return_val_if_fail (THIDUA_IS_IMPORT_DIALOG (self), NULL);
  return self->warnings != NULL ? self->warnings : "";
}

gint64
thidua_import_dialog_create (ThiduaImportDialog *self, GError **error)
{
  g_autoptr(ThiduaPlan) plan = NULL;
  gint64 id;

  g_return_val_if_fail (THIDUA_IS_IMPORT_DIALOG (self), 0);

  plan = thidua_import_dialog_get_plan (self);
  if (!thidua_plan_check_date (thidua_plan_get_day (plan), thidua_plan_get_month (plan),
                               thidua_plan_get_year (plan), error))
    return 0;
  id = thidua_store_insert_plan (self->store, plan, error);
  if (id == 0)
    return 0;
  g_signal_emit (self, signals[PLAN_CREATED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
  return id;
}

static void
create_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ThiduaImportDialog *self = THIDUA_IMPORT_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (thidua_import_dialog_create (self, &error) == 0)
    {
      g_autofree char *message = g_strdup_printf (_("The plan was not created: %s"),
                                                  error->message);

      gtk_label_set_text (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static void
body_changed (ThiduaImportDialog *self)
{
  update_headings (self);
}

static void
thidua_import_dialog_dispose (GObject *object)
{
  ThiduaImportDialog *self = THIDUA_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->recognised);
  G_OBJECT_CLASS (thidua_import_dialog_parent_class)->dispose (object);
}

static void
thidua_import_dialog_finalize (GObject *object)
{
  ThiduaImportDialog *self = THIDUA_IMPORT_DIALOG (object);

  g_free (self->warnings);
  g_free (self->preamble);
  G_OBJECT_CLASS (thidua_import_dialog_parent_class)->finalize (object);
}

static void
thidua_import_dialog_set_property (GObject *object, guint prop_id, const GValue *value,
                                   GParamSpec *pspec)
{
  ThiduaImportDialog *self = THIDUA_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_KEEP_PREAMBLE:
      if (self->keep_preamble != g_value_get_boolean (value))
        {
          self->keep_preamble = g_value_get_boolean (value);
          apply_keep_preamble (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_import_dialog_get_property (GObject *object, guint prop_id, GValue *value,
                                   GParamSpec *pspec)
{
  ThiduaImportDialog *self = THIDUA_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_KEEP_PREAMBLE:
      g_value_set_boolean (value, self->keep_preamble);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_import_dialog_class_init (ThiduaImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_import_dialog_dispose;
  object_class->finalize = thidua_import_dialog_finalize;
  object_class->set_property = thidua_import_dialog_set_property;
  object_class->get_property = thidua_import_dialog_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, THIDUA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  /* The lines skipped before the header are kept at the top of the body. */
  properties[PROP_KEEP_PREAMBLE] =
    g_param_spec_boolean ("keep-preamble", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* ::plan-created (gint64 id): the plan is in the store. */
  signals[PLAN_CREATED] =
    g_signal_new ("plan-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-import-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ThiduaImportDialog, name)
  BIND (source_label);
  BIND (warnings_label);
  BIND (error_label);
  BIND (preamble_box);
  BIND (preamble_label);
  BIND (preamble_lines_label);
  BIND (keep_preamble_check);
  BIND (profile_dropdown);
  BIND (superior_entry);
  BIND (issuing_entry);
  BIND (number_entry);
  BIND (symbol_entry);
  BIND (place_entry);
  BIND (day_spin);
  BIND (month_spin);
  BIND (year_spin);
  BIND (type_entry);
  BIND (subject_entry);
  BIND (headings_label);
  BIND (recipients_view);
  BIND (authority_entry);
  BIND (behalf_entry);
  BIND (position_entry);
  BIND (name_entry);
  BIND (body_view);
#undef BIND

  gtk_widget_class_install_action (widget_class, "import.create", NULL, create_action);
  gtk_widget_class_install_property_action (widget_class, "import.keep-preamble", "keep-preamble");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* A file dropped on the dialog is imported in place of what it shows; a
 * file that cannot be read says why and leaves the fields as they were. */
static gboolean
file_dropped (GtkDropTarget *target, const GValue *value, double x, double y,
              ThiduaImportDialog *self)
{
  GSList *files;
  g_autoptr(GError) error = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST)
      || (files = gdk_file_list_get_files (g_value_get_boxed (value))) == NULL)
    return FALSE;
  if (!thidua_import_dialog_set_file (self, G_FILE (files->data), &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  g_slist_free (files);
  return TRUE;
}

static void
thidua_import_dialog_init (ThiduaImportDialog *self)
{
  GtkDropTarget *drop;
  g_autoptr(GtkStringList) profiles = gtk_string_list_new (NULL);
  GtkSpinButton *date_parts[3];

  gtk_widget_init_template (GTK_WIDGET (self));
  /* the profiles by the one name the whole app gives them */
  for (guint i = 0; i < thidua_profile_kind_count (); i++)
    gtk_string_list_append (profiles, thidua_profile_label (thidua_profile_kind_to_string (i)));
  gtk_drop_down_set_model (self->profile_dropdown, G_LIST_MODEL (profiles));
  g_signal_connect_object (self->profile_dropdown, "notify::selected",
                           G_CALLBACK (profile_changed), self, G_CONNECT_SWAPPED);
  profile_changed (self);
  date_parts[0] = self->day_spin;
  date_parts[1] = self->month_spin;
  date_parts[2] = self->year_spin;
  for (guint i = 0; i < G_N_ELEMENTS (date_parts); i++)
    {
      g_signal_connect (date_parts[i], "output", G_CALLBACK (date_part_output), NULL);
      g_signal_connect (date_parts[i], "input", G_CALLBACK (date_part_input), NULL);
      date_part_output (date_parts[i]);
    }
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (file_dropped), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  g_signal_connect_object (gtk_text_view_get_buffer (self->body_view), "changed",
                           G_CALLBACK (body_changed), self, G_CONNECT_SWAPPED);
}

ThiduaImportDialog *
thidua_import_dialog_new (GtkWindow *parent, ThiduaStore *store)
{
  g_return_val_if_fail (THIDUA_IS_STORE (store), NULL);

  return g_object_new (THIDUA_TYPE_IMPORT_DIALOG,
                       "store", store,
                       "transient-for", parent,
                       NULL);
}

/* --- app.import-file and app.paste-as-new -------------------------------- */

/* A new plan appears selected in the window it was imported from (the
 * list itself follows the store: nothing here reloads it). */
static void
plan_created (ThiduaImportDialog *dialog, gint64 id, ThiduaWindow *window)
{
  thidua_window_select_plan (window, id);
}

static ThiduaImportDialog *
dialog_for (ThiduaWindow *window)
{
  ThiduaImportDialog *dialog = thidua_import_dialog_new (GTK_WINDOW (window),
                                                         thidua_window_get_store (window));

  g_signal_connect_object (dialog, "plan-created", G_CALLBACK (plan_created), window, 0);
  return dialog;
}

static void
show_error (GtkWindow *parent, const char *primary, const char *secondary)
{
  GtkWidget *message = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                               GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (message), "%s", secondary);
  g_signal_connect (message, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (message));
}

static void
file_chosen (GtkNativeDialog *native, int response, gpointer user_data)
{
  g_autoptr(ThiduaWindow) window = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  ThiduaImportDialog *dialog;

  if (response != GTK_RESPONSE_ACCEPT
      || (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native))) == NULL)
    {
      g_object_unref (native);
      return;
    }
  g_object_unref (native);

  dialog = dialog_for (window);
  if (!thidua_import_dialog_set_file (dialog, file, &error))
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      show_error (GTK_WINDOW (window), _("The file cannot be imported"), error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static ThiduaWindow *
active_window (GtkApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (application);

  return THIDUA_IS_WINDOW (window) && thidua_window_get_store (THIDUA_WINDOW (window)) != NULL
         ? THIDUA_WINDOW (window) : NULL;
}

static void
import_file_activated (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ThiduaWindow *window = active_window (GTK_APPLICATION (user_data));
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) documents = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) text = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  static const char * const document_patterns[] = {
    "*.docx", "*.DOCX", "*.doc", "*.DOC", "*.odt", "*.ODT", "*.fodt", "*.rtf", "*.txt", "*.TXT",
  };

  if (window == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Import Plan from File"), GTK_WINDOW (window),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  /* Word, OpenDocument and text first: what offices have */
  gtk_file_filter_set_name (documents, _("Documents (Word, OpenDocument, text)"));
  for (guint i = 0; i < G_N_ELEMENTS (document_patterns); i++)
    gtk_file_filter_add_pattern (documents, document_patterns[i]);
  gtk_file_filter_add_mime_type (documents, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  gtk_file_filter_add_mime_type (documents, "application/msword");
  gtk_file_filter_add_mime_type (documents, "application/vnd.oasis.opendocument.text");
  gtk_file_filter_add_mime_type (documents, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), documents);
  gtk_file_filter_set_name (text, _("Text files"));
  gtk_file_filter_add_mime_type (text, "text/plain");
  gtk_file_filter_add_pattern (text, "*.txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), text);
  gtk_file_filter_set_name (pdf, _("PDF documents"));
  gtk_file_filter_add_mime_type (pdf, "application/pdf");
  gtk_file_filter_add_pattern (pdf, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), pdf);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  g_signal_connect (native, "response", G_CALLBACK (file_chosen), g_object_ref (window));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* --- the clipboard: text/html first, plain text otherwise ------------- */

typedef struct {
  GInputStream *stream;
  GByteArray   *data;
} HtmlRead;

static void
html_read_free (HtmlRead *h)
{
  g_clear_object (&h->stream);
  g_byte_array_unref (h->data);
  g_free (h);
}

/* Clipboard HTML as UTF-8: Firefox offers it in UTF-16, Windows' "HTML
 * Format" starts with a header of offsets. */
static char *
html_to_utf8 (const guint8 *data, gsize len)
{
  g_autofree char *text = NULL;
  const char *start;

  if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)
                   || memchr (data, 0, MIN (len, 64)) != NULL))
    text = thidua_encoding_decode (data, len, THIDUA_ENCODING_UTF16, NULL, NULL);
  if (text == NULL)
    text = g_utf8_make_valid ((const char *) data, len);
  start = text;
  if (g_str_has_prefix (start, "Version:") && strchr (start, '<') != NULL)
    start = strchr (start, '<');
  return thidua_import_html_to_text (start, -1);
}

static void read_plain_text (GTask *task);

static void
html_chunk_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  HtmlRead *h = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (chunk == NULL)
    {
      read_plain_text (g_steal_pointer (&task));
      return;
    }
  if (g_bytes_get_size (chunk) > 0 && h->data->len < THIDUA_IMPORT_MAX_SIZE)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      g_byte_array_append (h->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      g_input_stream_read_bytes_async (h->stream, 64 * 1024, G_PRIORITY_DEFAULT, cancellable,
                                       html_chunk_read, g_steal_pointer (&task));
      return;
    }
  /* the whole HTML, or as much as a plan may be */
  {
    g_autofree char *text = html_to_utf8 (h->data->data, MIN (h->data->len, THIDUA_IMPORT_MAX_SIZE));
    g_autofree char *stripped = g_strstrip (g_strdup (text));

    if (*stripped == '\0')
      read_plain_text (g_steal_pointer (&task));
    else
      g_task_return_pointer (task, g_steal_pointer (&text), g_free);
  }
}

static void
html_stream_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  HtmlRead *h = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  GCancellable *cancellable = g_task_get_cancellable (task);

  h->stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  if (h->stream == NULL)
    {
      read_plain_text (g_steal_pointer (&task));
      return;
    }
  g_input_stream_read_bytes_async (h->stream, 64 * 1024, G_PRIORITY_DEFAULT, cancellable,
                                   html_chunk_read, g_steal_pointer (&task));
}

static void
plain_text_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (text == NULL && error == NULL)
    text = g_strdup ("");
  if (text != NULL)
    g_task_return_pointer (task, text, g_free);
  else
    g_task_return_error (task, error);
}

static void
read_plain_text (GTask *task)
{
  GdkClipboard *clipboard = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_task_set_task_data (task, NULL, NULL);
  gdk_clipboard_read_text_async (clipboard, cancellable, plain_text_read, task);
}

void
thidua_import_read_clipboard_async (GdkClipboard        *clipboard,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task = g_task_new (clipboard, cancellable, callback, user_data);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  static const char *html_types[] = { "text/html", NULL };

  g_task_set_source_tag (task, thidua_import_read_clipboard_async);
  if (gdk_content_formats_contain_mime_type (formats, "text/html"))
    {
      HtmlRead *h = g_new0 (HtmlRead, 1);

      h->data = g_byte_array_new ();
      g_task_set_task_data (task, h, (GDestroyNotify) html_read_free);
      gdk_clipboard_read_async (clipboard, html_types, G_PRIORITY_DEFAULT, cancellable,
                                html_stream_ready, task);
    }
  else
    read_plain_text (task);
}

char *
thidua_import_read_clipboard_finish (GdkClipboard *clipboard, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, clipboard), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clipboard_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(ThiduaWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = thidua_import_read_clipboard_finish (GDK_CLIPBOARD (source), result, &error);
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  ThiduaImportDialog *dialog;

  if (*stripped == '\0')
    {
      show_error (GTK_WINDOW (window), _("Nothing to paste"),
                  error != NULL ? error->message : _("The clipboard holds no text."));
      return;
    }
  dialog = dialog_for (window);
  thidua_import_dialog_set_text (dialog, text, _("From the clipboard"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
paste_as_new_activated (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ThiduaWindow *window = active_window (GTK_APPLICATION (user_data));

  if (window == NULL)
    return;
  thidua_import_read_clipboard_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                      clipboard_read, g_object_ref (window));
}

void
thidua_import_dialog_add_actions (GtkApplication *application)
{
  static const GActionEntry entries[] = {
    { "import-file", import_file_activated },
    { "paste-as-new", paste_as_new_activated },
  };

  g_return_if_fail (GTK_IS_APPLICATION (application));
  g_action_map_add_action_entries (G_ACTION_MAP (application), entries, G_N_ELEMENTS (entries),
                                   application);
}
