/* thidua-window.c — the main window. */
#include "config.h"
#include "thidua-window.h"
#include "thidua-plan-item.h"
#include "thidua-template-item.h"

#include <glib/gi18n.h>

struct _ThiduaWindow
{
  GtkApplicationWindow  parent_instance;

  /* template children */
  GtkHeaderBar         *header_bar;
  GtkMenuButton        *new_button;
  GtkListView          *new_templates_view;
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkButton            *banner_button;
  GtkPaned             *sidebar_paned;
  GtkSearchEntry       *search_entry;
  GtkStack             *plans_stack;
  GtkListView          *plans_view;
  GtkLabel             *plans_empty_label;
  GtkStack             *main_stack;
  GtkListView          *welcome_templates_view;

  ThiduaStore          *store;
  GListStore           *plans;
  GListStore           *templates;
  GtkSingleSelection   *plans_selection;
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (ThiduaWindow, thidua_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
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

void
thidua_window_show_banner (ThiduaWindow *self,
                           const char   *message,
                           gboolean      is_error)
{
  g_return_if_fail (THIDUA_IS_WINDOW (self));

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

static void
report_error (ThiduaWindow *self,
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
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->plans));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ThiduaPlanItem) item = g_list_model_get_item (G_LIST_MODEL (self->plans), i);

      if (thidua_plan_item_get_id (item) == id)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
thidua_window_select_plan (ThiduaWindow *self,
                           gint64        id)
{
  guint position;

  g_return_val_if_fail (THIDUA_IS_WINDOW (self), FALSE);

  if (!find_plan (self, id, &position))
    return FALSE;
  gtk_single_selection_set_selected (self->plans_selection, position);
  return TRUE;
}

void
thidua_window_reload_plans (ThiduaWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const char *search;
  gint64 selected;

  g_return_if_fail (THIDUA_IS_WINDOW (self));

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  summaries = thidua_store_list_plans (self->store, *search ? search : NULL, &error);
  if (summaries == NULL)
    {
      report_error (self, _("Could not read the plans"), error);
      return;
    }

  selected = thidua_window_get_selected_plan (self);
  items = g_ptr_array_new_full (summaries->len, g_object_unref);
  for (guint i = 0; i < summaries->len; i++)
    g_ptr_array_add (items, thidua_plan_item_new (g_ptr_array_index (summaries, i)));

  /* One splice: the list view rebuilds once, not per row. */
  g_list_store_splice (self->plans, 0, g_list_model_get_n_items (G_LIST_MODEL (self->plans)),
                       items->pdata, items->len);

  if (items->len > 0)
    gtk_stack_set_visible_child_name (self->plans_stack, "list");
  else
    {
      gtk_label_set_label (self->plans_empty_label,
                           *search ? _("No plans match the search") : _("No plans yet"));
      gtk_stack_set_visible_child_name (self->plans_stack, "empty");
    }

  if (selected == 0 || !thidua_window_select_plan (self, selected))
    gtk_single_selection_set_selected (self->plans_selection, GTK_INVALID_LIST_POSITION);
}

static void
load_templates (ThiduaWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = thidua_store_list_templates (self->store, &error);

  g_list_store_remove_all (self->templates);
  if (infos == NULL)
    {
      report_error (self, _("Could not read the templates"), error);
      return;
    }
  for (guint i = 0; i < infos->len; i++)
    {
      g_autoptr(ThiduaTemplateItem) item = thidua_template_item_new (g_ptr_array_index (infos, i));
      g_list_store_append (self->templates, item);
    }
}

static void
update_selection_state (ThiduaWindow *self)
{
  gboolean has_plan = thidua_window_get_selected_plan (self) != 0;
  gboolean writable = !thidua_store_is_read_only (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate", has_plan && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete", has_plan && writable);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
}

static void
selection_changed_cb (ThiduaWindow *self)
{
  update_selection_state (self);
}

static void
search_changed_cb (ThiduaWindow *self)
{
  thidua_window_reload_plans (self);
}

static void
template_activated_cb (GtkListView *view,
                       guint        position,
                       gpointer     user_data)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));
  g_autoptr(ThiduaTemplateItem) item = g_list_model_get_item (model, position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (view), "win.new-plan", "s",
                                thidua_template_item_get_name (item));
}

static void
new_plan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ThiduaWindow *self = THIDUA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *name = g_variant_get_string (param, NULL);
  gint64 id;

  gtk_menu_button_popdown (self->new_button);

  id = thidua_store_new_plan (self->store, *name ? name : NULL, &error);
  if (id == 0)
    {
      report_error (self, _("Could not create the plan"), error);
      return;
    }

  /* A search that hides the new plan would look like nothing happened. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  thidua_window_reload_plans (self);
  thidua_window_select_plan (self, id);
}

static void
new_menu_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ThiduaWindow *self = THIDUA_WINDOW (widget);

  if (gtk_widget_is_sensitive (GTK_WIDGET (self->new_button)))
    gtk_menu_button_popup (self->new_button);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThiduaWindow *self = THIDUA_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ThiduaWindow *self = THIDUA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = thidua_window_get_selected_plan (self);
  gint64 copy;

  if (id == 0)
    return;
  copy = thidua_store_duplicate_plan (self->store, id, &error);
  if (copy == 0)
    {
      report_error (self, _("Could not duplicate the plan"), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  thidua_window_reload_plans (self);
  thidua_window_select_plan (self, copy);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThiduaWindow *self = THIDUA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = thidua_window_get_selected_plan (self);

  if (id == 0)
    return;
  if (!thidua_store_delete_plan (self->store, id, &error))
    {
      report_error (self, _("Could not delete the plan"), error);
      return;
    }
  thidua_window_reload_plans (self);
}

static void
chooser_response (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(ThiduaApplication) app = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        thidua_application_open_database (app, path);
    }
  g_object_unref (native);
}

static void
choose_database (ThiduaWindow         *self,
                 GtkFileChooserAction  action)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  gboolean save = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  native = gtk_file_chooser_native_new (save ? _("New Database") : _("Open Database"),
                                        GTK_WINDOW (self), action,
                                        save ? _("_Create") : _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (save)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), "thidua.db");
  gtk_file_filter_set_name (filter, _("Thi Đua databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  g_signal_connect (native, "response", G_CALLBACK (chooser_response),
                    g_object_ref (gtk_window_get_application (GTK_WINDOW (self))));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_database_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  choose_database (THIDUA_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
new_database_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  choose_database (THIDUA_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
language_changed_cb (ThiduaWindow *self)
{
  thidua_window_show_banner (self, _("The interface language will change at the next start."),
                             FALSE);
}

static void
set_store (ThiduaWindow *self,
           ThiduaStore  *store)
{
  g_autofree char *basename = NULL;

  g_return_if_fail (self->store == NULL);
  self->store = g_object_ref (store);

  basename = g_path_get_basename (thidua_store_get_path (store));
  gtk_label_set_label (self->subtitle_label, basename);
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
  thidua_window_reload_plans (self);
  update_selection_state (self);
}

static void
thidua_window_constructed (GObject *object)
{
  ThiduaWindow *self = THIDUA_WINDOW (object);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  G_OBJECT_CLASS (thidua_window_parent_class)->constructed (object);

  if (THIDUA_IS_APPLICATION (app))
    {
      self->settings = g_object_ref (thidua_application_get_settings (THIDUA_APPLICATION (app)));
      g_settings_bind (self->settings, "sidebar-position", self->sidebar_paned, "position",
                       G_SETTINGS_BIND_DEFAULT);
      g_signal_connect_object (self->settings, "changed::language",
                               G_CALLBACK (language_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
}

static gboolean
thidua_window_close_request (GtkWindow *window)
{
  ThiduaWindow *self = THIDUA_WINDOW (window);

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

  g_clear_object (&self->plans_selection);
  g_clear_object (&self->plans);
  g_clear_object (&self->templates);
  g_clear_object (&self->store);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The list item factories look these types up by name. */
  g_type_ensure (THIDUA_TYPE_PLAN_ITEM);
  g_type_ensure (THIDUA_TYPE_TEMPLATE_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, new_templates_view);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, sidebar_paned);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, plans_stack);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, plans_view);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, plans_empty_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ThiduaWindow, welcome_templates_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, template_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.new-plan", "s", new_plan_action);
  gtk_widget_class_install_action (widget_class, "win.new-menu", NULL, new_menu_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, open_database_action);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, new_database_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
}

static void
thidua_window_init (ThiduaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->plans = g_list_store_new (THIDUA_TYPE_PLAN_ITEM);
  self->templates = g_list_store_new (THIDUA_TYPE_TEMPLATE_ITEM);

  self->plans_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->plans)));
  gtk_single_selection_set_autoselect (self->plans_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->plans_selection, TRUE);
  g_signal_connect_object (self->plans_selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->plans_view, GTK_SELECTION_MODEL (self->plans_selection));

  {
    g_autoptr(GtkNoSelection) a = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->templates)));
    g_autoptr(GtkNoSelection) b = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->templates)));

    gtk_list_view_set_model (self->new_templates_view, GTK_SELECTION_MODEL (a));
    gtk_list_view_set_model (self->welcome_templates_view, GTK_SELECTION_MODEL (b));
  }
}

ThiduaWindow *
thidua_window_new (ThiduaApplication *application,
                   ThiduaStore       *store)
{
  return g_object_new (THIDUA_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}
