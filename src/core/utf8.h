#pragma once
// Text from knowledge-base files ends up in VCF INFO fields, TSV cells and JSON strings, all of
// which must be UTF-8 without control characters. These helpers find and percent-encode what is
// not (as VCF 4.3 encodes its special characters), so nothing is lost and nothing breaks.

#include <string>
#include <string_view>

namespace zenome {

// True when `text` is well-formed UTF-8 (no stray continuation bytes, overlong forms,
// surrogates or code points above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Length of the well-formed UTF-8 sequence that starts at text[at] (1 for ASCII), or 0 when the
// bytes there are not well-formed UTF-8.
size_t Utf8SequenceLength(std::string_view text, size_t at);

// "%XX" for one byte, as VCF 4.3 percent-encodes.
void AppendPercentEncoded(unsigned char byte, std::string& out);

struct UnsafeText {
  bool control = false;       // C0 control characters (NUL, tab, newline, ...) or DEL
  bool invalid_utf8 = false;  // bytes that are not part of well-formed UTF-8
  bool any() const { return control || invalid_utf8; }
};
UnsafeText FindUnsafeText(std::string_view text);

// `text` with every control character and every byte of malformed UTF-8 written as %XX.
std::string PercentEncodeUnsafe(std::string_view text);

}  // namespace zenome
