/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-edit.h — the register's hand-kept subcommands
 * (cmd-register-edit.c), dispatched by cmd-register.c. */
#pragma once

#include "thidua-cli.h"
#include "thidua-register.h"

G_BEGIN_DECLS

typedef ThiduaRegister *(*CliOpenRegister) (CliContext *ctx, gboolean read_only);

int register_add      (CliContext *ctx, CliOpenRegister open, int argc, char **argv);
int register_set      (CliContext *ctx, CliOpenRegister open, int argc, char **argv);
int register_withdraw (CliContext *ctx, CliOpenRegister open, int argc, char **argv);
int register_delete   (CliContext *ctx, CliOpenRegister open, int argc, char **argv);

G_END_DECLS
