#include "CUTF8.h"

#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <tmmintrin.h>

// The method of Keiser and Lemire, "Validating UTF-8 in less than one instruction per byte"
// (Software: Practice and Experience 51(5), 2021): each byte and the one before it are looked
// up by their nibbles in three 16-entry tables, whose entries are sets of error bits; a pair
// is in error when the three sets share a bit. Bit 7 marks a continuation byte after a
// continuation byte, which is right exactly where a three- or four-byte sequence needs it.
enum {
  TOO_SHORT = 1 << 0,       // a lead byte not followed by a continuation byte
  TOO_LONG = 1 << 1,        // a continuation byte after an ASCII byte
  OVERLONG_3 = 1 << 2,      // E0 80–9F
  TOO_LARGE = 1 << 3,       // F4 90–BF, F5–FF
  SURROGATE = 1 << 4,       // ED A0–BF
  OVERLONG_2 = 1 << 5,      // C0, C1
  TOO_LARGE_1000 = 1 << 6,  // F5–FF 80–8F
  OVERLONG_4 = 1 << 6,      // F0 80–8F
  TWO_CONTS = 1 << 7,       // a continuation byte after a continuation byte
  CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS,
};

#define TABLE(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p) \
  _mm_setr_epi8((char)(a), (char)(b), (char)(c), (char)(d), (char)(e), (char)(f), (char)(g), (char)(h), \
                (char)(i), (char)(j), (char)(k), (char)(l), (char)(m), (char)(n), (char)(o), (char)(p))

__attribute__((target("ssse3"))) static int is_text_ssse3(const uint8_t *bytes, size_t count) {
  // By the high nibble of the first byte of a pair.
  const __m128i first_high = TABLE(
      TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,  // ASCII
      TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,                                      // continuation
      TOO_SHORT | OVERLONG_2,                                                          // C_
      TOO_SHORT,                                                                       // D_
      TOO_SHORT | OVERLONG_3 | SURROGATE,                                              // E_
      TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4);                            // F_
  // By the low nibble of the first byte.
  const __m128i first_low = TABLE(
      CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,  // _0
      CARRY | OVERLONG_2,                            // _1
      CARRY, CARRY,                                  // _2, _3
      CARRY | TOO_LARGE,                             // _4
      CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
      CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
      CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
      CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
      CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,  // _D
      CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000);
  // By the high nibble of the second byte.
  const __m128i second_high = TABLE(
      TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,  // ASCII
      TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,            // 8_
      TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,                              // 9_
      TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,                               // A_
      TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,                               // B_
      TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);                                             // lead
  const __m128i nibble = _mm_set1_epi8(0x0F);
  // A block that ends inside a sequence: its last byte a lead byte, the one before it the
  // lead of three or four bytes, the one before that the lead of four.
  const __m128i complete_below = TABLE(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                       0xFF, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1);
  const __m128i last_control = _mm_set1_epi8(0x1F);
  const __m128i tab = _mm_set1_epi8(0x09);
  const __m128i four = _mm_set1_epi8(4);
  const __m128i escape = _mm_set1_epi8(0x1B);

  __m128i error = _mm_setzero_si128();
  __m128i previous = _mm_setzero_si128();
  __m128i previous_incomplete = _mm_setzero_si128();
  uint8_t tail[16];
  for (size_t index = 0; index < count; index += 16) {
    __m128i input;
    if (count - index >= 16) {
      input = _mm_loadu_si128((const __m128i *)(bytes + index));
    } else {
      // The last bytes, then spaces: text that ends a sequence early meets a space.
      memset(tail, ' ', sizeof tail);
      memcpy(tail, bytes + index, count - index);
      input = _mm_loadu_si128((const __m128i *)tail);
    }
    // Control characters: 00–1F but 09–0D and 1B.
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(input, last_control), input);
    __m128i from_tab = _mm_sub_epi8(input, tab);
    __m128i allowed = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(from_tab, four), from_tab),
                                   _mm_cmpeq_epi8(input, escape));
    error = _mm_or_si128(error, _mm_andnot_si128(allowed, control));
    if (_mm_movemask_epi8(input) == 0) {
      // ASCII: right unless the block before ended inside a sequence.
      error = _mm_or_si128(error, previous_incomplete);
    } else {
      __m128i previous1 = _mm_alignr_epi8(input, previous, 15);
      __m128i special = _mm_and_si128(
          _mm_and_si128(_mm_shuffle_epi8(first_high, _mm_and_si128(_mm_srli_epi16(previous1, 4), nibble)),
                        _mm_shuffle_epi8(first_low, _mm_and_si128(previous1, nibble))),
          _mm_shuffle_epi8(second_high, _mm_and_si128(_mm_srli_epi16(input, 4), nibble)));
      // Where a continuation byte must be: two after a lead of three or four bytes, three
      // after a lead of four.
      __m128i previous2 = _mm_alignr_epi8(input, previous, 14);
      __m128i previous3 = _mm_alignr_epi8(input, previous, 13);
      __m128i must_continue = _mm_or_si128(_mm_subs_epu8(previous2, _mm_set1_epi8((char)(0xE0 - 0x80))),
                                           _mm_subs_epu8(previous3, _mm_set1_epi8((char)(0xF0 - 0x80))));
      must_continue = _mm_and_si128(must_continue, _mm_set1_epi8((char)0x80));
      error = _mm_or_si128(error, _mm_xor_si128(must_continue, special));
      previous_incomplete = _mm_subs_epu8(input, complete_below);
    }
    previous = input;
  }
  error = _mm_or_si128(error, previous_incomplete);
  return _mm_movemask_epi8(_mm_cmpeq_epi8(error, _mm_setzero_si128())) == 0xFFFF;
}

int ptx_utf8_is_text(const uint8_t *bytes, size_t count) {
  if (count == 0) return 1;
  if (!__builtin_cpu_supports("ssse3")) return 0;
  return is_text_ssse3(bytes, count);
}

#else

int ptx_utf8_is_text(const uint8_t *bytes, size_t count) {
  (void)bytes;
  return count == 0;
}

#endif
