#include "CICUShim.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/udata.h>
#include <unicode/ures.h>
#include <unicode/uscript.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

const char *ptx_icu_version(void) {
  static char text[U_MAX_VERSION_STRING_LENGTH];
  UVersionInfo info;
  u_getVersion(info);
  u_versionToString(info, text);
  return text;
}

const char *ptx_icu_error_name(int32_t error) { return u_errorName((UErrorCode)error); }

int32_t ptx_icu_script(uint32_t codePoint) {
  UErrorCode error = U_ZERO_ERROR;
  UScriptCode code = uscript_getScript((UChar32)codePoint, &error);
  return U_FAILURE(error) ? -1 : (int32_t)code;
}

int32_t ptx_icu_script_extensions(uint32_t codePoint, int32_t *codes, int32_t capacity) {
  UErrorCode error = U_ZERO_ERROR;
  UScriptCode buffer[64];
  int32_t count = uscript_getScriptExtensions((UChar32)codePoint, buffer, 64, &error);
  if (U_FAILURE(error) && error != U_BUFFER_OVERFLOW_ERROR) return 0;
  for (int32_t i = 0; i < count && i < capacity && i < 64; i++) codes[i] = (int32_t)buffer[i];
  return count;
}

const char *ptx_icu_script_short_name(int32_t scriptCode) {
  const char *name = uscript_getShortName((UScriptCode)scriptCode);
  return name ? name : "Zzzz";
}

int32_t ptx_icu_is_alphabetic(uint32_t codePoint) { return u_isUAlphabetic((UChar32)codePoint) ? 1 : 0; }

int32_t ptx_icu_is_lowercase(uint32_t codePoint) { return u_islower((UChar32)codePoint) ? 1 : 0; }

int32_t ptx_icu_is_digit(uint32_t codePoint) { return u_isdigit((UChar32)codePoint) ? 1 : 0; }

int32_t ptx_icu_display_width(uint32_t codePoint) {
  UChar32 c = (UChar32)codePoint;
  int8_t type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) return 0;
  if (c == 0x200B) return 0;
  int32_t width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return (width == U_EA_WIDE || width == U_EA_FULLWIDTH) ? 2 : 1;
}

int32_t ptx_icu_transliterator_rules(const char *identifier, uint16_t *rules, int32_t capacity,
                                     int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  UChar id[128];
  u_uastrncpy(id, identifier, 127);
  id[127] = 0;
  UTransliterator *transliterator = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
  if (U_FAILURE(status)) {
    *error = status;
    return 0;
  }
  int32_t length = utrans_toRules(transliterator, 0, (UChar *)rules, capacity, &status);
  utrans_close(transliterator);
  *error = (status == U_STRING_NOT_TERMINATED_WARNING) ? U_ZERO_ERROR : status;
  return length;
}

int32_t ptx_icu_transliterator_source(const char *identifier, uint16_t *rules, int32_t capacity,
                                      int32_t *reverse, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  // The rule-based transliterators are listed in the root bundle of ICU's data tree
  // "translit", each with its rule source and the direction to apply it in.
  UResourceBundle *root = ures_openDirect(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "translit", "root", &status);
  UResourceBundle *list = ures_getByKey(root, "RuleBasedTransliteratorIDs", NULL, &status);
  UResourceBundle *entry = ures_getByKey(list, identifier, NULL, &status);
  UResourceBundle *file = ures_getByKey(entry, "file", NULL, &status);
  int32_t length = 0;
  int32_t directionLength = 0;
  const UChar *source = ures_getStringByKey(file, "resource", &length, &status);
  const UChar *direction = ures_getStringByKey(file, "direction", &directionLength, &status);
  if (U_SUCCESS(status)) {
    *reverse = (directionLength > 0 && direction[0] == u'R') ? 1 : 0;
    if (length <= capacity) u_memcpy((UChar *)rules, source, length);
  } else {
    length = 0;
  }
  ures_close(file);
  ures_close(entry);
  ures_close(list);
  ures_close(root);
  *error = status;
  return length;
}

ptx_icu_transliterator *ptx_icu_transliterator_open(const char *identifier, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  UChar id[128];
  u_uastrncpy(id, identifier, 127);
  id[127] = 0;
  UTransliterator *transliterator = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
  *error = status;
  return U_FAILURE(status) ? NULL : (ptx_icu_transliterator *)transliterator;
}

void ptx_icu_transliterator_close(ptx_icu_transliterator *transliterator) {
  if (transliterator) utrans_close((UTransliterator *)transliterator);
}

int32_t ptx_icu_transliterate(const ptx_icu_transliterator *transliterator, uint16_t *text,
                              int32_t length, int32_t capacity, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t textLength = length;
  int32_t limit = length;
  utrans_transUChars((const UTransliterator *)transliterator, (UChar *)text, &textLength, capacity, 0,
                     &limit, &status);
  *error = status;
  return textLength;
}

/// The word break iterator a thread last opened, with its locale: opening one costs more
/// than breaking a sentence (about 40,000 instructions under callgrind), so each thread
/// keeps its own, given new text each time, and closes it when the thread ends.
typedef struct {
  UBreakIterator *iterator;
  char locale[32];
} ptx_word_iterator;

static pthread_key_t word_iterator_key;
static pthread_once_t word_iterator_once = PTHREAD_ONCE_INIT;

static void word_iterator_free(void *value) {
  ptx_word_iterator *kept = value;
  ubrk_close(kept->iterator);
  free(kept);
}

static void word_iterator_key_create(void) { pthread_key_create(&word_iterator_key, word_iterator_free); }

/// This thread's word break iterator for `locale`, opened on first use (NULL on failure).
static UBreakIterator *word_iterator(const char *locale, UErrorCode *status) {
  pthread_once(&word_iterator_once, word_iterator_key_create);
  ptx_word_iterator *kept = pthread_getspecific(word_iterator_key);
  if (kept && strcmp(kept->locale, locale) == 0) return kept->iterator;
  if (strlen(locale) >= sizeof kept->locale) {
    *status = U_ILLEGAL_ARGUMENT_ERROR;
    return NULL;
  }
  UBreakIterator *iterator = ubrk_open(UBRK_WORD, locale, NULL, 0, status);
  if (U_FAILURE(*status)) return NULL;
  if (!kept) {
    kept = malloc(sizeof *kept);
    if (!kept) {
      ubrk_close(iterator);
      *status = U_MEMORY_ALLOCATION_ERROR;
      return NULL;
    }
    pthread_setspecific(word_iterator_key, kept);
  } else {
    ubrk_close(kept->iterator);
  }
  kept->iterator = iterator;
  strcpy(kept->locale, locale);
  return iterator;
}

int32_t ptx_icu_word_boundaries(const char *locale, const uint16_t *text, int32_t length,
                                int32_t *boundaries, int32_t capacity, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *iterator = word_iterator(locale, &status);
  if (iterator) ubrk_setText(iterator, (const UChar *)text, length, &status);
  if (U_FAILURE(status)) {
    *error = status;
    return 0;
  }
  int32_t count = 0;
  for (int32_t p = ubrk_first(iterator); p != UBRK_DONE; p = ubrk_next(iterator)) {
    if (count < capacity) boundaries[count] = p;
    count++;
  }
  *error = U_ZERO_ERROR;
  return count;
}
