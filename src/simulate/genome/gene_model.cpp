#include "simulate/genome/gene_model.h"

#include <algorithm>

#include "core/sequence.h"

namespace zenome::simulate {

std::string_view GeneBiotypeName(GeneKind kind) {
  switch (kind) {
    case GeneKind::kProteinCoding: return "protein_coding";
    case GeneKind::kLncRna: return "lncRNA";
    case GeneKind::kProcessedPseudogene: return "processed_pseudogene";
    case GeneKind::kMiRna: return "miRNA";
    case GeneKind::kSnRna: return "snRNA";
    case GeneKind::kSnoRna: return "snoRNA";
  }
  return "protein_coding";
}

TranscriptMap::TranscriptMap(const SimTranscript& transcript, bool reverse)
    : transcript_(&transcript), reverse_(reverse) {
  const size_t n = transcript.exons.size();
  for (size_t k = 0; k < n; ++k) {
    const Interval0& exon = reverse_ ? transcript.exons[n - 1 - k] : transcript.exons[k];
    exon_tx_start_.push_back(length_);
    length_ += exon.length();
  }
}

int64_t TranscriptMap::ToGenomic(int64_t t) const {
  const size_t n = transcript_->exons.size();
  size_t k = std::upper_bound(exon_tx_start_.begin(), exon_tx_start_.end(), t) - exon_tx_start_.begin() - 1;
  const Interval0& exon = reverse_ ? transcript_->exons[n - 1 - k] : transcript_->exons[k];
  int64_t within = t - exon_tx_start_[k];
  return reverse_ ? exon.end - 1 - within : exon.start + within;
}

int64_t TranscriptMap::ToTranscript(int64_t pos0) const {
  const size_t n = transcript_->exons.size();
  for (size_t k = 0; k < n; ++k) {
    const Interval0& exon = reverse_ ? transcript_->exons[n - 1 - k] : transcript_->exons[k];
    if (exon.Contains(pos0)) {
      return exon_tx_start_[k] + (reverse_ ? exon.end - 1 - pos0 : pos0 - exon.start);
    }
  }
  return -1;
}

std::string TranscriptMap::Spliced(const std::string& bases) const {
  std::string spliced;
  spliced.reserve(static_cast<size_t>(length_));
  for (const Interval0& exon : transcript_->exons) {
    spliced.append(bases, static_cast<size_t>(exon.start), static_cast<size_t>(exon.length()));
  }
  if (reverse_) ReverseComplementInPlace(spliced);
  return spliced;
}

std::vector<Interval0> TranscriptMap::GenomicPieces(int64_t from, int64_t to) const {
  std::vector<Interval0> pieces;
  const size_t n = transcript_->exons.size();
  for (size_t k = 0; k < n; ++k) {
    const Interval0& exon = reverse_ ? transcript_->exons[n - 1 - k] : transcript_->exons[k];
    int64_t s = exon_tx_start_[k];
    int64_t a = std::max(from, s), b = std::min(to, s + exon.length());
    if (a >= b) continue;
    if (reverse_) {
      pieces.push_back({exon.end - (b - s), exon.end - (a - s)});
    } else {
      pieces.push_back({exon.start + (a - s), exon.start + (b - s)});
    }
  }
  std::sort(pieces.begin(), pieces.end(),
            [](const Interval0& a, const Interval0& b) { return a.start < b.start; });
  return pieces;
}

}  // namespace zenome::simulate
