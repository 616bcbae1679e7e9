#pragma once
// Outputs are written under a temporary name beside their final one and renamed into place only
// when complete, so a failed or killed run never leaves a half-written file under the name the
// user asked for (rename is atomic within a directory).

#include <string>

#include "core/status.h"

namespace zenome {

// "dir/.name.tmp-PID" for "dir/name".
std::string TemporaryPathFor(const std::string& path);
// Renames the finished temporary file to its final name.
Status MoveIntoPlace(const std::string& temporary, const std::string& path);

}  // namespace zenome
