/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-plan.c — the plan model and its JSON form. */
#include "config.h"
#include "thidua-plan.h"

#include <string.h>

static const char *full_json =
  "{\"id\": 7, \"profile\": \"state\", \"superior_body\": \"UBND TỈNH ĐIỆN BIÊN\","
  " \"issuing_body\": \"SỞ Y TẾ\", \"number\": \"215\", \"symbol\": \"KH-SYT\","
  " \"place\": \"Điện Biên\", \"date\": {\"day\": 8, \"month\": 2, \"year\": 2024},"
  " \"type_name\": \"KẾ HOẠCH\", \"subject\": \"Triển khai phong trào thi đua năm 2024\","
  " \"body\": \"I. MỤC ĐÍCH, YÊU CẦU\\n\\n1. Mục đích\\n\\nĐoàn kết.\\n\\nII. TỔ CHỨC THỰC HIỆN\\n\\nCác phòng thực hiện./.\","
  " \"recipients\": [\"UBND tỉnh (b/c);\", \"Lưu: VT, VP.\"],"
  " \"signer\": {\"authority\": \"KT.\", \"on_behalf_of\": \"GIÁM ĐỐC\", \"position\": \"PHÓ GIÁM ĐỐC\", \"name\": \"Lò Văn Thắng\"},"
  " \"status\": \"draft\"}";

static void
test_json_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlan) plan = thidua_plan_new_from_json (full_json, -1, &error);
  g_autoptr(ThiduaPlan) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *obj, *signer;
  JsonArray *outline;

  g_assert_no_error (error);
  g_assert_cmpint (thidua_plan_get_id (plan), ==, 0);  /* the id is not taken from input */
  g_assert_cmpstr (thidua_plan_get_symbol (plan), ==, "KH-SYT");
  g_assert_cmpuint (thidua_plan_get_month (plan), ==, 2);
  g_assert_cmpstr (thidua_plan_get_signer_name (plan), ==, "Lò Văn Thắng");

  first = thidua_plan_to_json (plan, FALSE);
  again = thidua_plan_new_from_json (first, -1, &error);
  g_assert_no_error (error);
  second = thidua_plan_to_json (again, TRUE);
  g_clear_object (&plan);
  plan = thidua_plan_new_from_json (second, -1, &error);
  g_free (second);
  second = thidua_plan_to_json (plan, FALSE);
  g_assert_cmpstr (first, ==, second);

  /* The contract's keys and the derived outline. */
  g_assert_true (json_parser_load_from_data (parser, first, -1, NULL));
  obj = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (obj, "profile"), ==, "state");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj, "date"), "day"), ==, 8);
  signer = json_object_get_object_member (obj, "signer");
  g_assert_cmpstr (json_object_get_string_member (signer, "authority"), ==, "KT.");
  g_assert_cmpstr (json_object_get_string_member (signer, "on_behalf_of"), ==, "GIÁM ĐỐC");
  outline = json_object_get_array_member (obj, "outline");
  g_assert_cmpuint (json_array_get_length (outline), >=, 2);
  {
    JsonObject *first_heading = json_array_get_object_element (outline, 0);
    g_assert_cmpint (json_object_get_int_member (first_heading, "level"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (first_heading, "label"), ==, "I.");
    g_assert_cmpstr (json_object_get_string_member (first_heading, "title"), ==, "MỤC ĐÍCH, YÊU CẦU");
  }
  g_assert_cmpstr (json_object_get_string_member (obj, "status"), ==, "draft");
}

static void
test_json_blanks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlan) plan = thidua_plan_new_from_json (
    "{\"profile\": \"party\", \"symbol\": \"KH/TCT\", \"date\": {\"day\": null, \"month\": 9, \"year\": 2021}}",
    -1, &error);
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *obj, *date;

  g_assert_no_error (error);
  g_assert_cmpstr (thidua_plan_get_number (plan), ==, "");
  g_assert_cmpstr (thidua_plan_get_type_name (plan), ==, "KẾ HOẠCH");
  g_assert_cmpuint (thidua_plan_get_day (plan), ==, 0);
  json = thidua_plan_to_json (plan, FALSE);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  obj = json_node_get_object (json_parser_get_root (parser));
  date = json_object_get_object_member (obj, "date");
  g_assert_true (json_object_get_null_member (date, "day"));
  g_assert_cmpint (json_object_get_int_member (date, "month"), ==, 9);
  g_assert_cmpstr (json_object_get_string_member (obj, "number"), ==, "");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "recipients")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj, "signer"), "name"), ==, "");
}

static void
test_json_errors (void)
{
  struct { const char *json; int code; const char *needle; } cases[] = {
    { "{\"subject\": \"a\",\n \"body\": }", THIDUA_PLAN_ERROR_INVALID_JSON, "line 2" },
    { "[1, 2]", THIDUA_PLAN_ERROR_INVALID_JSON, "object" },
    { "{\"profile\": \"province\"}", THIDUA_PLAN_ERROR_INVALID_PROFILE, "province" },
    { "{\"subject\": 12}", THIDUA_PLAN_ERROR_INVALID_JSON, "subject" },
    { "{\"recipients\": \"Lưu: VT.\"}", THIDUA_PLAN_ERROR_INVALID_JSON, "recipients" },
    { "{\"signer\": {\"name\": true}}", THIDUA_PLAN_ERROR_INVALID_JSON, "name" },
    { "{\"date\": {\"day\": 31, \"month\": 2, \"year\": 2024}}", THIDUA_PLAN_ERROR_INVALID_DATE, "31/02" },
    { "{\"date\": {\"day\": 0, \"month\": 2, \"year\": 2024}}", THIDUA_PLAN_ERROR_INVALID_DATE, "day" },
    { "{\"date\": {\"month\": 13}}", THIDUA_PLAN_ERROR_INVALID_DATE, "month" },
    { "{\"date\": \"08/02/2024\"}", THIDUA_PLAN_ERROR_INVALID_JSON, "date" },
    { "{\"subjet\": \"Kế hoạch\"}", THIDUA_PLAN_ERROR_INVALID_JSON, "subjet" },
    { "{\"date\": {\"dya\": 8}}", THIDUA_PLAN_ERROR_INVALID_JSON, "date.dya" },
    { "{\"signer\": {\"title\": \"x\"}}", THIDUA_PLAN_ERROR_INVALID_JSON, "signer.title" },
    { "{\"status\": \"signed\"}", THIDUA_PLAN_ERROR_INVALID_JSON, "signed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ThiduaPlan) plan = thidua_plan_new_from_json (cases[i].json, -1, &error);
      g_assert_null (plan);
      g_assert_error (error, THIDUA_PLAN_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].needle) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, cases[i].needle);
    }
}

static void
test_json_line_column (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlan) plan = thidua_plan_new_from_json ("{\n  \"subject\": \"x\",\n  \"body\" \"y\"\n}", -1, &error);

  g_assert_null (plan);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_nonnull (strstr (error->message, "column"));
}

static void
count_notify (GObject *obj, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_setters_normalise_and_notify (void)
{
  g_autoptr(ThiduaPlan) plan = thidua_plan_new ();
  guint count = 0;
  g_autofree char *value = NULL;

  g_signal_connect (plan, "notify::subject", G_CALLBACK (count_notify), &count);
  thidua_plan_set_subject (plan, "Tho\xcc\x9b\xcc\x80i gian");   /* NFD "Thời gian" */
  g_assert_cmpstr (thidua_plan_get_subject (plan), ==, "Thời gian");
  g_assert_cmpuint (count, ==, 1);
  thidua_plan_set_subject (plan, "Thời gian");                   /* same NFC value */
  g_assert_cmpuint (count, ==, 1);
  thidua_plan_set_subject (plan, NULL);
  g_assert_cmpstr (thidua_plan_get_subject (plan), ==, "");
  g_assert_cmpuint (count, ==, 2);

  /* A separator typed before the symbol is the profile's to print. */
  thidua_plan_set_symbol (plan, " /KH-SYT ");
  g_assert_cmpstr (thidua_plan_get_symbol (plan), ==, "KH-SYT");
  g_object_set (plan, "symbol", "-KH/TCT", NULL);
  g_assert_cmpstr (thidua_plan_get_symbol (plan), ==, "KH/TCT");

  g_object_set (plan, "signer-name", "Nguyễn Thị Thiện", "profile", "union", NULL);
  g_object_get (plan, "signer-name", &value, NULL);
  g_assert_cmpstr (value, ==, "Nguyễn Thị Thiện");
  g_assert_cmpint (thidua_plan_get_profile (plan), ==, THIDUA_PROFILE_UNION);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plan/json/round-trip", test_json_round_trip);
  g_test_add_func ("/plan/json/blanks", test_json_blanks);
  g_test_add_func ("/plan/json/errors", test_json_errors);
  g_test_add_func ("/plan/json/line-column", test_json_line_column);
  g_test_add_func ("/plan/setters", test_setters_normalise_and_notify);
  return g_test_run ();
}
