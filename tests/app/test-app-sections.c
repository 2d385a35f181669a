/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-app-sections.c — what every part of the plan form shares through
 * its base, ThiduaPlanSection: the document, filled without a step of the
 * history; each plain text field written back as one step with
 * "changed::FIELD", and shown again by undo; "editable" (an issued plan,
 * a read-only file) reaching every control; the sections released with
 * the form, and the document with them. */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "thidua-catalog.h"
#include "thidua-plan-editor.h"
#include "thidua-plan-section.h"
#include "thidua-test-util.h"

static const char * const section_names[] = {
  "header", "number", "subject", "body", "targets", "recipients", "signer",
};

/* The plain text fields and where the plan keeps them. */
static const struct {
  const char  *field;
  const char *(*get) (ThiduaPlan *plan);
  void        (*set) (ThiduaPlan *plan, const char *text);
} text_fields[] = {
  { "superior_body", thidua_plan_get_superior_body, thidua_plan_set_superior_body },
  { "issuing_body", thidua_plan_get_issuing_body, thidua_plan_set_issuing_body },
  { "number", thidua_plan_get_number, thidua_plan_set_number },
  { "symbol", thidua_plan_get_symbol, thidua_plan_set_symbol },
  { "place", thidua_plan_get_place, thidua_plan_set_place },
  { "type_name", thidua_plan_get_type_name, thidua_plan_set_type_name },
  { "signer.on_behalf_of", thidua_plan_get_signer_on_behalf_of, thidua_plan_set_signer_on_behalf_of },
  { "signer.position", thidua_plan_get_signer_position, thidua_plan_set_signer_position },
  { "signer.name", thidua_plan_get_signer_name, thidua_plan_set_signer_name },
};

typedef struct {
  char             *dir;
  ThiduaStore      *store;
  ThiduaRegister   *reg;
  ThiduaDocument   *document;
  GtkWindow        *window;
  ThiduaPlanEditor *editor;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaCatalog) catalog = thidua_catalog_new_default (&error);
  g_autoptr(ThiduaPlan) plan = thidua_plan_new ();
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  f->dir = thidua_test_make_tmpdir ();
  path = g_build_filename (f->dir, "thidua.db", NULL);
  f->store = thidua_store_open (path, THIDUA_STORE_OPEN_NO_SEED, &error);
  g_assert_no_error (error);
  f->reg = thidua_register_new (f->store, catalog);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    text_fields[i].set (plan, text_fields[i].field);   /* each shows its own name */
  thidua_plan_set_subject (plan, "Phát động phong trào thi đua");
  g_assert_cmpint (thidua_store_insert_plan (f->store, plan, &error), >, 0);
  f->document = thidua_document_new (f->store, f->reg, plan);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1024, 600);
  f->editor = THIDUA_PLAN_EDITOR (thidua_plan_editor_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  thidua_plan_editor_set_document (f->editor, f->document);
  gtk_window_present (f->window);
  thidua_test_wait_mapped (GTK_WIDGET (f->editor));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  g_clear_object (&f->document);
  g_clear_object (&f->reg);
  g_clear_object (&f->store);
  thidua_test_remove_dir (f->dir);
  g_free (f->dir);
}

static ThiduaPlanSection *
get_section (Fixture    *f,
             const char *name)
{
  GtkWidget *section = thidua_plan_editor_get_section (f->editor, name);

  g_assert_true (THIDUA_IS_PLAN_SECTION (section));
  return THIDUA_PLAN_SECTION (section);
}

/* Every part of the form is a section of the one document; showing the
 * plan is not an edit. */
static void
test_document (Fixture       *f,
               gconstpointer  data)
{
  ThiduaHistory *history = thidua_document_get_history (f->document);

  g_assert_true (G_TYPE_IS_ABSTRACT (THIDUA_TYPE_PLAN_SECTION));
  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    {
      ThiduaPlanSection *section = get_section (f, section_names[i]);
      g_autoptr(ThiduaDocument) document = NULL;

      g_object_get (section, "document", &document, NULL);
      g_assert_true (document == f->document);
      g_assert_true (thidua_plan_section_get_plan (section) == thidua_document_get_plan (f->document));
      g_assert_true (thidua_plan_section_get_editable (section));
    }
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      GtkWidget *entry = thidua_plan_editor_get_field_widget (f->editor, text_fields[i].field);

      g_assert_true (GTK_IS_ENTRY (entry));
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, text_fields[i].field);
    }
  g_assert_false (thidua_history_can_undo (history));
}

static void
count_changed (ThiduaPlanSection *section,
               gint64             time,
               guint             *count)
{
  g_assert_cmpint (time, >, 0);
  (*count)++;
}

/* A text field typed in: the plan follows at once, one step of the
 * history and "changed::FIELD" for it; undo shows the field as it was. */
static void
test_text_fields (Fixture       *f,
                  gconstpointer  data)
{
  ThiduaPlan *plan = thidua_document_get_plan (f->document);
  ThiduaHistory *history = thidua_document_get_history (f->document);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      const char *field = text_fields[i].field;
      GtkWidget *entry = thidua_plan_editor_get_field_widget (f->editor, field);
      ThiduaPlanSection *section =
        THIDUA_PLAN_SECTION (gtk_widget_get_ancestor (entry, THIDUA_TYPE_PLAN_SECTION));
      g_autofree char *signal = g_strdup_printf ("changed::%s", field);
      g_autofree char *typed = g_strdup_printf ("%s mới", field);
      guint count = 0;
      gulong id;

      id = g_signal_connect (section, signal, G_CALLBACK (count_changed), &count);
      gtk_editable_set_text (GTK_EDITABLE (entry), typed);
      g_signal_handler_disconnect (section, id);

      /* set_text is a deletion and an insertion: one step, merged */
      g_assert_cmpuint (count, >=, 1);
      g_assert_cmpstr (text_fields[i].get (plan), ==, typed);
      g_assert_true (thidua_history_can_undo (history));
      g_assert_true (thidua_document_undo (f->document));
      g_assert_cmpstr (text_fields[i].get (plan), ==, field);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, field);
      g_assert_true (thidua_document_redo (f->document));
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, typed);
    }
}

/* Activates the action and says whether it changed the recipients. */
static gboolean
adds_recipient (Fixture *f)
{
  ThiduaPlan *plan = thidua_document_get_plan (f->document);
  const char * const *lines = thidua_plan_get_recipients (plan);
  guint before = lines ? g_strv_length ((GStrv) lines) : 0;

  gtk_widget_activate_action (GTK_WIDGET (get_section (f, "recipients")), "recipients.add", NULL);
  lines = thidua_plan_get_recipients (plan);
  return (lines ? g_strv_length ((GStrv) lines) : 0) != before;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* A plan that cannot change (issued, or a read-only file) reaches every
 * control of every section, and comes back. */
static void
test_editable (Fixture       *f,
               gconstpointer  data)
{
  static const char * const widgets[] = { "profile", "signer.authority", "date" };
  guint notified = 0;

  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    g_signal_connect (get_section (f, section_names[i]), "notify::editable",
                      G_CALLBACK (count_notify), &notified);

  thidua_plan_editor_set_editable (f->editor, FALSE);
  thidua_plan_editor_set_editable (f->editor, FALSE);   /* no change, no notify */
  g_assert_cmpuint (notified, ==, G_N_ELEMENTS (section_names));
  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    g_assert_false (thidua_plan_section_get_editable (get_section (f, section_names[i])));
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (thidua_plan_editor_get_field_widget (f->editor, text_fields[i].field))));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (thidua_plan_editor_get_field_widget (f->editor, "subject"))));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (thidua_plan_editor_get_field_widget (f->editor, "body"))));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (thidua_plan_editor_get_field_widget (f->editor, "date"))));
  for (guint i = 0; i < 2; i++)
    g_assert_false (gtk_widget_get_sensitive (thidua_plan_editor_get_field_widget (f->editor, widgets[i])));
  g_assert_false (adds_recipient (f));
  g_assert_false (thidua_history_can_undo (thidua_document_get_history (f->document)));

  thidua_plan_editor_set_editable (f->editor, TRUE);
  g_assert_cmpuint (notified, ==, 2 * G_N_ELEMENTS (section_names));
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (thidua_plan_editor_get_field_widget (f->editor, text_fields[i].field))));
  for (guint i = 0; i < 2; i++)
    g_assert_true (gtk_widget_get_sensitive (thidua_plan_editor_get_field_widget (f->editor, widgets[i])));
  g_assert_true (adds_recipient (f));
  /* the line added is a step */
  g_assert_true (thidua_history_can_undo (thidua_document_get_history (f->document)));
}

static const char *
dropdown_text (GtkWidget *dropdown)
{
  GObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));

  return gtk_string_object_get_string (GTK_STRING_OBJECT (item));
}

/* Choices that are not text (the profile, the authority) are steps too,
 * and undo shows them as they were, with the profile's own list. */
static void
test_restore_choices (Fixture       *f,
                      gconstpointer  data)
{
  ThiduaPlan *plan = thidua_document_get_plan (f->document);
  GtkWidget *profile = thidua_plan_editor_get_field_widget (f->editor, "profile");
  GtkWidget *authority = thidua_plan_editor_get_field_widget (f->editor, "signer.authority");

  g_assert_cmpint (thidua_plan_get_profile (plan), ==, THIDUA_PROFILE_STATE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (authority), 2);
  g_assert_cmpstr (thidua_plan_get_signer_authority (plan), ==, "KT.");

  gtk_drop_down_set_selected (GTK_DROP_DOWN (profile), THIDUA_PROFILE_PARTY);
  g_assert_cmpint (thidua_plan_get_profile (plan), ==, THIDUA_PROFILE_PARTY);
  /* the Party's list, the state's prefix kept at its end */
  g_assert_cmpstr (dropdown_text (authority), ==, "KT.");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (authority))), 1), ==, "T/M");

  g_assert_true (thidua_document_undo (f->document));
  g_assert_cmpint (thidua_plan_get_profile (plan), ==, THIDUA_PROFILE_STATE);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (profile)), ==, THIDUA_PROFILE_STATE);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (authority))), 1), ==, "TM.");

  g_assert_true (thidua_document_undo (f->document));
  g_assert_cmpstr (thidua_plan_get_signer_authority (plan), ==, "");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (authority)), ==, 0);
  g_assert_false (thidua_history_can_undo (thidua_document_get_history (f->document)));

  g_assert_true (thidua_document_redo (f->document));
  g_assert_cmpstr (dropdown_text (authority), ==, "KT.");
}

/* Another plan: the sections show it, the old one is not written, and
 * neither is a step made. */
static void
test_switch_document (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlan) other = thidua_plan_new ();
  g_autoptr(ThiduaDocument) document = NULL;
  ThiduaPlan *first = thidua_document_get_plan (f->document);

  thidua_plan_set_number (other, "215");
  g_assert_cmpint (thidua_store_insert_plan (f->store, other, &error), >, 0);
  document = thidua_document_new (f->store, f->reg, other);
  thidua_plan_editor_set_document (f->editor, document);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (thidua_plan_editor_get_field_widget (f->editor, "number"))), ==, "215");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (thidua_plan_editor_get_field_widget (f->editor, "signer.name"))), ==, "");
  g_assert_cmpstr (thidua_plan_get_number (first), ==, "number");
  g_assert_false (thidua_history_can_undo (thidua_document_get_history (document)));
  g_assert_false (thidua_history_can_undo (thidua_document_get_history (f->document)));

  /* nothing shown: empty fields, and typing is not an edit */
  thidua_plan_editor_set_document (f->editor, NULL);
  g_assert_null (thidua_plan_section_get_document (get_section (f, "number")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (thidua_plan_editor_get_field_widget (f->editor, "number"))), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (thidua_plan_editor_get_field_widget (f->editor, "number")), "9");
  g_assert_cmpstr (thidua_plan_get_number (other), ==, "215");
}

/* The sections go with the form, and let the document go. */
static void
test_dispose (Fixture       *f,
              gconstpointer  data)
{
  GWeakRef sections[G_N_ELEMENTS (section_names)];
  GWeakRef document;

  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    g_weak_ref_init (&sections[i], get_section (f, section_names[i]));
  g_weak_ref_init (&document, f->document);

  gtk_window_destroy (f->window);
  f->window = NULL;
  g_clear_object (&f->document);
  thidua_test_spin (50);

  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    {
      GObject *section = g_weak_ref_get (&sections[i]);

      if (section != NULL)
        g_error ("the %s section outlived its form", section_names[i]);
      g_weak_ref_clear (&sections[i]);
    }
  {
    /* the document may still have its autosave pending: flushed by its
     * own finalize, never by a section */
    GObject *doc = g_weak_ref_get (&document);

    if (doc != NULL)
      g_error ("a section kept the document");
    g_weak_ref_clear (&document);
  }
}

int
main (int   argc,
      char *argv[])
{
  /* not unreffed, as the other GUI tests: finalize would wait for the
   * connection.  Without a bus of its own GTK asks the session's, and
   * GLib keeps the address it looked up across the isolated dirs. */
  GTestDBus *bus = thidua_test_private_bus_up ();

  (void) bus;
  g_setenv ("GTK_A11Y", "none", TRUE);
  thidua_test_init_gui (&argc, &argv);

  g_test_add ("/sections/document", Fixture, NULL, setup, test_document, teardown);
  g_test_add ("/sections/text-fields", Fixture, NULL, setup, test_text_fields, teardown);
  g_test_add ("/sections/editable", Fixture, NULL, setup, test_editable, teardown);
  g_test_add ("/sections/restore-choices", Fixture, NULL, setup, test_restore_choices, teardown);
  g_test_add ("/sections/switch-document", Fixture, NULL, setup, test_switch_document, teardown);
  g_test_add ("/sections/dispose", Fixture, NULL, setup, test_dispose, teardown);
  return g_test_run ();
}
