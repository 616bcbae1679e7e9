#pragma once
// The installed contig alias table (contig_alias.h), read by CanonicalContigName
// (contig_names.cpp) with one relaxed load: it is installed before any thread that looks up
// contig names starts, so starting those threads publishes it.

#include <atomic>

namespace zenome {

class ContigAliases;

namespace internal {
extern std::atomic<const ContigAliases*> installed_contig_aliases;
}  // namespace internal

}  // namespace zenome
