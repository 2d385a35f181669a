/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-body-view.h — the plan body editor: plain text in the body
 * markup, with numbering and bullets continued on Enter, Ctrl+B / Ctrl+I
 * wrapping ** / *, and every insertion (typing, paste, decomposed input
 * methods) normalised to NFC. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define THIDUA_TYPE_BODY_VIEW (thidua_body_view_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaBodyView, thidua_body_view, THIDUA, BODY_VIEW, GtkTextView)

GtkWidget *thidua_body_view_new              (void);
/* Replaces the text without an undo step (loading a plan). */
void       thidua_body_view_set_text         (ThiduaBodyView *self,
                                              const char     *text);
char      *thidua_body_view_get_text         (ThiduaBodyView *self);
/* Moves the cursor to the start of a 0-based line and scrolls to it. */
void       thidua_body_view_goto_line        (ThiduaBodyView *self,
                                              int             line);

/* What Enter does at the end of a list line: inserts the newline and the
 * next label (or ends the list on an empty item).  FALSE when the cursor's
 * line continues no list (Enter then inserts a plain newline). */
gboolean   thidua_body_view_continue_line    (ThiduaBodyView *self);

/* The prefix to put on the line after `line` when Enter is pressed at its
 * end: "- ", "2. ", "2.2. ", "b) "; NULL when the line does not continue
 * a list.  *ends_list is TRUE when the line is an empty item (Enter ends
 * the list and clears it).  Exposed for the tests. */
char      *thidua_body_continuation          (const char *line,
                                              gboolean   *ends_list);

G_END_DECLS
