/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-register-page.c — the register page by hand (issue 11), reported
 * not asserted: opening the page on 100,000 registrations to its first
 * paint, and bulk result entry ("Đạt", 25/QĐ-UBND) for 5,000 selected rows
 * through the page's action (write, undo record, rows refreshed).
 * The page is opened three times (a new window each time; the first also
 * pays for cold caches) and every time is printed, wall and CPU: the VM
 * is shared, CPU time says what the code costs.
 * Run under Xvfb: bench-register-page [N_OPEN] [N_BULK] */
#include "config.h"

#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <time.h>
#include "thidua-register-import.h"
#include "thidua-register-view.h"
#include "thidua-register-table.h"

static const char *families[] = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi" };
static const char *givens[] = { "An", "Bình", "Chi", "Dũng", "Hà", "Hùng", "Lan", "Minh", "Nam", "Thảo" };

static void
fill (ThiduaRegister *reg, const char *year, guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaTable) t = thidua_table_new ();
  g_autoptr(ThiduaRegisterImport) import = thidua_register_import_new (reg, year);
  const char *header[] = { "Họ và tên", "Đơn vị", "Danh hiệu", NULL };

  thidua_table_take_row (t, 1, g_strdupv ((char **) header));
  for (guint i = 0; i < n; i++)
    {
      char **cells = g_new0 (char *, 4);
      cells[0] = g_strdup_printf ("%s Văn %s %u", families[i % 8], givens[(i / 8) % 10], i);
      cells[1] = g_strdup_printf ("Khoa %u", i % 300);
      cells[2] = g_strdup ("LĐTT");
      thidua_table_take_row (t, i + 2, cells);
    }
  if (!thidua_register_import_prepare_table (import, "bench", t, &error)
      || thidua_register_import_commit (import, NULL, NULL, &error) <= 0)
    g_error ("fill: %s", error->message);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean painted;

static void
on_after_paint (GdkFrameClock *clock, gpointer data)
{
  painted = TRUE;
}

/* The model announced the rows of the step (at once, or at idle for undo
 * and redo): the frame to wait for is one painted after this. */
static gboolean refreshed;

static void
on_rows_refreshed (void)
{
  refreshed = TRUE;
  painted = FALSE;
}

/* Until the step's rows are announced and a frame with them is painted
 * (at most ms: a step that changes nothing on screen paints nothing). */
static gboolean
wait_refreshed_and_painted (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * (gint64) 1000;

  while (!(refreshed && painted) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return refreshed && painted;
}

int
main (int argc, char **argv)
{
  guint n_open = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  guint n_bulk = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 5000;
  g_autofree char *dir = g_dir_make_tmp ("thidua-bench-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(ThiduaCatalog) catalog = NULL;
  g_autoptr(ThiduaRegister) reg = NULL;
  GtkWidget *window = NULL, *view = NULL;
  gint64 t0, t1, tv;

  gtk_init ();
  store = thidua_store_open (db, THIDUA_STORE_OPEN_DEFAULT, &error);
  catalog = store ? thidua_catalog_new_default (&error) : NULL;
  if (catalog == NULL)
    g_error ("%s", error->message);
  reg = thidua_register_new (store, catalog);
  fill (reg, "2024", n_open);
  fill (reg, "2023", n_bulk);

  /* open on the latest year (2024, n_open rows) to the first painted frame */
  for (guint run = 0; run < 3; run++)
    {
      clock_t c0;

      if (run > 0)
        {
          gtk_window_destroy (GTK_WINDOW (window));
          drain ();
        }
      /* the previous window's teardown is not part of opening */
      c0 = clock ();
      painted = FALSE;
      t0 = g_get_monotonic_time ();
      window = gtk_window_new ();
      gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
      view = thidua_register_view_new (reg);
      tv = g_get_monotonic_time ();
      gtk_window_set_child (GTK_WINDOW (window), view);
      gtk_widget_realize (window);
      g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), NULL);
      gtk_window_present (GTK_WINDOW (window));
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      t1 = g_get_monotonic_time ();
      g_print ("open_page_%u_rows_first_paint_ms\t%.1f\tcpu\t%.1f\t(page made in %.1f ms)\n", n_open,
               (t1 - t0) / 1000.0, (clock () - c0) * 1000.0 / CLOCKS_PER_SEC, (tv - t0) / 1000.0);
      drain ();
    }

  {
    ThiduaRegisterModel *model = thidua_register_view_get_model (THIDUA_REGISTER_VIEW (view));

    g_signal_connect_swapped (model, "items-changed", G_CALLBACK (on_rows_refreshed), NULL);
    g_signal_connect_swapped (model, "items-updated", G_CALLBACK (on_rows_refreshed), NULL);
  }
  /* by given name, Vietnamese order, to the rows redrawn */
  {
    clock_t c0 = clock ();

    refreshed = painted = FALSE;
    t0 = g_get_monotonic_time ();
    thidua_register_view_set_sort (THIDUA_REGISTER_VIEW (view), THIDUA_REG_SORT_NAME);
    wait_refreshed_and_painted (5000);
    t1 = g_get_monotonic_time ();
    g_print ("sort_%u_rows_by_name_ms\t%.1f\tcpu\t%.1f\n", n_open, (t1 - t0) / 1000.0,
             (clock () - c0) * 1000.0 / CLOCKS_PER_SEC);
    thidua_register_view_set_sort (THIDUA_REGISTER_VIEW (view), THIDUA_REG_SORT_UNIT);
    drain ();
  }

  /* bulk result for every row of 2023 (n_bulk), selected; then undo, redo */
  if (!thidua_register_view_set_year (THIDUA_REGISTER_VIEW (view), "2023", &error))
    g_error ("%s", error->message);
  drain ();
  {
    struct { const char *name; const char *action; } steps[] = {
      { "bulk_result", "register.set-result" },
      { "bulk_result_undo", "register.undo" },
      { "bulk_result_redo", "register.redo" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        clock_t c0;

        gboolean seen;

        gtk_selection_model_select_all (gtk_column_view_get_model (thidua_register_view_get_column_view (THIDUA_REGISTER_VIEW (view))));
        /* the selection's own frame is painted before the step starts */
        painted = FALSE;
        refreshed = TRUE;
        wait_refreshed_and_painted (500);
        drain ();
        refreshed = painted = FALSE;
        c0 = clock ();
        t0 = g_get_monotonic_time ();
        if (i == 0)
          gtk_widget_activate_action (view, steps[i].action, "i", THIDUA_REG_RESULT_ACHIEVED);
        else
          gtk_widget_activate_action (view, steps[i].action, NULL);
        /* the rows are refreshed (undo: at idle) and a frame with them
         * painted */
        seen = wait_refreshed_and_painted (5000);
        t1 = g_get_monotonic_time ();
        g_print ("%s_%u_rows_ms\t%.1f\tcpu\t%.1f%s\n", steps[i].name, n_bulk, (t1 - t0) / 1000.0,
                 (clock () - c0) * 1000.0 / CLOCKS_PER_SEC, seen ? "" : "\t(no frame painted in 5 s)");
        drain ();
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_clear_object (&reg);
  g_clear_object (&store);
  g_unlink (db);
  g_rmdir (dir);
  return 0;
}
