/* thidua-document.h — one plan being edited, saved as it changes.
 *
 * Edits land in the ThiduaPlan at once; the document writes the plan to
 * the store after a short pause, in one transaction.  When the write fails
 * (disk full, file locked) the plan stays in memory, the state says so and
 * the document retries until it succeeds: nothing typed is lost. */
#pragma once

#include <glib-object.h>
#include "thidua-store.h"

G_BEGIN_DECLS

typedef enum {
  THIDUA_SAVE_STATE_SAVED,     /* the store has exactly what is shown */
  THIDUA_SAVE_STATE_PENDING,   /* changed, the write is scheduled */
  THIDUA_SAVE_STATE_FAILED,    /* the last write failed; retrying */
} ThiduaSaveState;

#define THIDUA_TYPE_DOCUMENT (thidua_document_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaDocument, thidua_document, THIDUA, DOCUMENT, GObject)

ThiduaDocument  *thidua_document_new           (ThiduaStore *store,
                                                ThiduaPlan  *plan);
ThiduaPlan      *thidua_document_get_plan      (ThiduaDocument *self);
ThiduaStore     *thidua_document_get_store     (ThiduaDocument *self);
ThiduaSaveState  thidua_document_get_state     (ThiduaDocument *self);
/* The last write error, or NULL. */
const GError    *thidua_document_get_error     (ThiduaDocument *self);

/* The plan was edited: schedule a write. */
void             thidua_document_changed       (ThiduaDocument *self);
/* Writes now if anything is pending; FALSE (and error) if it failed. */
gboolean         thidua_document_flush         (ThiduaDocument *self,
                                                GError        **error);

/* Stops trying: the caller kept the plan elsewhere (a recovery copy). */
void             thidua_document_abandon       (ThiduaDocument *self);

/* Delay before a write and between retries, in ms (tests shorten them). */
void             thidua_document_set_delays    (ThiduaDocument *self,
                                                guint           save_ms,
                                                guint           retry_ms);

G_END_DECLS
