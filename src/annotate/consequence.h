#pragma once
// Sequence Ontology consequence terms, in VEP's severity order (most severe first), with VEP's
// IMPACT classes. A ConsequenceSet holds all terms one allele has on one transcript.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zenome {

enum class Consequence : uint8_t {
  kTranscriptAblation,
  kSpliceAcceptor,
  kSpliceDonor,
  kStopGained,
  kFrameshift,
  kStopLost,
  kStartLost,
  kTranscriptAmplification,
  kFeatureElongation,
  kFeatureTruncation,
  kInframeInsertion,
  kInframeDeletion,
  kMissense,
  kProteinAltering,
  kSpliceDonor5thBase,
  kSpliceRegion,
  kSpliceDonorRegion,
  kSplicePolypyrimidineTract,
  kIncompleteTerminalCodon,
  kStartRetained,
  kStopRetained,
  kSynonymous,
  kCodingSequence,
  kFivePrimeUtr,
  kThreePrimeUtr,
  kNonCodingTranscriptExon,
  kIntron,
  kNmdTranscript,
  kNonCodingTranscript,
  kUpstreamGene,
  kDownstreamGene,
  kIntergenic,
  kCount,
};

enum class Impact : uint8_t { kHigh, kModerate, kLow, kModifier };

std::string_view SoTerm(Consequence consequence);       // "missense_variant"
std::string_view SoAccession(Consequence consequence);  // "SO:0001583"
Impact ImpactOf(Consequence consequence);
std::string_view ImpactName(Impact impact);  // "HIGH"
std::optional<Consequence> ConsequenceFromSoTerm(std::string_view term);

class ConsequenceSet {
 public:
  void Add(Consequence c) { bits_ |= Bit(c); }
  void Remove(Consequence c) { bits_ &= ~Bit(c); }
  bool Has(Consequence c) const { return (bits_ & Bit(c)) != 0; }
  bool empty() const { return bits_ == 0; }
  // Most severe term; kIntergenic when empty.
  Consequence MostSevere() const;
  Impact HighestImpact() const { return ImpactOf(MostSevere()); }
  // Terms joined by '&' in severity order, as VEP writes them in CSQ.
  std::string Join(char separator = '&') const;
  // Join, appended to `out`.
  void AppendJoined(char separator, std::string& out) const;
  uint64_t bits() const { return bits_; }
  friend bool operator==(ConsequenceSet, ConsequenceSet) = default;

 private:
  static uint64_t Bit(Consequence c) { return uint64_t{1} << static_cast<unsigned>(c); }
  uint64_t bits_ = 0;
};

}  // namespace zenome
