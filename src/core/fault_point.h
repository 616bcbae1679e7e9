#pragma once
// A test seam for fault injection. The store's writers announce each step that matters for crash
// safety by name (FaultPoint("ingest.renamed")) and ask before each durable write, fsync, rename
// and commit whether it should fail (WriteFault("file.write", path, "write failed")). Without a
// handler, which is always the case outside test programs, both cost one atomic load. Library
// code never reads the environment for this: a test program installs the handler
// (tests/faults/fault_runner.cpp).

#include <string>

#include "core/status.h"

namespace zenome {

enum class FaultKind {
  kStep,   // a point where a crash may land
  kWrite,  // a durable write, fsync, rename or commit, which a handler may also make fail
};

// Returns 0 to go on, or (at kWrite points) an errno value that the write then fails with. It may
// also never return (a handler that kills the process). Called from any thread.
using FaultHandler = int (*)(const char* name, FaultKind kind);

// Installs `handler` for the whole process (nullptr removes it).
void SetFaultHandler(FaultHandler handler);

// A step: the handler may kill the process here.
void FaultPoint(const char* name);

// A durable write of `path`: Ok, or the failure a handler injects, worded as the real one would
// be ("PATH: WHAT: No space left on device").
[[nodiscard]] Status WriteFault(const char* name, const std::string& path, const char* what);

}  // namespace zenome
