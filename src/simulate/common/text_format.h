#pragma once
// Number formatting for the simulator's text outputs (VCF, CSV, TSV), without locale or allocation,
// so the same value always gives the same bytes.

#include <cstdint>
#include <string>

namespace zenome::simulate {

void AppendInt(std::string& out, int64_t value);
// Shortest general form with at most `digits` significant digits ("0.00123", "1.5e-05").
void AppendGeneral(std::string& out, double value, int digits);
void AppendFixed(std::string& out, double value, int decimals);

}  // namespace zenome::simulate
