/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-profile-private.h — the profile's values, for the layout code. */
#pragma once

#include "thidua-profile.h"

G_BEGIN_DECLS

typedef enum {
  THIDUA_MARK_RULE,     /* a solid rule */
  THIDUA_MARK_STAR,     /* a centred "*" (party, under the issuing body) */
  THIDUA_MARK_DASHES,   /* "-----" (party, under the subject) */
  THIDUA_MARK_STARS,    /* "***" (youth, under the issuing body) */
} ThiduaMark;

/* Lengths in mm as in the file unless the name ends in _pt; sizes in pt. */
typedef struct {
  char   *name;
  char   *title;
  double  page_width_mm, page_height_mm;
  double  margin_top_mm, margin_bottom_mm, margin_left_mm, margin_right_mm;
  char   *font_family;

  double  header_left_column_mm;
  double  header_max_lines;
  char   *national_name_text;
  double  national_name_size;
  char   *motto_text;
  double  motto_size;
  double  header_rule_width_pt;
  double  superior_body_size;
  double  issuing_body_size;
  ThiduaMark issuing_body_mark;
  double  issuing_body_rule_ratio;

  double  number_size;
  char   *number_prefix;
  char   *number_separator;
  double  number_blank_room;
  double  number_leading_zero_below;

  double  date_size;
  double  date_blank_room;
  double  date_leading_zero_day_below;
  double  date_leading_zero_month_below;

  double  title_space_before_pt, title_space_after_pt;
  double  type_name_size;
  double  subject_size;
  ThiduaMark subject_mark;
  double  subject_rule_ratio;

  double  body_size;
  double  body_first_line_indent_mm;
  double  body_paragraph_space_pt;
  double  body_line_spacing;
  char   *body_ending_mark;

  double  table_size;
  double  table_padding_pt;       /* inside each cell, all sides */
  double  table_rule_width_pt;
  double  table_space_pt;         /* before and after a table */

  double  closing_space_before_pt;
  double  closing_left_column_mm;

  char   *recipients_title_text;
  double  recipients_title_size;
  gboolean recipients_title_bold, recipients_title_italic, recipients_title_underline;
  double  recipients_size;
  gboolean recipients_require_luu;
  char   *recipients_luu_prefix;

  double  signature_size;
  gboolean signature_position_bold;
  double  signature_blank_lines;
  char   *signature_authorities;  /* "TM. KT. Q. TL. TUQ.": the usual first */

  double  page_number_size;
  double  page_number_top_mm;
  double  page_number_first_page;

  /* Sign-off (thidua-stamp.c): the draft marking and the proof of issue. */
  char   *draft_mark_text;
  char   *draft_mark_round_text;
  double  draft_mark_size;
  double  draft_mark_top_mm;
  double  draft_mark_padding_pt;
  double  draft_mark_rule_width_pt;
  char   *proof_code_label;
  double  proof_code_size;
  double  proof_code_bottom_mm;
  double  proof_qr_size_mm;
  double  proof_qr_bottom_mm;
} ThiduaProfileValues;

/* Returns: (transfer none): the profile's own values, valid while it
 *   lives; every string in them is non-NULL. */
const ThiduaProfileValues *thidua_profile_get_values (ThiduaProfile *self);

#define THIDUA_MM_TO_PT(mm) ((mm) * 72.0 / 25.4)

G_END_DECLS
