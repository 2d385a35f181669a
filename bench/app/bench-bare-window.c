/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-bare-window.c — the yardstick for bench-app-startup: a bare
 * GtkApplication that opens one GtkApplicationWindow with a header bar at
 * the app's default size, prints the real time of its first painted frame
 * (as thidua does with THIDUA_BENCH=1) and quits.  Not a test. */
#include <gtk/gtk.h>

static void
after_paint (GdkFrameClock *clock,
             GtkWindow     *window)
{
  g_print ("THIDUA_BENCH first-frame-real %" G_GINT64_FORMAT "\n", g_get_real_time ());
  g_signal_handlers_disconnect_by_func (clock, after_paint, window);
  g_idle_add_once ((GSourceOnceFunc) g_application_quit, gtk_window_get_application (window));
}

static void
realized (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint), window);
}

static void
activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_titlebar (GTK_WINDOW (window), gtk_header_bar_new ());
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  g_signal_connect (window, "realize", G_CALLBACK (realized), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.thidua.BenchBare",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
