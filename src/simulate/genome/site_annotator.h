#pragma once
// A small consequence classifier against the canonical transcripts of one contig's simulated
// genes. The simulator uses it to apply purifying selection (damaging population variants are
// kept rare) and to fill ClinVar's MC field; it is not the annotator (src/annotate is), and it
// looks at the canonical transcript only.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "simulate/genome/gene_model.h"

namespace zenome::simulate {

enum class SiteEffect {
  kIntergenic,
  kIntron,
  kSpliceRegion,    // 3-8 bases into the intron or 1-3 bases into the exon at a junction
  kSpliceDonor,     // the intron's first two bases
  kSpliceAcceptor,  // the intron's last two bases
  kUtr5,
  kUtr3,
  kSynonymous,
  kMissense,
  kStopGained,
  kStopLost,
  kStartLost,
  kFrameshift,
  kInframeIndel,
  kNoncodingExon,
};

std::string_view SiteEffectTerm(SiteEffect effect);       // "missense_variant", ...
std::string_view SiteEffectAccession(SiteEffect effect);  // "SO:0001583"
// ClinVar's MC spelling ("nonsense" for stop_gained), with its accession: "SO:0001587|nonsense".
std::string ClinvarMolecularConsequence(SiteEffect effect);
// True for stop gained/lost, start lost, frameshift and canonical splice sites.
bool IsLossOfFunction(SiteEffect effect);

struct SiteAnnotation {
  SiteEffect effect = SiteEffect::kIntergenic;
  const SimGene* gene = nullptr;  // the gene whose canonical transcript gave the effect
};

class SiteAnnotator {
 public:
  // `genes` (sorted by start) must outlive the annotator; `bases` is read only here.
  SiteAnnotator(const std::string& bases, const std::vector<SimGene>& genes);

  // The most severe effect on any overlapping canonical transcript. Any order of queries works;
  // increasing positions are fastest.
  SiteAnnotation Annotate(int64_t pos0, std::string_view ref, std::string_view alt);

 private:
  struct Entry {
    const SimGene* gene;
    TranscriptMap map;
    std::string spliced;  // coding genes only
  };
  SiteEffect EffectOn(const Entry& entry, int64_t pos0, std::string_view ref, std::string_view alt) const;

  std::vector<Entry> entries_;
  int64_t max_span_ = 0;
  size_t cursor_ = 0;
};

}  // namespace zenome::simulate
