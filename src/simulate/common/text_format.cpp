#include "simulate/common/text_format.h"

#include <charconv>

namespace zenome::simulate {

void AppendInt(std::string& out, int64_t value) {
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out.append(buffer, result.ptr);
}

void AppendGeneral(std::string& out, double value, int digits) {
  if (value == 0) {
    out += '0';
    return;
  }
  char buffer[48];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::general, digits);
  out.append(buffer, result.ptr);
}

void AppendFixed(std::string& out, double value, int decimals) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::fixed, decimals);
  out.append(buffer, result.ptr);
}

}  // namespace zenome::simulate
