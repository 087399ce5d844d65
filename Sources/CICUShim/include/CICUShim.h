// A thin C wrapper over the ICU C API. Only plain C types cross this header, and
// every symbol carries the `ptx_icu_` prefix, so Swift never sees ICU's own
// (version-renamed) symbols or types.
#ifndef PTX_ICU_SHIM_H
#define PTX_ICU_SHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The ICU version string, e.g. "72.1".
const char *ptx_icu_version(void);

/// The name of an ICU error code, e.g. "U_INVALID_ID".
const char *ptx_icu_error_name(int32_t error);

/// The ICU script code (UScriptCode) of a code point; -1 on error.
int32_t ptx_icu_script(uint32_t codePoint);

/// Writes the script extensions of a code point; returns their count (may exceed capacity).
int32_t ptx_icu_script_extensions(uint32_t codePoint, int32_t *codes, int32_t capacity);

/// The ISO 15924 code of an ICU script code, e.g. "Latn"; "Zzzz" when unknown.
const char *ptx_icu_script_short_name(int32_t scriptCode);

/// 1 when the code point is alphabetic (Unicode Alphabetic property), else 0.
int32_t ptx_icu_is_alphabetic(uint32_t codePoint);

/// 1 when the code point is a lowercase letter, else 0.
int32_t ptx_icu_is_lowercase(uint32_t codePoint);

/// 1 when the code point is a digit (general category Nd), else 0.
int32_t ptx_icu_is_digit(uint32_t codePoint);

/// The number of terminal columns a code point takes: 0, 1 or 2.
int32_t ptx_icu_display_width(uint32_t codePoint);

/// The rule text of a system transliterator such as "Hans-Hant", as UTF-16.
/// Returns the full length; the text is written only when it fits in capacity.
int32_t ptx_icu_transliterator_rules(const char *identifier, uint16_t *rules, int32_t capacity,
                                     int32_t *error);

/// The rule source of a system rule-based transliterator such as "Hans-Hant" as ICU's data
/// holds it (`A↔B;` rules, uncompiled), as UTF-16, and in *reverse whether the rules apply
/// in reverse. Returns the full length (0 with *error set when ICU's data has no such
/// source); the text is written only when it fits in capacity.
int32_t ptx_icu_transliterator_source(const char *identifier, uint16_t *rules, int32_t capacity,
                                      int32_t *reverse, int32_t *error);

/// An opaque ICU transliterator.
typedef struct ptx_icu_transliterator ptx_icu_transliterator;

/// Opens a system transliterator by identifier; NULL with *error set on failure.
ptx_icu_transliterator *ptx_icu_transliterator_open(const char *identifier, int32_t *error);

/// Closes a transliterator opened with ptx_icu_transliterator_open.
void ptx_icu_transliterator_close(ptx_icu_transliterator *transliterator);

/// Transliterates UTF-16 text in place; returns the new length, which may exceed
/// capacity (then *error is U_BUFFER_OVERFLOW_ERROR and the caller retries larger).
int32_t ptx_icu_transliterate(const ptx_icu_transliterator *transliterator, uint16_t *text,
                              int32_t length, int32_t capacity, int32_t *error);

/// Word boundaries (UTF-16 offsets, including 0 and length) of text, using ICU's
/// dictionary-based word break iterator for the given locale (e.g. "zh").
/// Returns the count, which may exceed capacity. Each thread keeps its iterator for the
/// next call (opening one costs more than most texts do to break).
int32_t ptx_icu_word_boundaries(const char *locale, const uint16_t *text, int32_t length,
                                int32_t *boundaries, int32_t capacity, int32_t *error);

#ifdef __cplusplus
}
#endif

#endif
