#include "simulate/population/gvcf_writer.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace zenome::simulate {

namespace {

constexpr int64_t kMinLengthForUncovered = 100'000;  // contigs this long get at least one stretch

std::vector<Interval0> Merge(std::vector<Interval0> intervals) {
  std::sort(intervals.begin(), intervals.end(),
            [](const Interval0& a, const Interval0& b) { return a.start < b.start; });
  std::vector<Interval0> merged;
  for (const Interval0& interval : intervals) {
    if (interval.end <= interval.start) continue;
    if (!merged.empty() && interval.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, interval.end);
    } else {
      merged.push_back(interval);
    }
  }
  return merged;
}

}  // namespace

const std::vector<GqBand>& GvcfBands() {
  static const std::vector<GqBand> bands = {{0, 1},   {1, 10},  {10, 20}, {20, 30}, {30, 40}, {40, 50},
                                            {50, 60}, {60, 70}, {70, 80}, {80, 90}, {90, 99}, {99, 100}};
  return bands;
}

std::string GvcfHeaderLines() {
  std::string out;
  for (const GqBand& band : GvcfBands()) {
    out += "##GVCFBlock" + std::to_string(band.min) + "-" + std::to_string(band.max) +
           "=minGQ=" + std::to_string(band.min) + "(inclusive),maxGQ=" + std::to_string(band.max) +
           "(exclusive)\n";
  }
  out +=
      "##ALT=<ID=NON_REF,Description=\"Represents any possible alternative allele not already represented "
      "at this location by REF and ALT\">\n"
      "##INFO=<ID=END,Number=1,Type=Integer,Description=\"Stop position of the interval\">\n"
      "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths for the ref and alt alleles in "
      "the order listed\">\n"
      "##FORMAT=<ID=MIN_DP,Number=1,Type=Integer,Description=\"Minimum DP observed within the GVCF "
      "block\">\n"
      "##FORMAT=<ID=PL,Number=G,Type=Integer,Description=\"Normalized, Phred-scaled likelihoods for "
      "genotypes as defined in the VCF specification\">\n";
  return out;
}

GvcfContigWriter::GvcfContigWriter(const ContigPlan& contig, const std::string& bases,
                                   const Individual& person, const GvcfOptions& options, uint64_t seed)
    : contig_(contig),
      bases_(bases),
      person_(person),
      rng_(seed, {Label("gvcf"), static_cast<uint64_t>(contig.index), person.key}) {
  silent_ = contig.kind == ContigKind::kY && !person.male;
  std::vector<Interval0> uncovered = contig.gaps;
  int64_t count = rng_.Poisson(static_cast<double>(contig.length) / 1e6 * options.uncovered_per_mb);
  if (contig.length >= kMinLengthForUncovered) count = std::max<int64_t>(count, 1);
  for (int64_t i = 0; i < count; ++i) {
    int64_t length = std::llround(rng_.LogUniform(static_cast<double>(options.min_uncovered),
                                                  static_cast<double>(options.max_uncovered)));
    length = std::min(length, contig.length / 4);
    if (length <= 0) continue;
    int64_t start = rng_.Range(0, contig.length - length);
    uncovered.push_back({start, start + length});
  }
  uncovered_ = Merge(std::move(uncovered));
  line_.reserve(256);
}

int64_t GvcfContigWriter::NextPloidyChange(int64_t pos0) const {
  if (contig_.kind == ContigKind::kX && person_.male) {
    for (const Interval0& par : contig_.pars) {
      if (par.start > pos0) return par.start;
      if (par.end > pos0) return par.end;
    }
  }
  return contig_.length;
}

void GvcfContigWriter::StartBlock(int64_t limit) {
  Block block;
  block.start = cursor_;
  // Long confident blocks alternate with short stretches of low depth or quality (GATK would
  // merge neighbours in one band, so two low ones never touch).
  block.good = contiguous_ ? !last_good_ : rng_.Chance(0.85);
  double length;
  if (block.good) {
    length = rng_.LogNormal(std::log(800.0), 1.0);
    block.dp =
        static_cast<int>(std::clamp(std::lround(person_.depth * (1 + 0.1 * rng_.FastNormal())), 20L, 400L));
    block.min_dp = std::max(20, block.dp - static_cast<int>(rng_.Range(0, 8)));
    block.gq = 99;
  } else {
    length = rng_.LogNormal(std::log(40.0), 0.8);
    block.min_dp = static_cast<int>(rng_.Range(1, 19));
    block.dp = block.min_dp + static_cast<int>(rng_.Range(0, 6));
    block.gq = static_cast<int>(std::clamp(std::lround(3.0 * block.min_dp + 4 * rng_.FastNormal()), 0L, 98L));
  }
  int64_t end = block.start + std::max<int64_t>(1, std::llround(std::min(length, 1e5)));
  end = std::min({end, limit, NextPloidyChange(block.start), contig_.length});
  block.end = std::max(end, block.start + 1);
  open_ = block;
  has_open_ = true;
}

Status GvcfContigWriter::WriteBlock(const Block& block, BgzfPartWriter& out) {
  const bool haploid = Ploidy(contig_, block.start, person_.male) == 1;
  line_.clear();
  line_ += contig_.name;
  line_ += '\t';
  AppendInt(line_, block.start + 1);
  line_ += "\t.\t";
  line_ += bases_[static_cast<size_t>(block.start)];
  line_ += "\t<NON_REF>\t.\t.\tEND=";
  AppendInt(line_, block.end);
  line_ += haploid ? "\tGT:DP:GQ:MIN_DP:PL\t0:" : "\tGT:DP:GQ:MIN_DP:PL\t0/0:";
  AppendInt(line_, block.dp);
  line_ += ':';
  AppendInt(line_, block.gq);
  line_ += ':';
  AppendInt(line_, block.min_dp);
  line_ += ":0,";
  AppendInt(line_, block.gq);
  if (!haploid) {
    line_ += ',';
    AppendInt(line_, block.gq + 10 * block.min_dp);
  }
  line_ += '\n';
  last_good_ = block.good;
  return out.Write(block.start, block.end, line_);
}

Status GvcfContigWriter::FillTo(int64_t end0, BgzfPartWriter& out) {
  if (silent_) return Status::Ok();
  end0 = std::min(end0, contig_.length);
  while (true) {
    if (!has_open_) {
      if (cursor_ >= end0) return Status::Ok();
      while (next_uncovered_ < uncovered_.size() && uncovered_[next_uncovered_].end <= cursor_)
        ++next_uncovered_;
      int64_t limit = contig_.length;
      if (next_uncovered_ < uncovered_.size()) {
        const Interval0& gap = uncovered_[next_uncovered_];
        if (gap.start <= cursor_) {
          cursor_ = gap.end;
          contiguous_ = false;
          continue;
        }
        limit = gap.start;
      }
      StartBlock(limit);
    }
    if (open_.end > end0) return Status::Ok();
    ZENOME_RETURN_IF_ERROR(WriteBlock(open_, out));
    cursor_ = open_.end;
    has_open_ = false;
    contiguous_ = true;
  }
}

Status GvcfContigWriter::AddCall(const GvcfCall& call, BgzfPartWriter& out) {
  ZENOME_RETURN_IF_ERROR(FillTo(call.pos0, out));
  if (has_open_) {
    // The open block started before the call (blocks only start below the target of FillTo).
    open_.end = call.pos0;
    ZENOME_RETURN_IF_ERROR(WriteBlock(open_, out));
    has_open_ = false;
  }
  if (call.n_alts < 1 || call.n_alts > kMaxAlts) {
    return Status::Internal("gVCF call with " + std::to_string(call.n_alts) + " ALT alleles at " +
                            contig_.name + ":" + std::to_string(call.pos0 + 1));
  }
  const int n_alleles = call.n_alts + 2;  // REF, the ALTs, <NON_REF>
  const int non_ref = n_alleles - 1;
  line_.clear();
  line_ += contig_.name;
  line_ += '\t';
  AppendInt(line_, call.pos0 + 1);
  line_ += "\t.\t";
  line_ += *call.ref;
  line_ += '\t';
  for (int i = 0; i < call.n_alts; ++i) {
    line_ += call.alts[i];
    line_ += ',';
  }
  line_ += "<NON_REF>\t";
  AppendFixed(line_, call.qual, 2);
  line_ += call.low_quality ? "\tLowQual\t.\tGT:AD:DP:GQ:PL\t" : "\tPASS\t.\tGT:AD:DP:GQ:PL\t";
  line_ += static_cast<char>('0' + call.a);
  if (call.ploidy == 2) {
    line_ += '/';
    line_ += static_cast<char>('0' + call.b);
  }
  // Allelic depths: the called alleles share the reads; <NON_REF> gets none.
  std::array<int, kMaxAlts + 2> ad{};
  if (call.ploidy == 1 || call.a == call.b) {
    ad[static_cast<size_t>(call.a)] = call.dp;
  } else {
    int second = static_cast<int>(rng_.Binomial(call.dp, 0.5));
    ad[static_cast<size_t>(call.b)] = second;
    ad[static_cast<size_t>(call.a)] = call.dp - second;
  }
  line_ += ':';
  for (int i = 0; i < n_alleles; ++i) {
    if (i > 0) line_ += ',';
    AppendInt(line_, ad[static_cast<size_t>(i)]);
  }
  line_ += ':';
  AppendInt(line_, call.dp);
  line_ += ':';
  AppendInt(line_, call.gq);
  line_ += ':';
  // Likelihoods: 0 for the call; the nearest other genotype without <NON_REF> is GQ away.
  if (call.ploidy == 1) {
    for (int j = 0; j < n_alleles; ++j) {
      if (j > 0) line_ += ',';
      AppendInt(line_, j == call.a ? 0 : call.gq + (j == non_ref ? 15 : 0));
    }
  } else {
    const int lo = std::min(call.a, call.b), hi = std::max(call.a, call.b);
    bool first = true;
    for (int k = 0; k < n_alleles; ++k) {
      for (int j = 0; j <= k; ++j) {
        const int called[2] = {lo, hi};
        bool used[2] = {false, false};
        int shared = 0;
        for (int allele : {j, k}) {
          for (int t = 0; t < 2; ++t) {
            if (!used[t] && called[t] == allele) {
              used[t] = true;
              ++shared;
              break;
            }
          }
        }
        const int distance = 2 - shared;
        const int non_ref_copies = (j == non_ref) + (k == non_ref);
        const int pl =
            distance == 0 ? 0 : call.gq * distance + 15 * non_ref_copies + (distance == 2 ? 10 : 0);
        if (!first) line_ += ',';
        first = false;
        AppendInt(line_, pl);
      }
    }
  }
  line_ += '\n';
  ZENOME_RETURN_IF_ERROR(out.Write(call.pos0, call.end(), line_));
  cursor_ = std::max(cursor_, call.end());
  contiguous_ = false;
  return Status::Ok();
}

Status GvcfContigWriter::Finish(BgzfPartWriter& out) {
  return FillTo(contig_.length, out);
}

}  // namespace zenome::simulate
