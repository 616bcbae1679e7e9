#pragma once
// GATK-style gVCFs (samples/<S>.g.vcf.gz, `--gvcf`): one sample's variant calls, exactly those of
// samples/<S>.vcf.gz with <NON_REF> appended as the last ALT (GT:AD:DP:GQ:PL), and between them
// hom-ref (haploid: ref) blocks `<NON_REF>` with INFO END and GT:DP:GQ:MIN_DP:PL, cut where the
// genotype quality changes band (the ##GVCFBlock bands), where ploidy changes (chrX PARs in males)
// and at variants. Stretches with no reads are left without records, so "no call" differs from
// "hom-ref": the contig's N gaps, a few uncovered stretches per sample and contig, and all of chrY
// in females (ploidy 0). Randomness is keyed by the seed, the contig and the sample, so a contig's
// records do not depend on scheduling.

#include <cstdint>
#include <string>
#include <vector>

#include "core/interval.h"
#include "core/status.h"
#include "simulate/common/common.h"
#include "simulate/genome/genome.h"
#include "simulate/population/population_generator.h"

namespace zenome::simulate {

struct GvcfOptions {
  bool write = false;             // --gvcf
  double uncovered_per_mb = 2.0;  // uncovered stretches per Mb per sample (at least one per contig
                                  // of 100 kb or more)
  int64_t min_uncovered = 200;    // length range of an uncovered stretch
  int64_t max_uncovered = 4000;
};

// Genotype-quality bands of the reference blocks, [min, max), as GATK's ##GVCFBlock lines.
struct GqBand {
  int min;
  int max;
};
const std::vector<GqBand>& GvcfBands();

// Header lines a gVCF adds to a single-sample VCF header (##GVCFBlock, ALT NON_REF, INFO END,
// FORMAT AD, MIN_DP and PL); GT, DP and GQ are the sample VCF's.
std::string GvcfHeaderLines();

// One call of the sample VCF, as written there: alleles already subset to what the sample carries.
struct GvcfCall {
  int64_t pos0 = 0;
  const std::string* ref = nullptr;
  const std::string* alts = nullptr;  // n_alts entries
  int n_alts = 0;
  int ploidy = 2;
  int a = 0;  // allele indices in the written record (b unused when haploid)
  int b = 0;
  int dp = 0;
  int gq = 0;
  double qual = 0;
  bool low_quality = false;  // FILTER LowQual
  int64_t end() const { return pos0 + static_cast<int64_t>(ref->size()); }
};

// One sample's gVCF records on one contig. Feed calls in increasing position, then FillTo the
// end of each window (blocks may run on across windows) and Finish at the contig's end.
class GvcfContigWriter {
 public:
  // `contig`, `bases` and `person` must outlive the writer.
  GvcfContigWriter(const ContigPlan& contig, const std::string& bases, const Individual& person,
                   const GvcfOptions& options, uint64_t seed);

  // Reference blocks up to `pos0`, then the call's record.
  Status AddCall(const GvcfCall& call, BgzfPartWriter& out);
  // Writes every reference block that ends at or before `end0` (a block crossing it stays open).
  Status FillTo(int64_t end0, BgzfPartWriter& out);
  // Writes the rest of the contig.
  Status Finish(BgzfPartWriter& out);

  // Stretches without any record on purpose: N gaps and the drawn uncovered stretches (a call
  // falling inside one is still written).
  const std::vector<Interval0>& uncovered() const { return uncovered_; }

 private:
  struct Block {
    int64_t start = 0;
    int64_t end = 0;
    int dp = 0;
    int gq = 0;
    int min_dp = 0;
    bool good = true;
  };
  void StartBlock(int64_t limit);
  Status WriteBlock(const Block& block, BgzfPartWriter& out);
  int64_t NextPloidyChange(int64_t pos0) const;

  const ContigPlan& contig_;
  const std::string& bases_;
  const Individual& person_;
  Rng rng_;
  std::vector<Interval0> uncovered_;
  size_t next_uncovered_ = 0;
  int64_t cursor_ = 0;  // first base not yet given a record or skipped
  bool has_open_ = false;
  Block open_;
  bool last_good_ = false;   // quality of the block just written, when nothing came between
  bool contiguous_ = false;  // the next block directly follows a written block
  bool silent_ = false;      // ploidy 0 on the whole contig (chrY in a female): no records
  std::string line_;
};

}  // namespace zenome::simulate
