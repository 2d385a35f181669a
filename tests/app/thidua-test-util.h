/* thidua-test-util.h — helpers shared by the GUI tests in tests/app. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*ThiduaTestCondition) (gpointer data);

/* Runs the main loop until cond is TRUE or timeout_ms pass; returns cond. */
gboolean    thidua_test_wait_for          (ThiduaTestCondition cond,
                                           gpointer            data,
                                           guint               timeout_ms);
/* Runs the main loop until the widget is mapped (shown on screen). */
gboolean    thidua_test_wait_mapped       (GtkWidget *widget);
/* Lets pending idles and timeouts run for about ms milliseconds. */
void        thidua_test_spin              (guint ms);
/* The first mapped GtkLabel under root whose text is exactly `text`. */
GtkWidget  *thidua_test_find_label        (GtkWidget  *root,
                                           const char *text);
/* The first descendant of the given type whose widget name or buildable id
 * is `name` (NULL: any of the type). */
GtkWidget  *thidua_test_find_widget       (GtkWidget  *root,
                                           GType       type,
                                           const char *name);
/* A fresh temporary directory, removed with its files by the caller via
 * thidua_test_remove_dir. */
char       *thidua_test_make_tmpdir       (void);
void        thidua_test_remove_dir        (const char *path);

/* A private session bus for the test program (NULL when dbus-daemon is
 * not installed: then no bus at all, and nothing is autolaunched).  Keeps
 * DISPLAY, which g_test_dbus_up() unsets.  Child processes inherit the
 * bus.  Call before gtk_init(); stop with g_test_dbus_stop(). */
GTestDBus  *thidua_test_private_bus_up    (void);

G_END_DECLS
