/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-settings.h — the app's GSettings, found also when uninstalled. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The io.github.thidua.Thidua settings: from the build directory's compiled
 * schemas when running uninstalled, from the system schema path otherwise.
 * Never NULL: a missing schema is a broken installation (g_error). */
GSettings *thidua_settings_new (void);

/* The "language" setting forces the interface language ("vi", "en") by
 * setting LANGUAGE; "system" leaves the environment alone.  Call before
 * gettext is first used. */
void       thidua_settings_apply_language (GSettings *settings);

G_END_DECLS
