#include "annotate/consequence.h"

#include <array>
#include <bit>

namespace zenome {

namespace {
struct TermInfo {
  std::string_view term;
  std::string_view accession;
  Impact impact;
};

// Indexed by Consequence; order and impacts follow VEP's consequence table.
constexpr std::array<TermInfo, static_cast<size_t>(Consequence::kCount)> kTerms = {{
    {"transcript_ablation", "SO:0001893", Impact::kHigh},
    {"splice_acceptor_variant", "SO:0001574", Impact::kHigh},
    {"splice_donor_variant", "SO:0001575", Impact::kHigh},
    {"stop_gained", "SO:0001587", Impact::kHigh},
    {"frameshift_variant", "SO:0001589", Impact::kHigh},
    {"stop_lost", "SO:0001578", Impact::kHigh},
    {"start_lost", "SO:0002012", Impact::kHigh},
    {"transcript_amplification", "SO:0001889", Impact::kHigh},
    {"feature_elongation", "SO:0001907", Impact::kModifier},
    {"feature_truncation", "SO:0001906", Impact::kModifier},
    {"inframe_insertion", "SO:0001821", Impact::kModerate},
    {"inframe_deletion", "SO:0001822", Impact::kModerate},
    {"missense_variant", "SO:0001583", Impact::kModerate},
    {"protein_altering_variant", "SO:0001818", Impact::kModerate},
    {"splice_donor_5th_base_variant", "SO:0001787", Impact::kLow},
    {"splice_region_variant", "SO:0001630", Impact::kLow},
    {"splice_donor_region_variant", "SO:0002170", Impact::kLow},
    {"splice_polypyrimidine_tract_variant", "SO:0002169", Impact::kLow},
    {"incomplete_terminal_codon_variant", "SO:0001626", Impact::kLow},
    {"start_retained_variant", "SO:0002019", Impact::kLow},
    {"stop_retained_variant", "SO:0001567", Impact::kLow},
    {"synonymous_variant", "SO:0001819", Impact::kLow},
    {"coding_sequence_variant", "SO:0001580", Impact::kModifier},
    {"5_prime_UTR_variant", "SO:0001623", Impact::kModifier},
    {"3_prime_UTR_variant", "SO:0001624", Impact::kModifier},
    {"non_coding_transcript_exon_variant", "SO:0001792", Impact::kModifier},
    {"intron_variant", "SO:0001627", Impact::kModifier},
    {"NMD_transcript_variant", "SO:0001621", Impact::kModifier},
    {"non_coding_transcript_variant", "SO:0001619", Impact::kModifier},
    {"upstream_gene_variant", "SO:0001631", Impact::kModifier},
    {"downstream_gene_variant", "SO:0001632", Impact::kModifier},
    {"intergenic_variant", "SO:0001628", Impact::kModifier},
}};

const TermInfo& Info(Consequence c) {
  return kTerms[static_cast<size_t>(c)];
}
}  // namespace

std::string_view SoTerm(Consequence consequence) {
  return Info(consequence).term;
}
std::string_view SoAccession(Consequence consequence) {
  return Info(consequence).accession;
}
Impact ImpactOf(Consequence consequence) {
  return Info(consequence).impact;
}

std::string_view ImpactName(Impact impact) {
  switch (impact) {
    case Impact::kHigh: return "HIGH";
    case Impact::kModerate: return "MODERATE";
    case Impact::kLow: return "LOW";
    case Impact::kModifier: return "MODIFIER";
  }
  return "MODIFIER";
}

std::optional<Consequence> ConsequenceFromSoTerm(std::string_view term) {
  for (size_t i = 0; i < kTerms.size(); ++i) {
    if (kTerms[i].term == term) return static_cast<Consequence>(i);
  }
  return std::nullopt;
}

namespace {
// One bit per term (kCount < 64).
constexpr uint64_t kKnownBits = (uint64_t{1} << kTerms.size()) - 1;
static_assert(kTerms.size() < 64);
}  // namespace

Consequence ConsequenceSet::MostSevere() const {
  // Bits are in severity order: the lowest set bit is the most severe term.
  const uint64_t known = bits_ & kKnownBits;
  return known == 0 ? Consequence::kIntergenic : static_cast<Consequence>(std::countr_zero(known));
}

std::string ConsequenceSet::Join(char separator) const {
  std::string out;
  AppendJoined(separator, out);
  return out;
}

void ConsequenceSet::AppendJoined(char separator, std::string& out) const {
  bool first = true;
  for (uint64_t rest = bits_ & kKnownBits; rest != 0; rest &= rest - 1) {
    if (!first) out.push_back(separator);
    first = false;
    out += kTerms[std::countr_zero(rest)].term;
  }
}

}  // namespace zenome
