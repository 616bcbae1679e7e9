#include "simulate/contig_worker.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <unordered_map>

#include "simulate/clinical/clinical.h"
#include "simulate/cohort/cohort.h"
#include "simulate/common/common.h"
#include "simulate/genome/genome.h"
#include "simulate/population/population.h"
#include "zenome/version.h"

namespace zenome::simulate {

namespace {

constexpr int64_t kWindow = 1'000'000;

// A site's alleles restricted to some ALTs, re-trimmed to the parsimonious representation.
struct Subset {
  int64_t pos0 = 0;
  std::string ref;
  std::array<std::string, kMaxAlts> alts;
  int n = 0;
  std::array<int8_t, kMaxAlts + 1> map{};  // allele index in the site → in the subset (-1: dropped)
};

// `keep` has bit a set to keep ALT a (0-based).
void SubsetAlleles(const Site& site, unsigned keep, Subset& out) {
  out.pos0 = site.pos0;
  out.ref = site.ref;
  out.n = 0;
  out.map.fill(-1);
  out.map[0] = 0;
  for (int a = 0; a < site.n_alts; ++a) {
    if ((keep & (1u << a)) == 0) continue;
    out.alts[out.n] = site.alts[a];
    out.map[a + 1] = static_cast<int8_t>(++out.n);
  }
  if (out.n == site.n_alts) return;  // the site as a whole is already parsimonious
  auto shortest = [&]() {
    size_t m = out.ref.size();
    for (int i = 0; i < out.n; ++i) m = std::min(m, out.alts[i].size());
    return m;
  };
  auto all_end_with = [&](bool front) {
    char c = front ? out.ref.front() : out.ref.back();
    for (int i = 0; i < out.n; ++i) {
      if ((front ? out.alts[i].front() : out.alts[i].back()) != c) return false;
    }
    return true;
  };
  while (shortest() >= 2 && all_end_with(false)) {
    out.ref.pop_back();
    for (int i = 0; i < out.n; ++i) out.alts[i].pop_back();
  }
  while (shortest() >= 2 && all_end_with(true)) {
    out.ref.erase(0, 1);
    for (int i = 0; i < out.n; ++i) out.alts[i].erase(0, 1);
    ++out.pos0;
  }
}

unsigned CarriedMask(const Genotype& g) {
  unsigned mask = 0;
  if (g.ploidy == 0) return 0;
  if (g.a > 0) mask |= 1u << (g.a - 1);
  if (g.ploidy == 2 && g.b > 0) mask |= 1u << (g.b - 1);
  return mask;
}

void BeginLine(std::string& line, const std::string& chrom, const Subset& s) {
  line.clear();
  line += chrom;
  line += '\t';
  AppendInt(line, s.pos0 + 1);
  line += "\t.\t";
  line += s.ref;
  line += '\t';
  for (int i = 0; i < s.n; ++i) {
    if (i > 0) line += ',';
    line += s.alts[i];
  }
  line += '\t';
}

void AppendGt(std::string& line, const Genotype& g, const std::array<int8_t, kMaxAlts + 1>& map) {
  if (g.ploidy == 0) {
    line += '.';
    return;
  }
  line += static_cast<char>('0' + map[g.a]);
  if (g.ploidy == 2) {
    line += '/';
    line += static_cast<char>('0' + map[g.b]);
  }
}

double Quality(const Genotype& g) {
  bool hom = g.ploidy == 1 || g.a == g.b;
  return g.dp * (hom ? 27.3 : 13.6) + g.gq * 0.31;
}

// Read counts per allele for a genotype at a depth (binomial draws from the allele dosages).
void DrawReads(const Genotype& g, int depth, Rng& rng, std::array<int, kMaxAlts + 1>& reads) {
  reads.fill(0);
  std::array<double, kMaxAlts + 1> dosage{};
  if (g.ploidy == 1) {
    dosage[static_cast<size_t>(g.a)] = 1;
  } else {
    dosage[static_cast<size_t>(g.a)] += 0.5;
    dosage[static_cast<size_t>(g.b)] += 0.5;
  }
  int left = depth;
  double mass = 1;
  for (int k = 1; k <= kMaxAlts; ++k) {
    if (dosage[k] <= 0 || left <= 0) continue;
    double p = std::min(1.0, dosage[k] / mass);
    reads[k] = static_cast<int>(rng.Binomial(left, p));
    left -= reads[k];
    mass -= dosage[k];
  }
  reads[0] = left;
}

void AppendReadFields(std::string& line, const std::array<int, kMaxAlts + 1>& reads, const Subset& s,
                      const std::array<int8_t, kMaxAlts + 1>& map, int depth) {
  // AD in subset order: REF then the kept ALTs.
  std::array<int, kMaxAlts + 1> ordered{};
  for (int k = 0; k <= kMaxAlts; ++k) {
    if (map[k] >= 0) ordered[static_cast<size_t>(map[k])] += reads[k];
  }
  line += ':';
  for (int i = 0; i <= s.n; ++i) {
    if (i > 0) line += ',';
    AppendInt(line, ordered[i]);
  }
  line += ':';
  AppendInt(line, depth);
  line += ':';
  for (int i = 1; i <= s.n; ++i) {
    if (i > 1) line += ',';
    AppendGeneral(line, depth > 0 ? static_cast<double>(ordered[i]) / depth : 0.0, 3);
  }
}

std::string PartPath(const RunContext& context, int contig, size_t output) {
  return (std::filesystem::path(context.scratch_dir) /
          ("c" + std::to_string(contig) + "." + std::to_string(output) + ".part.gz"))
      .string();
}

}  // namespace

std::string VcfHeader(const RunContext& context, const VcfOutputSpec& spec) {
  const GenomePlan& genome = *context.genome;
  const auto& individuals = *context.individuals;
  if (spec.kind == VcfOutputKind::kClinvar) return ClinvarHeader(genome);
  std::string header = "##fileformat=VCFv4.2\n##source=zenome simulate " + std::string(kVersion) +
                       " (synthetic data, seed " + std::to_string(context.options->seed) + ")\n";
  header += "##reference=reference.fa\n";
  for (const ContigPlan& contig : genome.contigs) {
    header += "##contig=<ID=" + contig.name + ",length=" + std::to_string(contig.length) +
              ",assembly=zenome-sim>\n";
  }
  const auto& populations = context.options->population.populations;
  std::string columns = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO";
  switch (spec.kind) {
    case VcfOutputKind::kSites: {
      header +=
          "##INFO=<ID=AC,Number=A,Type=Integer,Description=\"Alternate allele count in the reference "
          "panel\">\n"
          "##INFO=<ID=AN,Number=1,Type=Integer,Description=\"Total number of alleles in the reference "
          "panel\">\n"
          "##INFO=<ID=AF,Number=A,Type=Float,Description=\"Alternate allele frequency in the reference "
          "panel\">\n"
          "##INFO=<ID=nhomalt,Number=A,Type=Integer,Description=\"Count of homozygous (or hemizygous) "
          "individuals in the reference panel\">\n";
      for (const std::string& pop : populations) {
        header += "##INFO=<ID=AC_" + pop + ",Number=A,Type=Integer,Description=\"Alternate allele count in " +
                  pop + "\">\n##INFO=<ID=AN_" + pop +
                  ",Number=1,Type=Integer,Description=\"Total number of alleles in " + pop +
                  "\">\n##INFO=<ID=AF_" + pop +
                  ",Number=A,Type=Float,Description=\"Alternate allele frequency in " + pop +
                  "\">\n##INFO=<ID=nhomalt_" + pop +
                  ",Number=A,Type=Integer,Description=\"Count of homozygous (or hemizygous) individuals in " +
                  pop + "\">\n";
      }
      break;
    }
    case VcfOutputKind::kPopulation:
      header +=
          "##INFO=<ID=AC,Number=A,Type=Integer,Description=\"Allele count in genotypes, for each ALT "
          "allele\">\n"
          "##INFO=<ID=AN,Number=1,Type=Integer,Description=\"Total number of alleles in called genotypes\">\n"
          "##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele frequency, for each ALT allele\">\n";
      [[fallthrough]];
    case VcfOutputKind::kSample:
    case VcfOutputKind::kSampleGvcf:
    case VcfOutputKind::kCase:
      header +=
          "##FILTER=<ID=LowQual,Description=\"Genotype quality below 20\">\n"
          "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
          "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Read depth\">\n"
          "##FORMAT=<ID=GQ,Number=1,Type=Integer,Description=\"Genotype quality\">\n";
      if (spec.kind == VcfOutputKind::kSampleGvcf) header += GvcfHeaderLines();
      columns += "\tFORMAT";
      if (spec.kind == VcfOutputKind::kPopulation) {
        for (int i = 0; i < context.samples; ++i) columns += "\t" + individuals[static_cast<size_t>(i)].id;
      } else {
        columns += "\t" + individuals[static_cast<size_t>(spec.index)].id;
      }
      break;
    case VcfOutputKind::kTumour: {
      const TumourPlan& plan = (*context.tumours)[static_cast<size_t>(spec.index)];
      header += "##zenome_tumour=<ID=" + plan.id + ",Purity=";
      AppendGeneral(header, plan.purity, 3);
      header += ",Ploidy=";
      AppendGeneral(header, plan.ploidy, 3);
      header += ",Tumour=" + plan.id + "_T,Normal=" + plan.id + "_N>\n";
      header +=
          "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
          "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths for the REF and ALT "
          "alleles\">\n"
          "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Read depth\">\n"
          "##FORMAT=<ID=AF,Number=A,Type=Float,Description=\"Allele fractions of the ALT alleles\">\n";
      columns += "\tFORMAT\t" + plan.id + "_T\t" + plan.id + "_N";
      break;
    }
    case VcfOutputKind::kTumourTruth: {
      const TumourPlan& plan = (*context.tumours)[static_cast<size_t>(spec.index)];
      header += "##zenome_tumour=<ID=" + plan.id + ",Purity=";
      AppendGeneral(header, plan.purity, 3);
      header += ",Ploidy=";
      AppendGeneral(header, plan.ploidy, 3);
      header += ">\n";
      header +=
          "##INFO=<ID=VAF,Number=A,Type=Float,Description=\"Expected allele fraction in the tumour sample "
          "(purity, copy number, multiplicity and clonality)\">\n"
          "##INFO=<ID=SIGNATURE,Number=1,Type=String,Description=\"Mutational process that made the mutation "
          "(COSMIC-style: SBS1, SBS2, SBS4, SBS5, SBS13, ID1, ID2)\">\n"
          "##INFO=<ID=UNCALLED,Number=0,Type=Flag,Description=\"Too few ALT reads: absent from the "
          "tumour/normal VCF\">\n";
      break;
    }
    case VcfOutputKind::kClinvar: break;
  }
  if (spec.kind == VcfOutputKind::kSites) {
    for (size_t k = 0; k < populations.size(); ++k) {
      header += "##zenome_panel=<ID=" + populations[k] + ",Individuals=" +
                std::to_string(PanelIndividuals(context.options->population, static_cast<int>(k))) + ">\n";
    }
  }
  return header + columns + "\n";
}

Result<ContigResult> RunContig(const RunContext& context, int c) {
  const SimulateOptions& options = *context.options;
  const uint64_t seed = options.seed;
  const ContigPlan& contig = context.genome->contigs[static_cast<size_t>(c)];
  const auto& individuals = *context.individuals;
  const auto& diseases = *context.diseases;
  std::vector<SimGene>& genes = context.layout->by_contig[static_cast<size_t>(c)];
  ContigResult result;
  result.contig = c;

  std::string bases = GenerateContigBackground(contig, *context.repeats, options.reference, seed);
  ZENOME_RETURN_IF_ERROR(WriteGeneSequences(bases, genes));

  ZENOME_RETURN_IF_ERROR(context.fasta->WriteRecord(static_cast<size_t>(c), bases));
  for (const SimGene& gene : genes) {
    AppendGff3Gene(gene, contig.name, result.gff3);
    AppendGtfGene(gene, contig.name, result.gtf);
  }

  // Disease variants (ClinVar P/LP/VUS) and the cases' causal variants in this contig's genes.
  SiteAnnotator annotator(bases, genes);
  std::vector<Interval0> occupied;
  std::vector<DiseaseVariant> disease_variants =
      MakeDiseaseVariants(bases, genes, diseases, c, annotator, options.clinvar, seed, occupied);
  result.truth = PlantCaseVariants(*context.cases, diseases, contig, bases, genes, annotator, seed, occupied,
                                   disease_variants);
  if (context.cohort_patients != nullptr)
    PlantCohortVariants(*context.cohort_patients, diseases, c, seed, disease_variants);
  std::vector<SpecialSite> specials;
  std::vector<ClinvarRecord> clinvar;
  for (const DiseaseVariant& variant : disease_variants) {
    SpecialSite special;
    special.pos0 = variant.pos0;
    special.ref = variant.ref;
    special.alt = variant.alt;
    special.panel_frequency = variant.panel_frequency;
    for (const auto& [individual, copies] : variant.forced) special.forced.push_back({individual, copies});
    specials.push_back(std::move(special));
    if (variant.in_clinvar) {
      const Disease& disease = diseases[static_cast<size_t>(variant.disease)];
      ClinvarRecord record = RecordFor(variant, disease, genes[disease.gene]);
      record.variant_type = ClinvarVariantType(bases, variant.pos0, variant.ref, variant.alt);
      clinvar.push_back(std::move(record));
    }
  }
  std::unordered_map<const SimGene*, const Disease*> disease_of_gene;
  for (const Disease& disease : diseases) {
    if (disease.contig == c) disease_of_gene[&genes[disease.gene]] = &disease;
  }

  // One part per output.
  std::vector<std::unique_ptr<BgzfPartWriter>> writers;
  int sites_out = -1, population_out = -1, clinvar_out = -1;
  std::vector<std::pair<int, int>> individual_outs;  // (output, individual)
  std::vector<std::pair<int, int>> tumour_outs;      // (output, plan)
  std::vector<std::pair<int, int>> gvcf_outs;        // (output, individual)
  std::vector<int> truth_outs;
  for (size_t o = 0; o < context.outputs.size(); ++o) {
    ZENOME_ASSIGN_OR_RETURN(auto writer, BgzfPartWriter::Create(PartPath(context, c, o)));
    writers.push_back(std::move(writer));
    const VcfOutputSpec& spec = context.outputs[o];
    int index = static_cast<int>(o);
    switch (spec.kind) {
      case VcfOutputKind::kSites: sites_out = index; break;
      case VcfOutputKind::kPopulation: population_out = index; break;
      case VcfOutputKind::kClinvar: clinvar_out = index; break;
      case VcfOutputKind::kSample:
      case VcfOutputKind::kCase: individual_outs.push_back({index, spec.index}); break;
      case VcfOutputKind::kSampleGvcf: gvcf_outs.push_back({index, spec.index}); break;
      case VcfOutputKind::kTumour: tumour_outs.push_back({index, spec.index}); break;
      case VcfOutputKind::kTumourTruth: truth_outs.push_back(index); break;
    }
  }

  std::vector<std::unique_ptr<GvcfContigWriter>> gvcf_writers;
  for (const auto& [out, person] : gvcf_outs) {
    gvcf_writers.push_back(std::make_unique<GvcfContigWriter>(
        contig, bases, individuals[static_cast<size_t>(person)], options.gvcf, seed));
  }

  SiteGenerator generator(options.population, contig, bases, individuals, &annotator, seed);
  const size_t n = individuals.size();
  const int n_pops = static_cast<int>(options.population.populations.size());
  std::vector<Site> sites;
  std::vector<Genotype> genotypes;
  std::vector<SomaticMutation> somatic;
  PanelCounts counts;
  std::vector<std::array<std::string, 4>> population_keys;  // ";AC_eas=" ... built once
  for (const std::string& pop : options.population.populations) {
    population_keys.push_back(
        {";AC_" + pop + "=", ";AN_" + pop + "=", ";AF_" + pop + "=", ";nhomalt_" + pop + "="});
  }
  Subset subset;
  std::string line;
  line.reserve(1024);
  for (int64_t w = 0, start = 0; start < contig.length; ++w, start += kWindow) {
    const int64_t end = std::min(contig.length, start + kWindow);
    generator.Generate(w, start, end, specials, sites);
    generator.Genotypes(w, sites, specials, genotypes);

    // Reference-panel counts (the sites VCF) and ClinVar classifications of population sites.
    Rng panel_rng(seed, {Label("panel"), static_cast<uint64_t>(c), static_cast<uint64_t>(w)});
    Rng clinvar_rng(seed, {Label("clinvar-population"), static_cast<uint64_t>(c), static_cast<uint64_t>(w)});
    for (const Site& site : sites) {
      if (!site.in_panel) continue;
      generator.Panel(site, panel_rng, counts);
      for (int a = 0; a < site.n_alts; ++a) {
        int64_t ac = 0, an = 0, hom = 0;
        for (int k = 0; k < n_pops; ++k) {
          ac += counts.ac[k][a];
          an += counts.an[k];
          hom += counts.nhomalt[k][a];
        }
        if (ac == 0) continue;
        SubsetAlleles(site, 1u << a, subset);
        BeginLine(line, contig.name, subset);
        line += ".\tPASS\tAC=";
        AppendInt(line, ac);
        line += ";AN=";
        AppendInt(line, an);
        line += ";AF=";
        AppendGeneral(line, static_cast<double>(ac) / static_cast<double>(an), 5);
        line += ";nhomalt=";
        AppendInt(line, hom);
        for (int k = 0; k < n_pops; ++k) {
          const auto& keys = population_keys[static_cast<size_t>(k)];
          line += keys[0];
          AppendInt(line, counts.ac[k][a]);
          line += keys[1];
          AppendInt(line, counts.an[k]);
          line += keys[2];
          AppendGeneral(line, counts.an[k] > 0 ? static_cast<double>(counts.ac[k][a]) / counts.an[k] : 0.0,
                        5);
          line += keys[3];
          AppendInt(line, counts.nhomalt[k][a]);
        }
        line += '\n';
        ZENOME_RETURN_IF_ERROR(writers[static_cast<size_t>(sites_out)]->Write(
            subset.pos0, subset.pos0 + static_cast<int64_t>(subset.ref.size()), line));
        if (site.origin == SiteOrigin::kShared) {
          SiteAnnotation annotation = annotator.Annotate(subset.pos0, subset.ref, subset.alts[0]);
          auto found = disease_of_gene.find(annotation.gene);
          std::optional<ClinvarRecord> record =
              ClassifyPopulationSite(subset.pos0, subset.ref, subset.alts[0], annotation,
                                     static_cast<double>(ac) / static_cast<double>(an),
                                     found == disease_of_gene.end() ? nullptr : found->second, clinvar_rng);
          if (record) {
            record->variant_type = ClinvarVariantType(bases, record->pos0, record->ref, record->alt);
            clinvar.push_back(std::move(*record));
          }
        }
      }
    }

    // The joint-called population VCF over the listed samples.
    for (size_t s = 0; s < sites.size() && population_out >= 0; ++s) {
      unsigned mask = 0;
      for (int i = 0; i < context.samples; ++i)
        mask |= CarriedMask(genotypes[s * n + static_cast<size_t>(i)]);
      if (mask == 0) continue;
      SubsetAlleles(sites[s], mask, subset);
      std::array<int64_t, kMaxAlts + 1> allele_counts{};
      int64_t called = 0;
      double quality = 0;
      for (int i = 0; i < context.samples; ++i) {
        const Genotype& g = genotypes[s * n + static_cast<size_t>(i)];
        if (g.ploidy == 0) continue;
        called += g.ploidy;
        ++allele_counts[static_cast<size_t>(subset.map[g.a])];
        if (g.ploidy == 2) ++allele_counts[static_cast<size_t>(subset.map[g.b])];
        if (g.carries()) quality += Quality(g);
      }
      BeginLine(line, contig.name, subset);
      AppendFixed(line, std::min(quality, 99999.0), 2);
      line += "\tPASS\tAC=";
      for (int i = 1; i <= subset.n; ++i) {
        if (i > 1) line += ',';
        AppendInt(line, allele_counts[i]);
      }
      line += ";AN=";
      AppendInt(line, called);
      line += ";AF=";
      for (int i = 1; i <= subset.n; ++i) {
        if (i > 1) line += ',';
        AppendGeneral(line, called > 0 ? static_cast<double>(allele_counts[i]) / called : 0.0, 5);
      }
      line += "\tGT:DP:GQ";
      for (int i = 0; i < context.samples; ++i) {
        const Genotype& g = genotypes[s * n + static_cast<size_t>(i)];
        line += '\t';
        AppendGt(line, g, subset.map);
        if (g.ploidy == 0) continue;
        line += ':';
        AppendInt(line, g.dp);
        line += ':';
        AppendInt(line, g.gq);
      }
      line += '\n';
      ZENOME_RETURN_IF_ERROR(writers[static_cast<size_t>(population_out)]->Write(
          subset.pos0, subset.pos0 + static_cast<int64_t>(subset.ref.size()), line));
    }
    for (size_t s = 0; s < sites.size(); ++s) {
      for (int i = 0; i < context.samples; ++i)
        result.sample_variants += genotypes[s * n + static_cast<size_t>(i)].carries();
    }

    // Listed samples carrying ClinVar pathogenic alleles (planted or drawn): the cohort's genetics.
    for (size_t s = 0; s < sites.size(); ++s) {
      if (sites[s].origin != SiteOrigin::kSpecial) continue;
      const DiseaseVariant& variant = disease_variants[static_cast<size_t>(sites[s].special)];
      if (!variant.in_clinvar || !variant.pathogenic) continue;
      for (int i = 0; i < context.samples; ++i) {
        const Genotype& g = genotypes[s * n + static_cast<size_t>(i)];
        if (!g.carries()) continue;
        CarrierCall call;
        call.individual = i;
        call.disease = variant.disease;
        call.contig = c;
        call.pos0 = sites[s].pos0;
        call.copies = (g.a > 0) + (g.ploidy == 2 && g.b > 0);
        call.loss_of_function = IsLossOfFunction(variant.effect);
        result.carriers.push_back(call);
      }
    }

    // Single-sample VCFs (listed samples and case probands).
    for (const auto& [out, person] : individual_outs) {
      BgzfPartWriter& writer = *writers[static_cast<size_t>(out)];
      for (size_t s = 0; s < sites.size(); ++s) {
        const Genotype& g = genotypes[s * n + static_cast<size_t>(person)];
        unsigned mask = CarriedMask(g);
        if (mask == 0) continue;
        SubsetAlleles(sites[s], mask, subset);
        BeginLine(line, contig.name, subset);
        AppendFixed(line, Quality(g), 2);
        line += g.gq < 20 ? "\tLowQual\t.\tGT:DP:GQ\t" : "\tPASS\t.\tGT:DP:GQ\t";
        AppendGt(line, g, subset.map);
        line += ':';
        AppendInt(line, g.dp);
        line += ':';
        AppendInt(line, g.gq);
        line += '\n';
        ZENOME_RETURN_IF_ERROR(
            writer.Write(subset.pos0, subset.pos0 + static_cast<int64_t>(subset.ref.size()), line));
      }
    }

    // gVCFs: the single-sample calls with <NON_REF>, reference blocks between them.
    for (size_t k = 0; k < gvcf_outs.size(); ++k) {
      const auto [out, person] = gvcf_outs[k];
      BgzfPartWriter& writer = *writers[static_cast<size_t>(out)];
      GvcfContigWriter& gvcf = *gvcf_writers[k];
      for (size_t s = 0; s < sites.size(); ++s) {
        const Genotype& g = genotypes[s * n + static_cast<size_t>(person)];
        unsigned mask = CarriedMask(g);
        if (mask == 0) continue;
        SubsetAlleles(sites[s], mask, subset);
        GvcfCall call;
        call.pos0 = subset.pos0;
        call.ref = &subset.ref;
        call.alts = subset.alts.data();
        call.n_alts = subset.n;
        call.ploidy = g.ploidy;
        call.a = subset.map[g.a];
        call.b = g.ploidy == 2 ? subset.map[g.b] : 0;
        call.dp = g.dp;
        call.gq = g.gq;
        call.qual = Quality(g);
        call.low_quality = g.gq < 20;
        ZENOME_RETURN_IF_ERROR(gvcf.AddCall(call, writer));
      }
      ZENOME_RETURN_IF_ERROR(gvcf.FillTo(end, writer));
    }

    // Tumour/normal pairs: the normal's germline calls seen in both samples, plus somatic calls.
    for (size_t t = 0; t < tumour_outs.size(); ++t) {
      const auto [out, plan_index] = tumour_outs[t];
      const TumourPlan& plan = (*context.tumours)[static_cast<size_t>(plan_index)];
      const size_t person = static_cast<size_t>(plan.individual);
      GenerateSomatic(plan, options.tumours, contig, bases, w, start, end, sites, seed, somatic);
      result.somatic += static_cast<int64_t>(somatic.size());
      Rng reads_rng(seed,
                    {Label("tumour-reads"), plan.key, static_cast<uint64_t>(c), static_cast<uint64_t>(w)});
      BgzfPartWriter& calls = *writers[static_cast<size_t>(out)];
      BgzfPartWriter& truth = *writers[static_cast<size_t>(truth_outs[t])];
      size_t m = 0;
      std::array<int, kMaxAlts + 1> reads{};
      for (size_t s = 0; s <= sites.size(); ++s) {
        // Somatic mutations before this germline site (all of them after the last site).
        while (m < somatic.size() && (s == sites.size() || somatic[m].pos0 < sites[s].pos0)) {
          const SomaticMutation& mutation = somatic[m++];
          Subset single;
          single.pos0 = mutation.pos0;
          single.ref = mutation.ref;
          single.alts[0] = mutation.alt;
          single.n = 1;
          BeginLine(line, contig.name, single);
          line += ".\tPASS\tVAF=";
          AppendGeneral(line, mutation.vaf, 3);
          line += ";SIGNATURE=";
          line += SignatureName(mutation.signature);
          if (!mutation.called) line += ";UNCALLED";
          line += '\n';
          const int64_t mutation_end = mutation.end();
          ZENOME_RETURN_IF_ERROR(truth.Write(mutation.pos0, mutation_end, line));
          if (!mutation.called) continue;
          BeginLine(line, contig.name, single);
          line += ".\tPASS\t.\tGT:AD:DP:AF\t0/1:";
          AppendInt(line, mutation.tumour_depth - mutation.alt_reads);
          line += ',';
          AppendInt(line, mutation.alt_reads);
          line += ':';
          AppendInt(line, mutation.tumour_depth);
          line += ':';
          AppendGeneral(line, static_cast<double>(mutation.alt_reads) / mutation.tumour_depth, 3);
          line += Ploidy(contig, mutation.pos0, plan.male) == 1 ? "\t0:" : "\t0/0:";
          AppendInt(line, mutation.normal_depth);
          line += ",0:";
          AppendInt(line, mutation.normal_depth);
          line += ":0\n";
          ZENOME_RETURN_IF_ERROR(calls.Write(mutation.pos0, mutation_end, line));
        }
        if (s == sites.size()) break;
        const Genotype& g = genotypes[s * n + person];
        unsigned mask = CarriedMask(g);
        if (mask == 0) continue;
        SubsetAlleles(sites[s], mask, subset);
        BeginLine(line, contig.name, subset);
        line += ".\tPASS\t.\tGT:AD:DP:AF\t";
        int tumour_depth = static_cast<int>(
            std::max(5L, std::lround(options.tumours.tumour_depth * (1 + 0.25 * reads_rng.FastNormal()))));
        AppendGt(line, g, subset.map);
        DrawReads(g, tumour_depth, reads_rng, reads);
        AppendReadFields(line, reads, subset, subset.map, tumour_depth);
        line += '\t';
        AppendGt(line, g, subset.map);
        DrawReads(g, g.dp, reads_rng, reads);
        AppendReadFields(line, reads, subset, subset.map, g.dp);
        line += '\n';
        ZENOME_RETURN_IF_ERROR(
            calls.Write(subset.pos0, subset.pos0 + static_cast<int64_t>(subset.ref.size()), line));
      }
    }
  }

  // ClinVar: pathogenic entries and classified population sites, by position, numbered.
  std::stable_sort(clinvar.begin(), clinvar.end(),
                   [](const ClinvarRecord& a, const ClinvarRecord& b) { return a.pos0 < b.pos0; });
  const std::string clinvar_contig = ClinvarContigName(contig.name);
  for (size_t r = 0; r < clinvar.size(); ++r) {
    ClinvarRecord& record = clinvar[r];
    record.variation_id = 100000 + static_cast<int64_t>(c) * 1'000'000 + static_cast<int64_t>(r) + 1;
    line.clear();
    AppendClinvarLine(record, clinvar_contig, line);
    ZENOME_RETURN_IF_ERROR(writers[static_cast<size_t>(clinvar_out)]->Write(
        record.pos0, record.pos0 + static_cast<int64_t>(record.ref.size()), line));
  }
  for (size_t k = 0; k < gvcf_outs.size(); ++k)
    ZENOME_RETURN_IF_ERROR(gvcf_writers[k]->Finish(*writers[static_cast<size_t>(gvcf_outs[k].first)]));
  for (auto& writer : writers) {
    ZENOME_ASSIGN_OR_RETURN(VcfPart part, writer->Finish());
    result.parts.push_back(std::move(part));
  }
  return result;
}

}  // namespace zenome::simulate
