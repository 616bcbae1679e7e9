#include "simulate/genome/genome_plan.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace zenome::simulate {

namespace {

struct Grch38Chromosome {
  const char* name;
  int64_t length;
  int64_t centromere;  // approximate midpoint
  bool acrocentric;    // short arm is all N in the assembly
};

constexpr std::array<Grch38Chromosome, 24> kGrch38 = {{
    {"chr1", 248956422, 123400000, false}, {"chr2", 242193529, 93900000, false},
    {"chr3", 198295559, 90900000, false},  {"chr4", 190214555, 50000000, false},
    {"chr5", 181538259, 48800000, false},  {"chr6", 170805979, 59800000, false},
    {"chr7", 159345973, 60100000, false},  {"chr8", 145138636, 45200000, false},
    {"chr9", 138394717, 43000000, false},  {"chr10", 133797422, 39800000, false},
    {"chr11", 135086622, 53400000, false}, {"chr12", 133275309, 35500000, false},
    {"chr13", 114364328, 17700000, true},  {"chr14", 107043718, 17200000, true},
    {"chr15", 101991189, 19000000, true},  {"chr16", 90338345, 36800000, false},
    {"chr17", 83257441, 25100000, false},  {"chr18", 80373285, 18500000, false},
    {"chr19", 58617616, 26200000, false},  {"chr20", 64444167, 28100000, false},
    {"chr21", 46709983, 12000000, true},   {"chr22", 50818468, 15000000, true},
    {"chrX", 156040895, 60600000, false},  {"chrY", 57227415, 10400000, false},
}};

constexpr int64_t kGrch38XPar1End = 2781479;
constexpr int64_t kGrch38XPar2Start = 155701382;
constexpr int64_t kGrch38YHeterochromatinStart = 26637971;

int64_t Scale(int64_t value, double factor) {
  return static_cast<int64_t>(std::llround(value * factor));
}

void AddGap(std::vector<Interval0>& gaps, int64_t start, int64_t end, int64_t length) {
  start = std::clamp<int64_t>(start, 0, length);
  end = std::clamp<int64_t>(end, 0, length);
  if (end > start) gaps.push_back({start, end});
}

std::vector<Interval0> MergeGaps(std::vector<Interval0> gaps) {
  std::sort(gaps.begin(), gaps.end(),
            [](const Interval0& a, const Interval0& b) { return a.start < b.start; });
  std::vector<Interval0> merged;
  for (const Interval0& gap : gaps) {
    if (!merged.empty() && gap.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, gap.end);
    } else {
      merged.push_back(gap);
    }
  }
  return merged;
}

}  // namespace

int64_t ContigPlan::gap_bases() const {
  int64_t total = 0;
  for (const Interval0& gap : gaps) total += gap.length();
  return total;
}

std::vector<Interval0> ContigPlan::Usable() const {
  std::vector<Interval0> usable;
  int64_t cursor = 0;
  for (const Interval0& gap : gaps) {
    if (gap.start > cursor) usable.push_back({cursor, gap.start});
    cursor = std::max(cursor, gap.end);
  }
  if (cursor < length) usable.push_back({cursor, length});
  return usable;
}

bool ContigPlan::InPar(int64_t pos0) const {
  for (const Interval0& par : pars) {
    if (par.Contains(pos0)) return true;
  }
  return false;
}

int Ploidy(const ContigPlan& contig, int64_t pos0, bool male) {
  switch (contig.kind) {
    case ContigKind::kAutosome: return 2;
    case ContigKind::kX: return male && !contig.InPar(pos0) ? 1 : 2;
    case ContigKind::kY: return male ? 1 : 0;
    case ContigKind::kMito: return 1;
  }
  return 2;
}

Result<GenomePlan> PlanGenome(const GenomePlanOptions& options) {
  if (options.genome_size < 100'000) {
    return Status::Usage("--genome-size must be at least 100k (got " + std::to_string(options.genome_size) +
                         ")");
  }
  if (options.genome_size > 20'000'000'000LL) {
    return Status::Usage("--genome-size must be at most 20g");
  }
  int autosomes = options.autosomes;
  if (autosomes == 0) autosomes = options.genome_size >= 500'000'000 ? 22 : 5;
  if (autosomes < 1 || autosomes > 22) {
    return Status::Usage("--contigs must be between 1 and 22 autosomes (got " + std::to_string(autosomes) +
                         ")");
  }
  std::vector<const Grch38Chromosome*> chosen;
  for (int i = 0; i < autosomes; ++i) chosen.push_back(&kGrch38[i]);
  chosen.push_back(&kGrch38[22]);
  chosen.push_back(&kGrch38[23]);
  int64_t grch38_total = 0;
  for (const auto* chromosome : chosen) grch38_total += chromosome->length;
  const double factor = static_cast<double>(options.genome_size) / static_cast<double>(grch38_total);

  GenomePlan plan;
  int64_t assigned = 0;
  for (size_t i = 0; i < chosen.size(); ++i) {
    const Grch38Chromosome& source = *chosen[i];
    ContigPlan contig;
    contig.index = static_cast<int>(i);
    contig.name = source.name;
    contig.kind = i + 2 == chosen.size()   ? ContigKind::kX
                  : i + 1 == chosen.size() ? ContigKind::kY
                                           : ContigKind::kAutosome;
    // The last contig takes the rounding remainder so the total is exactly the requested size.
    contig.length = i + 1 == chosen.size() ? options.genome_size - assigned : Scale(source.length, factor);
    // A length equal to GRCh38's would make the synthetic genome look like the real assembly.
    if (contig.length == source.length) ++contig.length;
    if (contig.length < 5000) {
      return Status::Usage("--genome-size " + std::to_string(options.genome_size) + " is too small for " +
                           std::to_string(autosomes) + " autosomes: " + contig.name + " would be " +
                           std::to_string(contig.length) + " bp (fewer --contigs, or a larger genome)");
    }
    assigned += contig.length;
    const double local = static_cast<double>(contig.length) / static_cast<double>(source.length);
    const int64_t length = contig.length;
    std::vector<Interval0> gaps;
    int64_t telomere = std::min<int64_t>(10000, std::max<int64_t>(200, length / 500));
    AddGap(gaps, 0, telomere, length);
    AddGap(gaps, length - telomere, length, length);
    int64_t centromere = Scale(source.centromere, local);
    int64_t centromere_gap = std::max<int64_t>(500, length * 3 / 200);
    if (source.acrocentric) {
      AddGap(gaps, 0, centromere + centromere_gap / 2, length);
    } else {
      AddGap(gaps, centromere - centromere_gap / 2, centromere + centromere_gap / 2, length);
    }
    if (contig.kind == ContigKind::kX) {
      contig.pars.push_back({telomere, std::max(telomere + 1, Scale(kGrch38XPar1End, local))});
      contig.pars.push_back({Scale(kGrch38XPar2Start, local), length - telomere});
    }
    if (contig.kind == ContigKind::kY) {
      // As in GRCh38 analysis sets: the PARs are masked on chrY (reads map to chrX), and the
      // q12 heterochromatin is a gap.
      AddGap(gaps, 0, Scale(kGrch38XPar1End, local), length);
      AddGap(gaps, Scale(kGrch38YHeterochromatinStart, local), length, length);
    }
    contig.gaps = MergeGaps(std::move(gaps));
    plan.contigs.push_back(std::move(contig));
  }
  ContigPlan mito;
  mito.index = static_cast<int>(plan.contigs.size());
  mito.name = "chrM";
  mito.length = kMitoLength;
  mito.kind = ContigKind::kMito;
  plan.contigs.push_back(std::move(mito));
  for (const ContigPlan& contig : plan.contigs) plan.total_length += contig.length;
  return plan;
}

}  // namespace zenome::simulate
