#pragma once
// The reference build is explicit everywhere: detected from contig lengths, recorded in outputs,
// and checked when two inputs meet (a GRCh37 VCF never gets annotated against GRCh38).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace zenome {

class Diagnostics;

enum class GenomeBuild { kUnknown, kGRCh37, kGRCh38, kCustom };

std::string_view GenomeBuildName(GenomeBuild build);
// Accepts GRCh38/hg38/b38 and GRCh37/hg19/b37 (any case), or "custom".
Result<GenomeBuild> ParseGenomeBuild(std::string_view text);

struct ContigLength {
  std::string name;  // the source's own spelling
  int64_t length = 0;
};

// GRCh37 or GRCh38 when a primary chromosome's length matches that assembly; kCustom when
// lengths are known but match neither (e.g. a simulated genome); kUnknown when no lengths.
GenomeBuild DetectGenomeBuild(const std::vector<ContigLength>& contigs);

// Fails when a contig present in both lists (under any spelling) has different lengths, naming
// the contig, both lengths and the builds they suggest. Contigs present in one list only are fine.
Status CheckContigsAgree(const std::vector<ContigLength>& ours, std::string_view our_source,
                         const std::vector<ContigLength>& theirs, std::string_view their_source);

// The same check for a VCF read against a reference (annotate, norm): the error says how to
// proceed; with `allow_mismatch` (--allow-contig-length-mismatch, for excerpts and custom
// references whose VCF header kept the full lengths) it is a "contig length mismatch" warning.
Status CheckVcfContigLengths(const std::vector<ContigLength>& reference, std::string_view reference_source,
                             const std::vector<ContigLength>& vcf, std::string_view vcf_source,
                             bool allow_mismatch, Diagnostics& diagnostics);

}  // namespace zenome
