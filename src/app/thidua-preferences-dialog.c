/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-preferences-dialog.c — the app's preferences. */
#include "config.h"
#include "thidua-preferences-dialog.h"
#include "thidua-office-dialog.h"

#include <glib/gi18n.h>

struct _ThiduaPreferencesDialog
{
  GtkWindow    parent_instance;

  GtkEntry    *user_name_entry;
  GtkLabel    *office_label;
  GtkDropDown *style_dropdown;
  GtkDropDown *language_dropdown;

  GSettings   *settings;
  ThiduaStore *store;
};

G_DEFINE_FINAL_TYPE (ThiduaPreferencesDialog, thidua_preferences_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* The enum settings by their nicks, in the order of the drop-downs. */
static const char *const style_nicks[] = { "system", "light", "dark", NULL };
static const char *const language_nicks[] = { "system", "vi", "en", NULL };

static gboolean
nick_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i]; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
selected_to_nick (const GValue       *value,
                  const GVariantType *type,
                  gpointer            user_data)
{
  const char *const *nicks = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[selected]);
}

static void
show_office (ThiduaPreferencesDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaOffice) office = thidua_store_get_office (self->store, &error);

  if (office == NULL)
    gtk_label_set_text (self->office_label, error ? error->message : "");
  else if (office->name[0] == '\0')
    gtk_label_set_text (self->office_label, _("Not set yet"));
  else
    gtk_label_set_text (self->office_label, office->name);
}

static void
office_saved (ThiduaOfficeDialog      *dialog,
              ThiduaPreferencesDialog *self)
{
  g_autoptr(ThiduaOffice) office = thidua_office_dialog_dup_office (dialog);
  g_autoptr(GError) error = NULL;

  /* the store emits changed::office, which updates the label */
  if (!thidua_store_set_office (self->store, office, &error))
    {
      thidua_office_dialog_set_message (dialog, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
office_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThiduaPreferencesDialog *self = THIDUA_PREFERENCES_DIALOG (widget);
  g_autoptr(ThiduaOffice) office = thidua_store_get_office (self->store, NULL);
  ThiduaOfficeDialog *dialog = thidua_office_dialog_new (GTK_WINDOW (self), office);

  g_signal_connect_object (dialog, "save", G_CALLBACK (office_saved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
thidua_preferences_dialog_constructed (GObject *object)
{
  ThiduaPreferencesDialog *self = THIDUA_PREFERENCES_DIALOG (object);

  G_OBJECT_CLASS (thidua_preferences_dialog_parent_class)->constructed (object);

  /* written as typed: the history takes the name at the next step */
  g_settings_bind (self->settings, "user-name", self->user_name_entry, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "style", self->style_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_selected, selected_to_nick,
                                (gpointer) style_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "language", self->language_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_selected, selected_to_nick,
                                (gpointer) language_nicks, NULL);
  g_signal_connect_object (self->store, "changed::office", G_CALLBACK (show_office), self,
                           G_CONNECT_SWAPPED);
  show_office (self);
}

static void
thidua_preferences_dialog_dispose (GObject *object)
{
  ThiduaPreferencesDialog *self = THIDUA_PREFERENCES_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_PREFERENCES_DIALOG);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (thidua_preferences_dialog_parent_class)->dispose (object);
}

static void
thidua_preferences_dialog_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  ThiduaPreferencesDialog *self = THIDUA_PREFERENCES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_preferences_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  ThiduaPreferencesDialog *self = THIDUA_PREFERENCES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_preferences_dialog_class_init (ThiduaPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = thidua_preferences_dialog_constructed;
  object_class->dispose = thidua_preferences_dialog_dispose;
  object_class->set_property = thidua_preferences_dialog_set_property;
  object_class->get_property = thidua_preferences_dialog_get_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, THIDUA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaPreferencesDialog, user_name_entry);
  gtk_widget_class_bind_template_child (widget_class, ThiduaPreferencesDialog, office_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaPreferencesDialog, style_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ThiduaPreferencesDialog, language_dropdown);
  gtk_widget_class_install_action (widget_class, "prefs.office", NULL, office_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
thidua_preferences_dialog_init (ThiduaPreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ThiduaPreferencesDialog *
thidua_preferences_dialog_new (GtkWindow   *parent,
                               GSettings   *settings,
                               ThiduaStore *store)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (THIDUA_IS_STORE (store), NULL);

  return g_object_new (THIDUA_TYPE_PREFERENCES_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "settings", settings,
                       "store", store,
                       NULL);
}
