/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-app-typing.c — from a keystroke in the body of a 10-page plan to
 * the preview redrawn, measured inside the real window.
 *
 * One character at a time is inserted into the body (as typing does,
 * through the buffer's interactive insert at the cursor), 1,000 in a row
 * in the first paragraph; for each, the time from the insert to the
 * preview's re-layout ("updated") and to the end of the first frame
 * painted after it is reported.
 * Every 100 keys the typist pauses (PAUSE_MS, longer than the document's
 * autosave delay), so the autosave and what follows it (the plans list
 * hearing of the save) run as in an office; the longest main-loop stall
 * in those pauses is reported apart.  Optional argument: a database to
 * start from (copied; bench/app-startup.sh hands the one of 2,000 plans).
 * Needs a display (xvfb-run). */
#include "config.h"

#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#ifdef G_OS_UNIX
#include <time.h>
#endif

#include "thidua-application.h"
#include "thidua-body-view.h"
#include "thidua-window.h"

#define N_KEYS 1000
#define PAUSE_EVERY 100
#define PAUSE_MS 700
#define SETTLE_MS 800

typedef struct {
  ThiduaWindow  *window;
  GtkTextBuffer *buffer;
  GArray        *latencies;   /* double ms */
  gint64         pending;     /* insert time awaiting its frame */
  gboolean       laid_out;    /* the preview re-laid the pending key */
  GArray        *layout_ms;
  GArray        *frame_ms;    /* frame clock layout+paint phases */
  gint64         frame_start;
  guint          n_painted;   /* frames painted so far */
  guint          key_frame;   /* n_painted when the pending key was typed */
  guint          missed;      /* keys not on screen in the first frame after them */
  GArray        *work_ms;     /* re-layout + that frame's layout and paint */
  double         pending_layout;
  gboolean       scheduled;
  gint64         last_probe;  /* main-loop stall probe */
  gint64         max_stall;
  gint64         last_cpu;    /* the thread's CPU time at last_probe */
  gint64         max_stall_cpu; /* CPU time spent by the main thread in the longest-CPU stall */
  gboolean       trace_stalls;  /* THIDUA_BENCH_STALLS=1: each stall's window on stderr */
  gboolean       pausing;       /* between a pause's start and the next key */
  gint64         max_pause_stall;
  gint64         max_pause_stall_cpu;
  guint          saves;         /* autosaves that completed */
  guint          stalls_over_16;
  GRand         *rand;
  guint          typed;
  gboolean       done;
} Bench;

/* CPU time of the main thread, µs: a stall whose wall time is much longer
 * than this was the machine's load, not the app's work.  -1 where not known. */
static gint64
thread_cpu_time (void)
{
#if defined(G_OS_UNIX) && defined(CLOCK_THREAD_CPUTIME_ID)
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
    return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
#endif
  return -1;
}

/* Runs every millisecond at high priority when the loop is free: the gap
 * between two runs is how long the main loop was busy (a stall). */
static gboolean
probe (gpointer data)
{
  Bench *b = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();

  if (b->last_probe != 0 && !b->done)
    {
      gint64 gap = now - b->last_probe;

      b->max_stall = MAX (b->max_stall, gap);
      if (cpu >= 0 && b->last_cpu >= 0)
        b->max_stall_cpu = MAX (b->max_stall_cpu, cpu - b->last_cpu);
      if (b->pausing)
        {
          b->max_pause_stall = MAX (b->max_pause_stall, gap);
          if (cpu >= 0 && b->last_cpu >= 0)
            b->max_pause_stall_cpu = MAX (b->max_pause_stall_cpu, cpu - b->last_cpu);
        }
      if (gap > 16000)
        b->stalls_over_16++;
      if (gap > 16000 || (cpu >= 0 && cpu - b->last_cpu > 8000))
        {
          /* monotonic µs, the clock `perf record -k CLOCK_MONOTONIC` stamps
           * its samples with: the stall's samples can be picked out */
          if (b->trace_stalls)
            g_printerr ("stall %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " wall %.2f ms cpu %.2f ms key %u\n",
                        b->last_probe, now, gap / 1000.0, (cpu - b->last_cpu) / 1000.0, b->typed);
        }
    }
  b->last_probe = now;
  b->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
preview_updated (ThiduaPreview *preview, Bench *b)
{
  double ms;

  if (b->pending == 0 || b->laid_out)
    return;
  ms = (g_get_monotonic_time () - b->pending) / 1000.0;
  g_array_append_val (b->layout_ms, ms);
  if (b->trace_stalls && ms > 12)
    g_printerr ("slow re-layout key %u: %.2f ms, %u pages\n", b->typed, ms,
                thidua_preview_get_n_pages (preview));
  b->pending_layout = ms;
  b->laid_out = TRUE;
}

static void
frame_layout (GdkFrameClock *clock, Bench *b)
{
  b->frame_start = g_get_monotonic_time ();
}

/* The first frame painted after the preview took the key in. */
static void
after_paint (GdkFrameClock *clock, Bench *b)
{
  double ms, work;

  b->n_painted++;
  if (b->pending == 0 || !b->laid_out)
    return;
  b->laid_out = FALSE;
  ms = (g_get_monotonic_time () - b->frame_start) / 1000.0;
  g_array_append_val (b->frame_ms, ms);
  work = b->pending_layout + ms;
  g_array_append_val (b->work_ms, work);
  /* GTK paints at most once per refresh (16.7 ms at 60 Hz), so a key
   * typed just after a frame waits for the next one whatever the app
   * does: what the app controls is whether its change is in that frame. */
  if (b->n_painted - b->key_frame > 1)
    b->missed++;
  ms = (g_get_monotonic_time () - b->pending) / 1000.0;
  g_array_append_val (b->latencies, ms);
  b->pending = 0;
}

/* Keys arrive from the main loop like input events, not from inside a
 * frame, at a moment unrelated to the display's refresh: each key comes
 * 0–16 ms (random, fixed seed) after the previous one was painted. */
static gboolean type_key (gpointer data);

static gboolean
schedule_key (gpointer data)
{
  Bench *b = data;

  if (b->done)
    return G_SOURCE_REMOVE;
  if (b->pending == 0 && !b->scheduled)
    {
      guint delay = g_rand_int_range (b->rand, 0, 17);

      b->scheduled = TRUE;
      if (b->typed > 0 && b->typed % PAUSE_EVERY == 0 && b->typed < N_KEYS)
        {
          delay = PAUSE_MS;
          b->pausing = TRUE;
        }
      g_timeout_add (delay, type_key, b);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
type_key (gpointer data)
{
  Bench *b = data;
  static const char keys[] = "thi đua yêu nước ";
  g_autofree gunichar *chars = g_utf8_to_ucs4 (keys, -1, NULL, NULL, NULL);
  char buf[8] = { 0 };

  b->scheduled = FALSE;
  b->pausing = FALSE;
  if (b->typed == N_KEYS)
    {
      b->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  g_unichar_to_utf8 (chars[b->typed % g_utf8_strlen (keys, -1)], buf);
  b->pending = g_get_monotonic_time ();
  b->key_frame = b->n_painted;
  gtk_text_buffer_insert_interactive_at_cursor (b->buffer, buf, -1, TRUE);
  b->typed++;
  return G_SOURCE_REMOVE;
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

static void
document_state (ThiduaDocument *doc,
                GParamSpec     *pspec,
                Bench          *b)
{
  if (thidua_document_get_state (doc) == THIDUA_SAVE_STATE_SAVED)
    b->saves++;
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("thidua-bench-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "thidua.db", NULL);
  g_autoptr(ThiduaApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *body;
  GtkTextIter iter;
  ThiduaPreview *preview;
  Bench b = { 0 };
  double sum = 0;
  guint reused = 0, created = 0;

  /* no session bus needed, none autolaunched */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/thidua-bench", TRUE);
  gtk_init ();

  if (argc > 1)
    {
      g_autoptr(GFile) from = g_file_new_for_path (argv[1]);
      g_autoptr(GFile) to = g_file_new_for_path (db);

      if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
    }

  app = thidua_application_new (db);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  g_application_activate (G_APPLICATION (app));
  b.window = THIDUA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (b.window), 1366, 768);
  gtk_widget_activate_action (GTK_WIDGET (b.window), "win.new-plan", "s", "education-office");

  preview = thidua_window_get_preview (b.window);
  body = thidua_plan_editor_get_field_widget (thidua_window_get_editor (b.window), "body");
  b.buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (body));

  /* Grow the plan to 10 pages with the template's own text. */
  {
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (b.buffer, &start, &end);
    text = gtk_text_buffer_get_text (b.buffer, &start, &end, FALSE);
    while (thidua_preview_get_n_pages (preview) < 10)
      {
        gtk_text_buffer_get_end_iter (b.buffer, &end);
        gtk_text_buffer_insert (b.buffer, &end, "\n", -1);
        gtk_text_buffer_insert (b.buffer, &end, text, -1);
        thidua_preview_flush (preview);
      }
  }
  g_print ("plan of %u pages, body %d characters, %u plans in the list\n",
           thidua_preview_get_n_pages (preview), gtk_text_buffer_get_char_count (b.buffer),
           g_list_model_get_n_items (thidua_window_get_plans (b.window)));

  /* type into the first paragraph, shown on page 1 of the preview */
  gtk_text_buffer_get_iter_at_line_offset (b.buffer, &iter, 0, 20);
  gtk_text_buffer_place_cursor (b.buffer, &iter);
  gtk_widget_grab_focus (body);

  while (!gtk_widget_get_mapped (GTK_WIDGET (b.window)))
    g_main_context_iteration (NULL, TRUE);
  /* The window finishes opening before the first key: its first frames
   * (the whole window painted, 10–20 ms of CPU each) and the body's
   * outline (built 300 ms after the plan is shown) are the cost of
   * opening the plan, measured by bench-app-startup, not of typing.  A
   * warm-up of 30 non-blocking iterations left them inside the typing
   * (THIDUA_BENCH_STALLS=1: keys 0–6 had the only stalls of over 10 ms
   * of CPU, every run). */
  {
    gboolean settled = FALSE;

    g_timeout_add_once (SETTLE_MS, (GSourceOnceFunc) set_true, &settled);
    while (!settled)
      g_main_context_iteration (NULL, TRUE);
  }

  b.latencies = g_array_new (FALSE, FALSE, sizeof (double));
  b.layout_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (preview, "updated", G_CALLBACK (preview_updated), &b);
  b.frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  b.work_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (b.window)), "layout",
                    G_CALLBACK (frame_layout), &b);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (b.window)), "after-paint",
                    G_CALLBACK (after_paint), &b);
  b.trace_stalls = g_strcmp0 (g_getenv ("THIDUA_BENCH_STALLS"), "1") == 0;
  g_signal_connect (thidua_window_get_document (b.window), "notify::state",
                    G_CALLBACK (document_state), &b);
  b.rand = g_rand_new_with_seed (4);
  g_timeout_add (1, schedule_key, &b);
  g_timeout_add_full (G_PRIORITY_HIGH, 1, probe, &b, NULL);
  while (!b.done || b.pending != 0)
    g_main_context_iteration (NULL, TRUE);

  thidua_layout_get_cache_stats (thidua_preview_get_layout (preview), &reused, &created);
  g_array_sort (b.latencies, cmp_double);
  g_array_sort (b.layout_ms, cmp_double);
  g_array_sort (b.frame_ms, cmp_double);
  g_array_sort (b.work_ms, cmp_double);
  g_print ("GTK layout and paint of that frame (whole window, cairo renderer): median %.2f ms, "
           "p95 %.2f ms, max %.2f ms\n",
           g_array_index (b.frame_ms, double, b.frame_ms->len / 2),
           g_array_index (b.frame_ms, double, (guint) (b.frame_ms->len * 0.95)),
           g_array_index (b.frame_ms, double, b.frame_ms->len - 1));
  g_print ("keystroke to preview re-laid out: median %.2f ms, p95 %.2f ms, max %.2f ms\n",
           g_array_index (b.layout_ms, double, b.layout_ms->len / 2),
           g_array_index (b.layout_ms, double, (guint) (b.layout_ms->len * 0.95)),
           g_array_index (b.layout_ms, double, b.layout_ms->len - 1));
  for (guint i = 0; i < b.latencies->len; i++)
    sum += g_array_index (b.latencies, double, i);
  g_print ("keystroke to preview redrawn (frame painted), %u keys in a 10-page plan: median %.2f ms, "
           "mean %.2f ms, p95 %.2f ms, max %.2f ms (last re-layout: %u layouts reused, %u created)\n",
           b.latencies->len,
           g_array_index (b.latencies, double, b.latencies->len / 2),
           sum / b.latencies->len,
           g_array_index (b.latencies, double, (guint) (b.latencies->len * 0.95)),
           g_array_index (b.latencies, double, b.latencies->len - 1),
           reused, created);
  {
    guint over = 0;
    for (guint i = 0; i < b.latencies->len; i++)
      if (g_array_index (b.latencies, double, i) > 16.0)
        over++;
    g_print ("keys redrawn later than 16 ms after the keystroke: %u of %u\n",
             over, b.latencies->len);
    g_print ("keystroke's own work (re-layout, then that frame's layout and paint): median %.2f ms, "
             "p95 %.2f ms, max %.2f ms; over 16 ms: ",
             g_array_index (b.work_ms, double, b.work_ms->len / 2),
             g_array_index (b.work_ms, double, (guint) (b.work_ms->len * 0.95)),
             g_array_index (b.work_ms, double, b.work_ms->len - 1));
    over = 0;
    for (guint i = 0; i < b.work_ms->len; i++)
      if (g_array_index (b.work_ms, double, i) > 16.0)
        over++;
    g_print ("%u of %u\n", over, b.work_ms->len);
    g_print ("keys not on screen in the first frame painted after them: %u of %u\n",
             b.missed, b.latencies->len);
    g_print ("main loop while typing (autosaves included): longest stall %.2f ms, "
             "stalls over 16 ms: %u; most CPU time of the main thread in one stall %.2f ms\n",
             b.max_stall / 1000.0, b.stalls_over_16, b.max_stall_cpu / 1000.0);
    g_print ("in the %u pauses (%u autosaves): longest stall %.2f ms, "
             "most CPU time of the main thread in one stall %.2f ms\n",
             N_KEYS / PAUSE_EVERY - 1, b.saves,
             b.max_pause_stall / 1000.0, b.max_pause_stall_cpu / 1000.0);
  }

  gtk_window_destroy (GTK_WINDOW (b.window));
  g_array_unref (b.latencies);
  g_array_unref (b.layout_ms);
  g_array_unref (b.frame_ms);
  g_array_unref (b.work_ms);
  g_unlink (db);
  return 0;
}
