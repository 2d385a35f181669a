/* SPDX-License-Identifier: GPL-3.0-or-later */
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

/* ---- one fixture for the app tests ---- */

typedef struct _ThiduaApplication ThiduaApplication;
typedef struct _ThiduaWindow ThiduaWindow;

typedef struct {
  char              *dir;       /* temporary, removed at tear-down */
  char              *db_path;   /* dir/thidua.db */
  GtkApplication    *app;
  GtkWindow         *window;
} ThiduaTestApp;

void        thidua_test_app_set_up        (ThiduaTestApp *f,
                                           gconstpointer  data);
void        thidua_test_app_tear_down     (ThiduaTestApp *f,
                                           gconstpointer  data);
/* Starts the app on f->db_path at width×height and waits for its window. */
GtkWindow  *thidua_test_app_start         (ThiduaTestApp *f,
                                           int            width,
                                           int            height);
/* Closes the windows and drops the app (the database stays). */
void        thidua_test_app_stop          (ThiduaTestApp *f);

/* g_test_init and gtk_init; without a display the whole program is
 * reported as skipped (TAP "1..0 # SKIP") and exits. */
void        thidua_test_init_gui          (int           *argc,
                                           char        ***argv);
/* Where screenshots for a person go: the build tree (THIDUA_TEST_ARTIFACTS),
 * never the source tree. */
char       *thidua_test_artifacts_dir     (void);
/* Saves what the window shows as artifacts/NAME (a PNG for a person). */
void        thidua_test_save_snapshot     (GtkWindow     *window,
                                           const char    *name);
/* Real keys through the X server: `xdotool key KEYS…`; waits for it. */
void        thidua_test_keys              (const char    *first,
                                           ...) G_GNUC_NULL_TERMINATED;
/* Puts the pointer over the window (without a window manager, X gives
 * the keyboard to the window under the pointer). */
void        thidua_test_point_at          (int            x,
                                           int            y);
/* A real click in the middle of the widget (the window is at the
 * screen's origin: Xvfb without a window manager). */
void        thidua_test_click         (GtkWidget     *widget);
/* Types text through the X server. */
void        thidua_test_type              (const char    *text);

G_END_DECLS
