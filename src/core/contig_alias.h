#pragma once
// Contig alias files (`--contig-alias FILE`): the names different sources give one contig, so that
// a RefSeq gene model (NC_000001.11) meets a reference that says chr1, and the other way round.
//
// The file: one contig a line, its names separated by spaces or tabs (two or more: "NC_000001.11
// chr1", or a UCSC chromAlias line "chr1 1 CM000663.2 NC_000001.11"); lines starting with '#'
// and blank lines are skipped; plain, gzip or bgzip. A name on two lines must name the same
// contig there (a repeated line adds nothing); names hold no control characters and are UTF-8.
//
// Each line becomes one group of names. Its key is the builtin canonical name (contig_names.h) of
// the member whose builtin canonical name is shortest, the first on the line on a tie: NC_000001.11
// and chr1 → "1", NC_012920.1 and chrM → "MT". Once installed, CanonicalContigName gives every
// member (and every spelling the builtin rule unifies with one, such as "1" or "CHR1") that key,
// so every lookup, the refusal of a source that names one contig twice, the genetic code of chrM
// and build detection see one contig.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace zenome {

class ContigAliases {
 public:
  ContigAliases() = default;

  // The key of the group a name belongs to, from its builtin canonical name; nullptr when no line
  // names that contig.
  const std::string* KeyOf(const std::string& builtin_canonical) const;
  // Every name the file gives the contig `any_name` denotes, in file order; empty when none.
  std::vector<std::string> NamesOf(std::string_view any_name) const;

  size_t contigs() const { return groups_.size(); }
  const std::string& path() const { return path_; }

 private:
  friend Result<ContigAliases> ParseContigAliases(std::string_view text, const std::string& path);

  struct Group {
    std::string key;
    std::vector<std::string> names;  // as the line spells them, without repeats
    int64_t line = 0;                // where it was named first
  };
  std::string path_;
  std::vector<Group> groups_;
  std::unordered_map<std::string, size_t> group_by_canonical_;  // builtin canonical → groups_ index
};

// Reads an alias file. NotFound when it cannot be opened, Io when its gzip is broken, BadInput
// naming the file, line and field for a line of one name, a name on two lines of different
// contigs, a control character or byte that is not UTF-8 in a name, or a file with no alias line.
Result<ContigAliases> LoadContigAliases(const std::string& path);
// The same on the file's text (`path` names it in errors).
Result<ContigAliases> ParseContigAliases(std::string_view text, const std::string& path);

// Makes `aliases` the process's table, consulted by every CanonicalContigName from then on. Call it
// once, before any work and before threads start (the command line does so before it runs a
// command): sources opened earlier keep the names they indexed, and the table is read without a
// lock. It replaces a table installed before.
void InstallContigAliases(ContigAliases aliases);

// The installed table, nullptr when there is none.
const ContigAliases* InstalledContigAliases();

// Installs a table for the lifetime of the object and restores the previous one after (tests, and
// the command line around one command). The same rule as InstallContigAliases: create and destroy
// it while no other thread looks up contig names.
class ScopedContigAliases {
 public:
  explicit ScopedContigAliases(ContigAliases aliases);
  ~ScopedContigAliases();
  ScopedContigAliases(const ScopedContigAliases&) = delete;
  ScopedContigAliases& operator=(const ScopedContigAliases&) = delete;

 private:
  std::unique_ptr<const ContigAliases> table_;
  const ContigAliases* previous_ = nullptr;
};

}  // namespace zenome
