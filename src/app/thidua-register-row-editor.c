/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-row-editor.c — edit one registration in place. */
#include "config.h"
#include "thidua-register-row-editor.h"

#include <glib/gi18n.h>

struct _ThiduaRegisterRowEditor
{
  GtkPopover          parent_instance;

  GtkLabel           *who_label;
  GtkDropDown        *title_dropdown;
  GtkEntry           *initiative_entry;
  GtkEntry           *note_entry;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *result_dropdown;
  GtkEntry           *decision_entry;

  ThiduaCatalog      *catalog;
  ThiduaRegistration *row;
};

enum { SIGNAL_APPLY, SIGNAL_DELETE, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ThiduaRegisterRowEditor, thidua_register_row_editor, GTK_TYPE_POPOVER)

static void
apply_clicked (ThiduaRegisterRowEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_APPLY], 0);
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
delete_clicked (ThiduaRegisterRowEditor *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SIGNAL_DELETE], 0);
}

/* Enter in any field applies, as in a form. */
static void
entry_activated (ThiduaRegisterRowEditor *self)
{
  apply_clicked (self);
}

void
thidua_register_row_editor_set_registration (ThiduaRegisterRowEditor *self, const ThiduaRegistration *r)
{
  g_autofree char *who = NULL;

  g_clear_pointer (&self->row, thidua_registration_free);
  self->row = thidua_registration_copy (r);
  who = r->person_id > 0 ? g_strdup_printf ("%s — %s", r->person_name, r->unit_name)
                         : g_strdup_printf (_("Collective %s"), r->unit_name);
  gtk_label_set_text (self->who_label, who);
  for (guint i = 0; i < thidua_catalog_get_n_titles (self->catalog); i++)
    if (g_strcmp0 (thidua_catalog_get_title (self->catalog, i)->id, r->title) == 0)
      gtk_drop_down_set_selected (self->title_dropdown, i);
  gtk_editable_set_text (GTK_EDITABLE (self->initiative_entry), r->initiative ? r->initiative : "");
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), r->note ? r->note : "");
  gtk_editable_set_text (GTK_EDITABLE (self->decision_entry), r->decision ? r->decision : "");
  gtk_drop_down_set_selected (self->status_dropdown, r->status);
  gtk_drop_down_set_selected (self->result_dropdown, r->result);
}

ThiduaRegistration *
thidua_register_row_editor_dup_edited (ThiduaRegisterRowEditor *self)
{
  ThiduaRegistration *r;
  guint title = gtk_drop_down_get_selected (self->title_dropdown);

  g_return_val_if_fail (self->row != NULL, NULL);
  r = thidua_registration_copy (self->row);
  if (title < thidua_catalog_get_n_titles (self->catalog))
    {
      g_free (r->title);
      r->title = g_strdup (thidua_catalog_get_title (self->catalog, title)->id);
    }
  g_free (r->initiative);
  r->initiative = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->initiative_entry)));
  g_free (r->note);
  r->note = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry)));
  g_free (r->decision);
  r->decision = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->decision_entry)));
  r->status = MIN (gtk_drop_down_get_selected (self->status_dropdown), THIDUA_REG_STATUS_WITHDRAWN);
  r->result = MIN (gtk_drop_down_get_selected (self->result_dropdown), THIDUA_REG_RESULT_NOT_ACHIEVED);
  return r;
}

GtkEditable *
thidua_register_row_editor_get_decision_entry (ThiduaRegisterRowEditor *self)
{
  return GTK_EDITABLE (self->decision_entry);
}

GtkDropDown *
thidua_register_row_editor_get_result_dropdown (ThiduaRegisterRowEditor *self)
{
  return self->result_dropdown;
}

static void
thidua_register_row_editor_dispose (GObject *object)
{
  ThiduaRegisterRowEditor *self = THIDUA_REGISTER_ROW_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_REGISTER_ROW_EDITOR);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->row, thidua_registration_free);
  G_OBJECT_CLASS (thidua_register_row_editor_parent_class)->dispose (object);
}

static void
thidua_register_row_editor_class_init (ThiduaRegisterRowEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_register_row_editor_dispose;
  /* the view reads the edit with _dup_edited () and writes it */
  signals[SIGNAL_APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_DELETE] = g_signal_new ("delete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-register-row-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ThiduaRegisterRowEditor, name)
  BIND (who_label);
  BIND (title_dropdown);
  BIND (initiative_entry);
  BIND (note_entry);
  BIND (status_dropdown);
  BIND (result_dropdown);
  BIND (decision_entry);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated);
}

static void
thidua_register_row_editor_init (ThiduaRegisterRowEditor *self)
{
  const char *statuses[] = { _("Registered"), _("Withdrawn"), NULL };
  const char *results[] = { _("Pending"), _("Achieved"), _("Not achieved"), NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (gtk_string_list_new (statuses)));
  gtk_drop_down_set_model (self->result_dropdown, G_LIST_MODEL (gtk_string_list_new (results)));
}

GtkWidget *
thidua_register_row_editor_new (ThiduaCatalog *catalog)
{
  ThiduaRegisterRowEditor *self = g_object_new (THIDUA_TYPE_REGISTER_ROW_EDITOR, NULL);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

  self->catalog = g_object_ref (catalog);
  for (guint i = 0; i < thidua_catalog_get_n_titles (catalog); i++)
    gtk_string_list_append (titles, thidua_catalog_get_title (catalog, i)->name);
  gtk_drop_down_set_model (self->title_dropdown, G_LIST_MODEL (titles));
  return GTK_WIDGET (self);
}
