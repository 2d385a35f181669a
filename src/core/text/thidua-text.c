/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-text.c — NFC, search folding and Vietnamese collation. */
#include "config.h"
#include "thidua-text.h"

#include <string.h>

/* g_utf8_normalize() is quadratic on long strings, and a plan body can be
 * megabytes.  Normalisation never reaches across an ASCII character (ASCII
 * never composes with what precedes it and has combining class 0), so the
 * text is normalised in pieces that end just before one. */
#define NFC_CHUNK 4096

/* TRUE when valid UTF-8 s is NFC for sure: every character is below the
 * combining marks (U+0300), a precomposed Latin letter (U+1E00–U+1EFF:
 * the Vietnamese ạ…ỹ) or in general punctuation and currency
 * (U+2002–U+20CF).  None of those is changed by NFC or composes with what
 * precedes it; anything else takes the slow path.  Typed and stored text
 * almost always passes, and g_utf8_normalize() is slow even in pieces. */
static gboolean
is_surely_nfc (const char *s, gsize n)
{
  const guchar *p = (const guchar *) s, *end = p + n;

  while (p < end)
    {
      gunichar c;

      if (*p < 0x80)
        {
          p++;
          continue;
        }
      if (*p < 0xE0)
        {
          /* two bytes: U+0080–U+07FF; below U+0300 is lead byte < 0xCC */
          if (*p >= 0xCC)
            return FALSE;
          p += 2;
          continue;
        }
      if (*p >= 0xF0 || p + 2 >= end)
        return FALSE;
      c = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
      if (!((c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x2002 && c <= 0x20CF)))
        return FALSE;
      p += 3;
    }
  return TRUE;
}

/* TRUE when s is ASCII (no NUL), two-byte characters below U+0300 and
 * the letters of U+1E00–U+1EFF only, each well formed: valid UTF-8 that
 * is_surely_nfc() accepts, found in one pass (names and cells nearly
 * always are).  FALSE says nothing. */
static gboolean
is_plain_nfc (const char *s, gsize n)
{
  const guchar *p = (const guchar *) s, *end = p + n;

  while (p < end)
    {
      if (*p < 0x80 && *p != '\0')
        p++;
      else if (*p >= 0xC2 && *p < 0xCC && end - p >= 2 && (p[1] & 0xC0) == 0x80)
        p += 2;
      else if (*p == 0xE1 && end - p >= 3 && p[1] >= 0xB8 && p[1] <= 0xBB && (p[2] & 0xC0) == 0x80)
        p += 3;
      else
        return FALSE;
    }
  return TRUE;
}

gboolean
thidua_text_is_surely_nfc (const char *s, gssize len)
{
  gsize n;

  g_return_val_if_fail (s != NULL, FALSE);
  n = len < 0 ? strlen (s) : (gsize) len;
  return is_plain_nfc (s, n) || (g_utf8_validate_len (s, n, NULL) && is_surely_nfc (s, n));
}

char *
thidua_text_nfc (const char *s, gssize len)
{
  gsize n, start = 0;
  GString *out;

  g_return_val_if_fail (s != NULL, NULL);
  n = len < 0 ? strlen (s) : (gsize) len;
  if (!g_utf8_validate_len (s, n, NULL))
    return NULL;
  if (is_surely_nfc (s, n))
    return g_strndup (s, n);

  out = g_string_sized_new (n + 1);
  while (start < n)
    {
      gsize end = MIN (start + NFC_CHUNK, n);
      g_autofree char *piece = NULL;

      while (end < n && (guchar) s[end] >= 0x80)
        end++;
      piece = g_utf8_normalize (s + start, end - start, G_NORMALIZE_NFC);
      g_string_append (out, piece);
      start = end;
    }
  return g_string_free (out, FALSE);
}

/* ---- canonical decomposition (NFD) without g_utf8_normalize() ----
 *
 * Folding and the collation key read text in NFD.  Names and units are
 * nearly always ASCII, Latin letters (U+0000–U+024F) and the Vietnamese
 * letters of U+1E00–U+1EFF; the NFD of each of those is taken once from
 * GLib itself, so the keys stay byte-identical, and a string of only those
 * is decomposed into a buffer on the stack (an import folds and keys
 * 100,000 names: g_utf8_normalize() allocated and reordered for each).
 * Every such decomposition starts with a starter (combining class 0), so
 * canonical reordering never reaches across two of them.  Anything else
 * (a combining mark of its own, another script, invalid UTF-8) takes the
 * old way, g_utf8_normalize() on the whole string. */

#define DECOMP_MAX   3
#define LATIN_END    0x250
#define VIET_START   0x1E00
#define VIET_END     0x1F00

typedef struct {
  guint8   n;                 /* 0: not decomposed here */
  gunichar c[DECOMP_MAX];
} Decomp;

static const Decomp *
decomp_table (void)
{
  static Decomp table[LATIN_END + (VIET_END - VIET_START)];
  static gsize ready = 0;

  if (g_once_init_enter (&ready))
    {
      for (guint i = 0; i < G_N_ELEMENTS (table); i++)
        {
          gunichar cp = i < LATIN_END ? i : VIET_START + (i - LATIN_END);
          char utf8[8];
          int len = g_unichar_to_utf8 (cp, utf8);
          g_autofree char *nfd = NULL;
          g_autofree gunichar *u = NULL;
          glong n = 0;

          if (cp == 0)
            continue;
          nfd = g_utf8_normalize (utf8, len, G_NORMALIZE_NFD);
          if (nfd != NULL)
            u = g_utf8_to_ucs4_fast (nfd, -1, &n);
          if (u == NULL || n < 1 || n > DECOMP_MAX || g_unichar_combining_class (u[0]) != 0)
            continue;
          table[i].n = (guint8) n;
          memcpy (table[i].c, u, n * sizeof (gunichar));
        }
      g_once_init_leave (&ready, 1);
    }
  return table;
}

/* What folding and the collation key ask of each code point, for those
 * below U+0370 (ASCII, Latin, the combining marks: all a fast
 * decomposition yields but the few letters of U+1E00–U+1EFF without one),
 * taken once from GLib itself so the answers stay the same; the rest asks
 * GLib each time. */
#define PROPS_END    0x370
#define PROP_MARK    0x01
#define PROP_SPACE   0x02
#define PROP_ALPHA   0x04

typedef struct {
  guint8   flags;
  gunichar lower;             /* g_unichar_tolower () */
} Props;

static const Props *
props_table (void)
{
  static Props table[PROPS_END];
  static gsize ready = 0;

  if (g_once_init_enter (&ready))
    {
      for (gunichar c = 0; c < PROPS_END; c++)
        {
          table[c].flags = (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK ? PROP_MARK : 0)
                           | (g_unichar_isspace (c) ? PROP_SPACE : 0)
                           | (g_unichar_isalpha (c) ? PROP_ALPHA : 0);
          table[c].lower = g_unichar_tolower (c);
        }
      g_once_init_leave (&ready, 1);
    }
  return table;
}

static inline gboolean
is_mark (const Props *props, gunichar c)
{
  return c < PROPS_END ? (props[c].flags & PROP_MARK) != 0
                       : g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK;
}

static inline gboolean
is_space (const Props *props, gunichar c)
{
  return c < PROPS_END ? (props[c].flags & PROP_SPACE) != 0 : g_unichar_isspace (c);
}

static inline gboolean
is_alpha (const Props *props, gunichar c)
{
  return c < PROPS_END ? (props[c].flags & PROP_ALPHA) != 0 : g_unichar_isalpha (c);
}

static inline gunichar
to_lower (const Props *props, gunichar c)
{
  return c < PROPS_END ? props[c].lower : g_unichar_tolower (c);
}

typedef struct {
  gunichar *c;
  gsize     n, cap;
  gunichar  local[256];
} Ucs;

static void
ucs_init (Ucs *u)
{
  u->c = u->local;
  u->n = 0;
  u->cap = G_N_ELEMENTS (u->local);
}

static void
ucs_clear (Ucs *u)
{
  if (u->c != u->local)
    g_free (u->c);
}

static inline void
ucs_push (Ucs *u, gunichar c)
{
  if (G_UNLIKELY (u->n == u->cap))
    {
      u->cap *= 2;
      if (u->c == u->local)
        u->c = g_memdup2 (u->local, sizeof u->local);
      u->c = g_renew (gunichar, u->c, u->cap);
    }
  u->c[u->n++] = c;
}

/* Room for more code points in u. */
static void
ucs_reserve (Ucs *u, gsize more)
{
  if (u->n + more <= u->cap)
    return;
  while (u->cap < u->n + more)
    u->cap *= 2;
  if (u->c == u->local)
    {
      u->c = g_new (gunichar, u->cap);
      memcpy (u->c, u->local, u->n * sizeof (gunichar));
    }
  else
    u->c = g_renew (gunichar, u->c, u->cap);
}

/* The NFD of the len bytes at s (len < 0: up to its NUL) through the
 * table; FALSE (u emptied) when they hold anything the table does not
 * cover.  A byte gives at most one and a half code points (a decomposition
 * is at most three, of at least two bytes). */
static gboolean
decompose_fast (const char *s, gssize len, Ucs *u)
{
  const Decomp *table = decomp_table ();
  const guchar *p = (const guchar *) s;
  const guchar *end = p + (len < 0 ? strlen (s) : (gsize) len);
  gunichar *o;

  G_STATIC_ASSERT (DECOMP_MAX <= 3);
  ucs_reserve (u, (gsize) (end - p) / 2 * 3 + 2);
  o = u->c + u->n;
  while (p < end)
    {
      guint i;

      if (*p < 0x80 && *p != '\0')
        {
          *o++ = *p++;
          continue;
        }
      if (end - p >= 2 && *p >= 0xC2 && *p <= 0xDF && (p[1] & 0xC0) == 0x80)
        {
          i = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
          if (i >= LATIN_END)
            goto slow;
          p += 2;
        }
      else if (end - p >= 3 && p[0] == 0xE1 && p[1] >= 0xB8 && p[1] <= 0xBB && (p[2] & 0xC0) == 0x80)
        {
          i = LATIN_END + (((p[1] - 0xB8u) << 6) | (p[2] & 0x3Fu));
          p += 3;
        }
      else
        goto slow;
      if (table[i].n == 0)
        goto slow;
      for (guint k = 0; k < table[i].n; k++)
        *o++ = table[i].c[k];
    }
  u->n = o - u->c;
  return TRUE;

slow:
  u->n = 0;
  return FALSE;
}

/* The NFD of s (of its g_utf8_make_valid() form when it is not UTF-8);
 * FALSE when g_utf8_normalize() refuses it. */
static gboolean
decompose (const char *s, Ucs *u)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfd = NULL;

  if (decompose_fast (s, -1, u))
    return TRUE;
  /* g_utf8_normalize() steps over the end of a character cut short and
   * reads past the string: invalid text is decomposed in its
   * g_utf8_make_valid() form, as the collation keys take it */
  if (!g_utf8_validate (s, -1, NULL))
    s = valid = g_utf8_make_valid (s, -1);
  nfd = g_utf8_normalize (s, -1, G_NORMALIZE_NFD);
  if (nfd == NULL)
    return FALSE;
  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    ucs_push (u, g_utf8_get_char (p));
  return TRUE;
}

/* The fold of the n code points at c (NFD) into out, which has room for
 * 4 n bytes (each code point gives at most one character or one space);
 * returns the bytes written, no NUL.  NFD splits every toned letter into
 * base + marks; đ has no decomposition, so it is mapped by hand.  Marks
 * (category Mn) are dropped. */
static gsize
fold_ucs (const gunichar *c, gsize n, char *out)
{
  const Props *props = props_table ();
  gboolean pending_space = FALSE;
  gsize len = 0;

  for (gsize i = 0; i < n; i++)
    {
      gunichar ch = c[i];

      if (is_mark (props, ch))
        continue;
      if (is_space (props, ch))
        {
          pending_space = len > 0;
          continue;
        }
      if (ch == 0x0111 || ch == 0x0110) /* đ Đ */
        ch = 'd';
      else
        ch = to_lower (props, ch);
      if (pending_space)
        out[len++] = ' ';
      pending_space = FALSE;
      if (ch < 0x80)
        out[len++] = (char) ch;
      else
        len += g_unichar_to_utf8 (ch, out + len);
    }
  return len;
}

/* Appends the fold of u to out. */
static void
append_fold (GString *out, const Ucs *u)
{
  gsize start = out->len;

  g_string_set_size (out, start + 4 * u->n);
  g_string_truncate (out, start + fold_ucs (u->c, u->n, out->str + start));
}

/* ---- folding straight from the text ----
 *
 * Every character the table decomposes folds on its own (its marks never
 * reach the next character): what fold_ucs() makes of its decomposition
 * is taken once per character, and a text of only ASCII and those
 * characters is folded without decomposing it. */

enum { FOLD_SLOW, FOLD_NOTHING, FOLD_SPACE, FOLD_EMIT };

typedef struct {
  guint8   kind;
  guint8   len;
  char     bytes[6];
} FoldChar;

static const FoldChar *
fold_table (void)
{
  static FoldChar table[LATIN_END + (VIET_END - VIET_START)];
  static gsize ready = 0;

  if (g_once_init_enter (&ready))
    {
      const Decomp *decomp = decomp_table ();
      const Props *props = props_table ();

      for (guint i = 0; i < G_N_ELEMENTS (table); i++)
        {
          FoldChar f = { FOLD_NOTHING, 0, { 0 } };

          if (decomp[i].n == 0)
            f.kind = FOLD_SLOW;
          /* what fold_ucs() does with each code point: drop a mark,
           * remember a space, write a character; kept when it is at most
           * one of the last two */
          for (guint k = 0; k < decomp[i].n && f.kind != FOLD_SLOW; k++)
            {
              gunichar c = decomp[i].c[k];

              if (is_mark (props, c))
                continue;
              if (is_space (props, c))
                f.kind = f.kind == FOLD_NOTHING ? FOLD_SPACE : FOLD_SLOW;
              else if (f.kind == FOLD_NOTHING)
                {
                  f.kind = FOLD_EMIT;
                  f.len = (guint8) fold_ucs (&c, 1, f.bytes);
                }
              else
                f.kind = FOLD_SLOW;
            }
          table[i] = f;
        }
      g_once_init_leave (&ready, 1);
    }
  return table;
}

/* fold_ucs() of the NFD of the len bytes at s, written to out (room for
 * 2 len bytes: a character gives at most four, of at least two bytes, or
 * one and the space before it); -1 when the text holds anything but ASCII
 * and characters the table folds. */
static gssize
fold_fast (const char *s, gsize len, char *out)
{
  const FoldChar *table = fold_table ();
  const Props *props = props_table ();
  const guchar *p = (const guchar *) s, *end = p + len;
  gboolean pending_space = FALSE;
  char *o = out;

  while (p < end)
    {
      const FoldChar *f;
      guint i;

      if (*p < 0x80 && *p != '\0')
        {
          if (props[*p].flags & PROP_SPACE)
            pending_space = o > out;
          else
            {
              if (pending_space)
                *o++ = ' ';
              pending_space = FALSE;
              *o++ = (char) props[*p].lower;
            }
          p++;
          continue;
        }
      if (end - p >= 2 && *p >= 0xC2 && *p <= 0xDF && (p[1] & 0xC0) == 0x80)
        {
          i = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
          if (i >= LATIN_END)
            return -1;
          p += 2;
        }
      else if (end - p >= 3 && p[0] == 0xE1 && p[1] >= 0xB8 && p[1] <= 0xBB && (p[2] & 0xC0) == 0x80)
        {
          i = LATIN_END + (((p[1] - 0xB8u) << 6) | (p[2] & 0x3Fu));
          p += 3;
        }
      else
        return -1;
      f = &table[i];
      switch (f->kind)
        {
        case FOLD_NOTHING:
          break;
        case FOLD_SPACE:
          pending_space = o > out;
          break;
        case FOLD_EMIT:
          if (pending_space)
            *o++ = ' ';
          pending_space = FALSE;
          memcpy (o, f->bytes, f->len);
          o += f->len;
          break;
        default:
          return -1;
        }
    }
  return o - out;
}

/* Appends the fold of the len bytes at s to out when fold_fast() can. */
static gboolean
append_fold_fast (GString *out, const char *s, gsize len)
{
  gsize start = out->len;
  gssize n;

  g_string_set_size (out, start + 2 * len);
  n = fold_fast (s, len, out->str + start);
  g_string_truncate (out, n < 0 ? start : start + (gsize) n);
  return n >= 0;
}

char *
thidua_text_fold (const char *s)
{
  GString *out;
  Ucs u;

  if (s == NULL)
    return g_strdup ("");
  {
    gsize len = strlen (s);

    out = g_string_sized_new (2 * len + 1);
    if (append_fold_fast (out, s, len))
      return g_string_free (out, FALSE);
    g_string_free (out, TRUE);
  }
  ucs_init (&u);
  if (!decompose (s, &u))
    {
      ucs_clear (&u);
      return g_strdup ("");
    }
  out = g_string_sized_new (4 * u.n + 1);
  append_fold (out, &u);
  ucs_clear (&u);
  return g_string_free (out, FALSE);
}

void
thidua_text_fold_append (GString *out, const char *s)
{
  Ucs u;

  g_return_if_fail (out != NULL);
  if (s == NULL || append_fold_fast (out, s, strlen (s)))
    return;
  ucs_init (&u);
  if (decompose (s, &u))
    append_fold (out, &u);
  ucs_clear (&u);
}

gboolean
thidua_text_fold_equal (const char *s, gssize len, const char *folded)
{
  char local[256];
  char *buf;
  gsize n;
  gboolean equal;
  Ucs u;

  g_return_val_if_fail (s != NULL && folded != NULL, FALSE);
  {
    gsize bytes = len < 0 ? strlen (s) : (gsize) len;
    gssize m;

    if (2 * bytes <= sizeof local && (m = fold_fast (s, bytes, local)) >= 0)
      return strlen (folded) == (gsize) m && memcmp (local, folded, m) == 0;
  }
  ucs_init (&u);
  if (!decompose_fast (s, len, &u))
    {
      /* the old way, on a NUL-terminated copy */
      g_autofree char *copy = len < 0 ? g_strdup (s) : g_strndup (s, len);
      g_autofree char *f = thidua_text_fold (copy);

      ucs_clear (&u);
      return strcmp (f, folded) == 0;
    }
  buf = 4 * u.n <= sizeof local ? local : g_malloc (4 * u.n);
  n = fold_ucs (u.c, u.n, buf);
  equal = strlen (folded) == n && memcmp (buf, folded, n) == 0;
  if (buf != local)
    g_free (buf);
  ucs_clear (&u);
  return equal;
}

gboolean
thidua_text_folded_match (const char *folded_haystack, const char *folded_needle)
{
  g_auto(GStrv) words = NULL;

  if (folded_needle == NULL || *folded_needle == '\0')
    return TRUE;
  if (folded_haystack == NULL)
    return FALSE;
  words = g_strsplit (folded_needle, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (folded_haystack, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

const char *
thidua_text_strip_span (const char *s, gsize *len)
{
  const char *start = s, *end;

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  *len = (gsize) (end - start);
  return start;
}

char *
thidua_text_strip (const char *s)
{
  const char *start;
  gsize len;

  if (s == NULL)
    return g_strdup ("");
  start = thidua_text_strip_span (s, &len);
  return g_strndup (start, len);
}

/* ------------------------------------------------------------- collation
 *
 * glibc's vi_VN locale is usually not generated and ICU is not a
 * dependency, so the Vietnamese order is built here as a byte key with
 * three levels, each ended by KEY_LEVEL_END:
 *   primary    one unit per character: white space, punctuation (by code
 *              point), numbers (a run of ASCII digits by value, up to 15
 *              digits), then letters in Vietnamese order
 *              a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư
 *              v (w) x y (z), then other scripts by code point;
 *   secondary  the tone of each letter: none, huyền, hỏi, ngã, sắc, nặng;
 *   tertiary   the case of each letter, lower before upper.
 * Byte 0x01 never occurs in a key, so composite keys (people) can use it
 * between fields.  Keys are ASCII (valid UTF-8, storable in SQLite TEXT
 * columns whose BINARY order is then the Vietnamese order) and have no
 * byte 0, so strcmp() works. */

#define KEY_FIELD_END  0x01
#define KEY_LEVEL_END  0x02
#define KEY_SPACE      0x03
#define KEY_SYMBOL     0x04
#define KEY_DIGIT      0x10
#define KEY_LETTER     0x20
#define KEY_OTHER      0x7F

enum { MOD_NONE, MOD_BREVE, MOD_CIRCUMFLEX, MOD_HORN };

/* Ranks of a..z; the gaps hold ă â (after a), đ (after d), ê (after e),
 * ô ơ (after o) and ư (after u). */
static const guint8 base_rank[26] = {
  0, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25,
  26, 28, 29, 30, 31, 32,
};

/* Rank of a lower-case base letter with its vowel modifier; -1 when the
 * letter is not a Latin one. */
static int
latin_rank (gunichar base, int mod)
{
  int rank;

  if (base == 0x0111)
    return 6;   /* đ */
  if (base < 'a' || base > 'z')
    return -1;
  rank = base_rank[base - 'a'];
  if (base == 'a' && mod == MOD_BREVE)
    rank += 1;
  else if (base == 'a' && mod == MOD_CIRCUMFLEX)
    rank += 2;
  else if ((base == 'e' || base == 'o') && mod == MOD_CIRCUMFLEX)
    rank += 1;
  else if (base == 'o' && mod == MOD_HORN)
    rank += 2;
  else if (base == 'u' && mod == MOD_HORN)
    rank += 1;
  return rank;
}

static inline char *
put_code_point (char *o, gunichar c)
{
  /* four base-64 digits, fixed length so byte order is number order */
  for (int shift = 18; shift >= 0; shift -= 6)
    *o++ = (char) (0x30 + ((c >> shift) & 0x3F));
  return o;
}

/* The key of the n code points at c (NFD) appended to key; base is where
 * the whole key (of a person: three of these) starts.  Written in place:
 * a code point gives at most a space and five bytes of the primary level
 * and a byte of each other, so the key grows by at most 8 n + 2. */
static void
collate_ucs (GString *key, gsize base, const gunichar *c, gsize n)
{
  const Props *props = props_table ();
  char local2[256], local3[256];
  char *secondary, *tertiary;    /* a byte per letter: at most one per code point */
  gsize n2 = 0, n3 = 0, start_len = key->len;
  gboolean pending_space = FALSE;
  gsize i = 0;
  char *o;

  secondary = n <= sizeof local2 ? local2 : g_malloc (n);
  tertiary = n <= sizeof local3 ? local3 : g_malloc (n);
  g_string_set_size (key, start_len + 8 * n + 2);
  o = key->str + start_len;

  while (i < n)
    {
      gunichar ch = c[i];
      int mod = MOD_NONE, tone = 0;

      if (ch >= '0' && ch <= '9')
        {
          /* A run of digits is one number: its length (leading zeros
           * dropped) first, so "Tổ 2" < "Tổ 10". */
          gsize start = i, end;

          while (c[start] == '0' && start + 1 < n && c[start + 1] >= '0' && c[start + 1] <= '9')
            start++;
          for (end = start; end < n && c[end] >= '0' && c[end] <= '9'; end++)
            ;
          if (pending_space)
            *o++ = KEY_SPACE;
          pending_space = FALSE;
          *o++ = (char) (KEY_DIGIT + MIN (end - start, 15));
          for (gsize k = start; k < end; k++)
            *o++ = (char) c[k];
          i = end;
          continue;
        }

      i++;

      /* Gather the marks that belong to this character. */
      while (i < n && is_mark (props, c[i]))
        {
          switch (c[i])
            {
            case 0x0306: mod = MOD_BREVE; break;
            case 0x0302: mod = MOD_CIRCUMFLEX; break;
            case 0x031B: mod = MOD_HORN; break;
            case 0x0300: tone = 1; break;   /* huyền */
            case 0x0309: tone = 2; break;   /* hỏi */
            case 0x0303: tone = 3; break;   /* ngã */
            case 0x0301: tone = 4; break;   /* sắc */
            case 0x0323: tone = 5; break;   /* nặng */
            default: break;
            }
          i++;
        }

      if (is_space (props, ch))
        {
          pending_space = (gsize) (o - key->str) > base || n2 > 0;
          continue;
        }
      if (pending_space)
        *o++ = KEY_SPACE;
      pending_space = FALSE;

      if (is_alpha (props, ch))
        {
          gunichar lower = to_lower (props, ch);
          int rank = latin_rank (lower, mod);

          if (rank >= 0)
            *o++ = (char) (KEY_LETTER + rank);
          else
            {
              *o++ = KEY_OTHER;
              o = put_code_point (o, lower);
            }
          secondary[n2++] = (char) (0x03 + tone);
          tertiary[n3++] = lower != ch ? 0x04 : 0x03;
        }
      else
        {
          *o++ = KEY_SYMBOL;
          o = put_code_point (o, ch);
        }
    }

  *o++ = KEY_LEVEL_END;
  memcpy (o, secondary, n2);
  o += n2;
  *o++ = KEY_LEVEL_END;
  memcpy (o, tertiary, n3);
  o += n3;
  g_string_truncate (key, o - key->str);
  if (secondary != local2)
    g_free (secondary);
  if (tertiary != local3)
    g_free (tertiary);
}

static void
append_collate_key (GString *key, gsize base, const char *s, gssize len)
{
  g_autofree char *valid = NULL;
  Ucs u;

  if (s == NULL)
    s = "";
  ucs_init (&u);
  if (!decompose_fast (s, len, &u))
    {
      /* the old way, on a NUL-terminated copy of a piece */
      if (len >= 0)
        s = valid = g_strndup (s, len);
      if (!g_utf8_validate (s, -1, NULL))
        {
          char *made = g_utf8_make_valid (s, -1);
          g_free (valid);
          s = valid = made;
        }
      decompose (s, &u);
    }
  collate_ucs (key, base, u.c, u.n);
  ucs_clear (&u);
}

char *
thidua_text_collate_key (const char *s)
{
  GString *key = g_string_new (NULL);

  append_collate_key (key, 0, s, -1);
  return g_string_free (key, FALSE);
}

int
thidua_text_collate (const char *a, const char *b)
{
  g_autofree char *ka = thidua_text_collate_key (a);
  g_autofree char *kb = thidua_text_collate_key (b);
  int r = strcmp (ka, kb);

  return r < 0 ? -1 : r > 0 ? 1 : 0;
}

char *
thidua_text_person_sort_key (const char *full_name)
{
  /* The words on any white space, Unicode included, as spans of the name:
   * given name (the last word), family name (the first), the middle ones
   * joined by one space. */
  const char *p = full_name ? full_name : "";
  g_autofree char *valid = NULL;
  const char *first = "", *pending = "";
  gsize first_len = 0, pending_len = 0;
  guint n_words = 0;
  g_autoptr(GString) middle = g_string_new (NULL);
  GString *key = g_string_sized_new (64);

  /* a character cut short at the end would be stepped over with its NUL */
  if (!g_utf8_validate (p, -1, NULL))
    p = valid = g_utf8_make_valid (p, -1);
  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p == start)
        continue;
      if (n_words == 0)
        first = start, first_len = p - start;
      else if (n_words >= 2)
        {
          /* the word before this one is a middle one */
          if (middle->len > 0)
            g_string_append_c (middle, ' ');
          g_string_append_len (middle, pending, pending_len);
        }
      pending = start, pending_len = p - start;
      n_words++;
    }

  if (n_words == 1)
    append_collate_key (key, 0, first, first_len);
  else
    append_collate_key (key, 0, pending, pending_len);
  g_string_append_c (key, KEY_FIELD_END);
  append_collate_key (key, 0, n_words > 1 ? first : "", n_words > 1 ? (gssize) first_len : 0);
  g_string_append_c (key, KEY_FIELD_END);
  append_collate_key (key, 0, middle->str, middle->len);
  return g_string_free (key, FALSE);
}

void
thidua_text_person_keys (const char *full_name, GString *fold, GString *sort_key)
{
  const Props *props = props_table ();
  gsize first_start = 0, first_end = 0, second_start = 0, prev_end = 0, last_start = 0, last_end = 0;
  gsize before_last_end = 0, base;
  guint n_words = 0;
  Ucs u;

  if (full_name == NULL)
    full_name = "";
  /* the fold alone needs no decomposition */
  if (fold != NULL && sort_key == NULL && append_fold_fast (fold, full_name, strlen (full_name)))
    return;
  ucs_init (&u);
  /* Anything the table does not decompose (other scripts, marks of their
   * own, invalid UTF-8) is keyed the old way, each key on its own. */
  if (!decompose_fast (full_name, -1, &u))
    {
      ucs_clear (&u);
      if (fold != NULL)
        thidua_text_fold_append (fold, full_name);
      if (sort_key != NULL)
        {
          g_autofree char *k = thidua_text_person_sort_key (full_name);
          g_string_append (sort_key, k);
        }
      return;
    }
  if (fold != NULL)
    append_fold (fold, &u);
  if (sort_key == NULL)
    {
      ucs_clear (&u);
      return;
    }

  /* The words as thidua_text_person_sort_key() finds them: no code point
   * the table yields is white space unless the text's own was (the table
   * decomposes no space, and nothing into one), so the words of the NFD
   * are the NFD of the words. */
  for (gsize i = 0; i < u.n;)
    {
      gsize start;

      while (i < u.n && is_space (props, u.c[i]))
        i++;
      start = i;
      while (i < u.n && !is_space (props, u.c[i]))
        i++;
      if (i == start)
        continue;
      if (n_words == 0)
        first_start = start, first_end = i;
      else if (n_words == 1)
        second_start = start;
      before_last_end = prev_end;
      prev_end = i;
      last_start = start, last_end = i;
      n_words++;
    }

  base = sort_key->len;
  /* given name (the last word; the only one), family name (the first),
   * the middle ones: their white space between counts as one space in the
   * key, as the one space that joins them in thidua_text_person_sort_key() */
  if (n_words == 1)
    collate_ucs (sort_key, base, u.c + first_start, first_end - first_start);
  else
    collate_ucs (sort_key, base, u.c + last_start, last_end - last_start);
  g_string_append_c (sort_key, KEY_FIELD_END);
  if (n_words > 1)
    collate_ucs (sort_key, base, u.c + first_start, first_end - first_start);
  else
    collate_ucs (sort_key, base, u.c, 0);
  g_string_append_c (sort_key, KEY_FIELD_END);
  if (n_words > 2)
    collate_ucs (sort_key, base, u.c + second_start, before_last_end - second_start);
  else
    collate_ucs (sort_key, base, u.c, 0);
  ucs_clear (&u);
}
