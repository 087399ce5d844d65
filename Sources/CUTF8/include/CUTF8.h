// A fast test that bytes are UTF-8 text, 32 bytes at a time with AVX2 where the CPU has
// it: the check every input takes before it is read. It only answers "certainly text";
// anything else goes to the exact check (TextDecoder.validateUTF8), which finds the first
// offending byte and says what is wrong with it.
#ifndef PTX_UTF8_H
#define PTX_UTF8_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when the `count` bytes are valid UTF-8 (no overlong form, surrogate, value above
/// U+10FFFF nor sequence cut short by the end) holding no C0 control character but tab,
/// line feed, vertical tab, form feed, carriage return and escape. 0 when they are not, and
/// also whenever the fast test cannot run here (a CPU without AVX2, another architecture):
/// 0 means "run the exact check", never "invalid".
int ptx_utf8_is_text(const uint8_t *bytes, size_t count);

#ifdef __cplusplus
}
#endif

#endif
