#include "CUTF8.h"

#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

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

// A 16-entry table in both 128-bit lanes (AVX2's byte shuffle looks up within a lane).
#define TABLE(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p)                                         \
  _mm256_broadcastsi128_si256(_mm_setr_epi8((char)(a), (char)(b), (char)(c), (char)(d), (char)(e),    \
                                            (char)(f), (char)(g), (char)(h), (char)(i), (char)(j),    \
                                            (char)(k), (char)(l), (char)(m), (char)(n), (char)(o), (char)(p)))

__attribute__((target("avx2"))) static int is_text_avx2(const uint8_t *bytes, size_t count) {
  // By the high nibble of the first byte of a pair.
  const __m256i first_high = TABLE(
      TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,  // ASCII
      TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,                                      // continuation
      TOO_SHORT | OVERLONG_2,                                                          // C_
      TOO_SHORT,                                                                       // D_
      TOO_SHORT | OVERLONG_3 | SURROGATE,                                              // E_
      TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4);                            // F_
  // By the low nibble of the first byte.
  const __m256i first_low = TABLE(
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
  const __m256i second_high = TABLE(
      TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,  // ASCII
      TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,            // 8_
      TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,                              // 9_
      TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,                               // A_
      TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,                               // B_
      TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);                                             // lead
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  // A block that ends inside a sequence: its last byte a lead byte, the one before it the
  // lead of three or four bytes, the one before that the lead of four.
  const __m256i complete_below = _mm256_setr_epi8(
      -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
      -1, -1, -1, (char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
  const __m256i last_control = _mm256_set1_epi8(0x1F);
  const __m256i tab = _mm256_set1_epi8(0x09);
  const __m256i four = _mm256_set1_epi8(4);
  const __m256i escape = _mm256_set1_epi8(0x1B);
  const __m256i third_lead = _mm256_set1_epi8((char)(0xE0 - 0x80));
  const __m256i fourth_lead = _mm256_set1_epi8((char)(0xF0 - 0x80));
  const __m256i high_bit = _mm256_set1_epi8((char)0x80);

  __m256i error = _mm256_setzero_si256();
  __m256i previous = _mm256_setzero_si256();
  __m256i previous_incomplete = _mm256_setzero_si256();
  uint8_t tail[32];
  for (size_t index = 0; index < count; index += 32) {
    __m256i input;
    if (count - index >= 32) {
      input = _mm256_loadu_si256((const __m256i *)(bytes + index));
    } else {
      // The last bytes, then spaces: text that ends a sequence early meets a space.
      memset(tail, ' ', sizeof tail);
      memcpy(tail, bytes + index, count - index);
      input = _mm256_loadu_si256((const __m256i *)tail);
    }
    // Control characters: 00–1F but 09–0D and 1B.
    __m256i control = _mm256_cmpeq_epi8(_mm256_min_epu8(input, last_control), input);
    __m256i from_tab = _mm256_sub_epi8(input, tab);
    __m256i allowed = _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(from_tab, four), from_tab),
                                      _mm256_cmpeq_epi8(input, escape));
    error = _mm256_or_si256(error, _mm256_andnot_si256(allowed, control));
    if (_mm256_movemask_epi8(input) == 0) {
      // ASCII: right unless the block before ended inside a sequence.
      error = _mm256_or_si256(error, previous_incomplete);
    } else {
      // The bytes one, two and three places before each byte (across the two lanes and
      // from the block before).
      __m256i before = _mm256_permute2x128_si256(previous, input, 0x21);
      __m256i previous1 = _mm256_alignr_epi8(input, before, 15);
      __m256i previous2 = _mm256_alignr_epi8(input, before, 14);
      __m256i previous3 = _mm256_alignr_epi8(input, before, 13);
      __m256i special = _mm256_and_si256(
          _mm256_and_si256(
              _mm256_shuffle_epi8(first_high, _mm256_and_si256(_mm256_srli_epi16(previous1, 4), nibble)),
              _mm256_shuffle_epi8(first_low, _mm256_and_si256(previous1, nibble))),
          _mm256_shuffle_epi8(second_high, _mm256_and_si256(_mm256_srli_epi16(input, 4), nibble)));
      // Where a continuation byte must be: two after a lead of three or four bytes, three
      // after a lead of four.
      __m256i must_continue = _mm256_and_si256(
          _mm256_or_si256(_mm256_subs_epu8(previous2, third_lead), _mm256_subs_epu8(previous3, fourth_lead)),
          high_bit);
      error = _mm256_or_si256(error, _mm256_xor_si256(must_continue, special));
      previous_incomplete = _mm256_subs_epu8(input, complete_below);
    }
    previous = input;
  }
  error = _mm256_or_si256(error, previous_incomplete);
  return _mm256_testz_si256(error, error);
}

int ptx_utf8_is_text(const uint8_t *bytes, size_t count) {
  if (count == 0) return 1;
  if (!__builtin_cpu_supports("avx2")) return 0;
  return is_text_avx2(bytes, count);
}

#else

int ptx_utf8_is_text(const uint8_t *bytes, size_t count) {
  (void)bytes;
  return count == 0;
}

#endif
