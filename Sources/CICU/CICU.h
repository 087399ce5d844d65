// Link flags for ICU only; Swift code never imports this module (see CICUShim).
#include <unicode/uversion.h>
