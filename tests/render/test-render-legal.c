/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-render-legal.c — `thidua-cli render-json` reads the body's "Căn cứ"
 * lines: a plan dated 2026 citing Nghị định 91/2017/NĐ-CP warns on stderr,
 * naming Nghị định 152/2025/NĐ-CP; the same plan dated 2017 does not. */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "../thidua-test-tmp.h"

static const char *plan_json =
  "{\"profile\": \"state\", \"superior_body\": \"UBND TỈNH ĐIỆN BIÊN\", \"issuing_body\": \"SỞ Y TẾ\","
  " \"number\": \"15\", \"symbol\": \"KH-SYT\", \"place\": \"Điện Biên\","
  " \"date\": {\"day\": 15, \"month\": 12, \"year\": %d}, \"type_name\": \"KẾ HOẠCH\","
  " \"subject\": \"Tổ chức phong trào thi đua\","
  " \"body\": \"Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ quy định chi tiết thi hành"
  " một số điều của Luật Thi đua, khen thưởng;\\nSở Y tế xây dựng Kế hoạch như sau:\\n"
  "I. MỤC ĐÍCH, YÊU CẦU\\nĐẩy mạnh phong trào thi đua./.\","
  " \"recipients\": [\"Lưu: VT.\"],"
  " \"signer\": {\"authority\": \"\", \"on_behalf_of\": \"\", \"position\": \"GIÁM ĐỐC\", \"name\": \"Lò Văn A\"},"
  " \"status\": \"draft\"}";

static char *
render_json (const char *dir, int year, int *status, const char *language)
{
  g_autofree char *json = g_strdup_printf (plan_json, year);
  g_autofree char *path = g_strdup_printf ("%s/plan-%d.json", dir, year);
  g_autofree char *pdf = g_strdup_printf ("%s/plan-%d.pdf", dir, year);
  const char *argv[] = { g_getenv ("THIDUA_CLI"), "render-json", path, "-o", pdf, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  char *err = NULL;

  if (language != NULL)
    env = g_environ_setenv (env, "LANGUAGE", language, TRUE);
  g_assert_true (g_file_set_contents (path, json, -1, &error));
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, status, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  return err;
}

static void
test_repealed_decree_warns (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-render-legal");
  g_autofree char *err_2026 = NULL, *err_2017 = NULL, *err_vi = NULL;
  int status = -1;

  err_2026 = render_json (dir, 2026, &status, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err_2026, "warning: body (body line 1): Nghị định 91/2017/NĐ-CP"));
  g_assert_nonnull (strstr (err_2026, "Nghị định 152/2025/NĐ-CP"));

  err_2017 = render_json (dir, 2017, &status, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (strstr (err_2017, "91/2017"));
  g_assert_cmpstr (err_2017, ==, "");

  /* The secretary reads it in Vietnamese. */
  err_vi = render_json (dir, 2026, &status, "vi");
  g_assert_nonnull (strstr (err_vi, "Nghị định 91/2017/NĐ-CP không còn hiệu lực vào ngày của kế hoạch; "
                                    "văn bản thay thế: Nghị định 152/2025/NĐ-CP"));
  thidua_test_tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render-legal/repealed-decree-warns", test_repealed_decree_warns);
  return g_test_run ();
}
