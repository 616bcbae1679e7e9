#include "simulate/clinical/clinvar_generator.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/sequence.h"
#include "simulate/common/common.h"
#include "simulate/population/population.h"

namespace zenome::simulate {

namespace {

constexpr char kBases[4] = {'A', 'C', 'G', 'T'};

// Review statuses by star level (ClinVar VCF spelling).
constexpr std::array<const char*, 5> kPathogenicReviewStatus = {
    "practice_guideline",
    "reviewed_by_expert_panel",
    "criteria_provided,_multiple_submitters,_no_conflicts",
    "criteria_provided,_single_submitter",
    "no_assertion_criteria_provided",
};
constexpr const char* kConflictingReviewStatus = "criteria_provided,_conflicting_classifications";

const char* DrawReviewStatus(Rng& rng) {
  static constexpr std::array<double, 5> kWeights = {0.03, 0.10, 0.35, 0.40, 0.12};
  return kPathogenicReviewStatus[rng.Weighted(kWeights)];
}

const char* DrawBenignReviewStatus(Rng& rng) {
  static constexpr std::array<double, 4> kWeights = {0.05, 0.40, 0.40, 0.15};
  return kPathogenicReviewStatus[1 + rng.Weighted(kWeights)];
}

std::string_view InheritanceWords(Inheritance inheritance) {
  switch (inheritance) {
    case Inheritance::kDominant: return "autosomal dominant";
    case Inheritance::kRecessive: return "autosomal recessive";
    case Inheritance::kXLinked: return "X-linked";
  }
  return "";
}

char RandomOtherBase(char base, Rng& rng) {
  char alt;
  do alt = kBases[rng.Below(4)];
  while (alt == base);
  return alt;
}

bool TouchesOccupied(const std::vector<Interval0>& occupied, int64_t start, int64_t end) {
  Interval0 padded{start - 1, end + 1};
  auto it = std::lower_bound(occupied.begin(), occupied.end(), padded.start,
                             [](const Interval0& interval, int64_t pos) { return interval.end <= pos; });
  return it != occupied.end() && it->start < padded.end;
}

void Occupy(std::vector<Interval0>& occupied, int64_t start, int64_t end) {
  auto it = std::lower_bound(occupied.begin(), occupied.end(), start,
                             [](const Interval0& interval, int64_t pos) { return interval.start < pos; });
  occupied.insert(it, Interval0{start, end});
}

}  // namespace

std::string_view InheritanceCode(Inheritance inheritance) {
  switch (inheritance) {
    case Inheritance::kDominant: return "AD";
    case Inheritance::kRecessive: return "AR";
    case Inheritance::kXLinked: return "XL";
  }
  return "AD";
}

std::vector<Disease> PlanDiseases(const GenomePlan& genome, const GeneLayout& layout,
                                  const ClinvarOptions& options, int min_count, uint64_t seed) {
  struct Candidate {
    int contig;
    size_t gene;
  };
  std::vector<Candidate> candidates;
  for (const ContigPlan& contig : genome.contigs) {
    if (contig.kind == ContigKind::kY || contig.kind == ContigKind::kMito) continue;
    const auto& genes = layout.by_contig[contig.index];
    for (size_t g = 0; g < genes.size(); ++g) {
      const SimTranscript& t = genes[g].canonical();
      if (genes[g].kind == GeneKind::kProteinCoding && t.cds_end - t.cds_start >= 300) {
        candidates.push_back({contig.index, g});
      }
    }
  }
  int64_t wanted = std::llround(static_cast<double>(candidates.size()) / options.genes_per_disease);
  wanted = std::max<int64_t>(wanted, std::min<int64_t>(std::max(options.min_diseases, min_count),
                                                       static_cast<int64_t>(candidates.size())));
  Rng rng(seed, {Label("diseases")});
  for (size_t i = candidates.size(); i > 1; --i) std::swap(candidates[i - 1], candidates[rng.Below(i)]);
  candidates.resize(static_cast<size_t>(std::min<int64_t>(wanted, static_cast<int64_t>(candidates.size()))));
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.contig != b.contig ? a.contig < b.contig : a.gene < b.gene;
  });

  const auto terms = HpoTerms();
  std::vector<Disease> diseases;
  for (const Candidate& candidate : candidates) {
    const ContigPlan& contig = genome.contigs[candidate.contig];
    const SimGene& gene = layout.by_contig[candidate.contig][candidate.gene];
    Disease disease;
    char id[32];
    std::snprintf(id, sizeof(id), "ZD:%06zu", diseases.size() + 1);
    disease.id = id;
    std::snprintf(id, sizeof(id), "MONDO:09%05zu", diseases.size() + 1);
    disease.mondo_id = id;
    disease.contig = candidate.contig;
    disease.gene = candidate.gene;
    disease.gene_id = gene.id;
    disease.gene_number = gene.number;
    bool x_linked = contig.kind == ContigKind::kX && !contig.InPar(gene.span.start);
    if (x_linked && rng.Chance(0.85)) {
      disease.inheritance = Inheritance::kXLinked;
    } else {
      disease.inheritance = rng.Chance(0.45) ? Inheritance::kDominant : Inheritance::kRecessive;
    }
    disease.system = static_cast<PhenotypeSystem>(rng.Below(kPhenotypeSystemCount));
    if (disease.system == PhenotypeSystem::kCancer)
      disease.inheritance = x_linked ? Inheritance::kXLinked : Inheritance::kDominant;
    // 3-8 features, mostly from the disease's organ system, the rest from a second one.
    int64_t count = rng.Range(3, 8);
    PhenotypeSystem secondary = static_cast<PhenotypeSystem>(rng.Below(kPhenotypeSystemCount));
    std::vector<int> primary_terms, secondary_terms;
    for (size_t i = 0; i < terms.size(); ++i) {
      if (terms[i].system == disease.system)
        primary_terms.push_back(static_cast<int>(i));
      else if (terms[i].system == secondary || secondary == disease.system)
        secondary_terms.push_back(static_cast<int>(i));
    }
    for (auto* pool : {&primary_terms, &secondary_terms}) {
      for (size_t i = pool->size(); i > 1; --i) std::swap((*pool)[i - 1], (*pool)[rng.Below(i)]);
    }
    for (int term : primary_terms) {
      if (static_cast<int64_t>(disease.hpo.size()) >= std::min<int64_t>(count - 1, 6)) break;
      disease.hpo.push_back(term);
    }
    for (int term : secondary_terms) {
      if (static_cast<int64_t>(disease.hpo.size()) >= count) break;
      disease.hpo.push_back(term);
    }
    std::sort(disease.hpo.begin(), disease.hpo.end());
    disease.name = gene.id + "-related " + std::string(InheritanceWords(disease.inheritance)) + " " +
                   std::string(SystemDiseaseNoun(disease.system));
    diseases.push_back(std::move(disease));
  }
  return diseases;
}

// ---- Damaging variants -----------------------------------------------------------------------

DamagingVariantMaker::DamagingVariantMaker(const std::string& bases, const SimGene& gene,
                                           SiteAnnotator& annotator)
    : bases_(bases), gene_(gene), annotator_(annotator), map_(gene.canonical(), gene.reverse) {
  spliced_ = map_.Spliced(bases);
}

SiteEffect DamagingVariantMaker::RandomLossOfFunction(Rng& rng) const {
  bool spliced = gene_.canonical().exons.size() >= 2;
  double u = rng.Uniform();
  if (spliced && u < 0.25) return rng.Chance(0.55) ? SiteEffect::kSpliceDonor : SiteEffect::kSpliceAcceptor;
  return rng.Chance(0.55) ? SiteEffect::kStopGained : SiteEffect::kFrameshift;
}

std::optional<DiseaseVariant> DamagingVariantMaker::Candidate(SiteEffect effect, Rng& rng) const {
  const SimTranscript& t = gene_.canonical();
  const int64_t cds_length = t.cds_end - t.cds_start;
  const int64_t codons = cds_length / 3;
  DiseaseVariant variant;
  variant.effect = effect;
  auto substitution = [&](int64_t tx, char new_base_tx) {
    variant.pos0 = map_.ToGenomic(tx);
    variant.ref.assign(1, bases_[static_cast<size_t>(variant.pos0)]);
    variant.alt.assign(1, gene_.reverse ? ComplementBase(new_base_tx) : new_base_tx);
  };
  switch (effect) {
    case SiteEffect::kStopGained:
    case SiteEffect::kMissense: {
      if (codons < 4) return std::nullopt;
      int64_t c = rng.Range(1, codons - 2);
      int64_t at = t.cds_start + 3 * c;
      std::string codon = spliced_.substr(static_cast<size_t>(at), 3);
      char before = TranslateCodon(codon);
      // All single-base changes of the codon with the wanted outcome; pick one.
      std::vector<std::pair<int, char>> options;
      for (int k = 0; k < 3; ++k) {
        for (char b : kBases) {
          if (b == codon[k]) continue;
          std::string changed = codon;
          changed[k] = b;
          char after = TranslateCodon(changed);
          bool wanted = effect == SiteEffect::kStopGained ? after == '*' : (after != '*' && after != before);
          if (wanted) options.push_back({k, b});
        }
      }
      if (options.empty()) return std::nullopt;
      auto [k, b] = options[rng.Below(options.size())];
      substitution(at + k, b);
      break;
    }
    case SiteEffect::kFrameshift: {
      if (cds_length < 30) return std::nullopt;
      int64_t tx = t.cds_start + rng.Range(6, std::max<int64_t>(7, cds_length * 85 / 100));
      int64_t g = map_.ToGenomic(tx);
      if (g < 1) return std::nullopt;
      if (rng.Chance(0.6)) {
        int64_t size = rng.Chance(0.67) ? 1 : 2;
        variant.ref = bases_.substr(static_cast<size_t>(g - 1), static_cast<size_t>(size + 1));
        variant.alt = bases_.substr(static_cast<size_t>(g - 1), 1);
      } else {
        variant.ref = bases_.substr(static_cast<size_t>(g - 1), 1);
        variant.alt = variant.ref + (rng.Chance(0.7) ? bases_.substr(static_cast<size_t>(g), 1)
                                                     : std::string(1, kBases[rng.Below(4)]));
      }
      variant.pos0 = g - 1;
      NormalizeOnBases(bases_, variant.pos0, variant.ref, variant.alt);
      // The indel must stay inside one CDS piece (3 bases clear of its ends) wherever it is
      // shifted within a repeat, so its consequence does not depend on the representation.
      int64_t extent = variant.end();
      const std::string& longer = variant.ref.size() > variant.alt.size() ? variant.ref : variant.alt;
      const size_t shorter = std::min(variant.ref.size(), variant.alt.size());
      std::string moved = longer.substr(shorter);  // the inserted or deleted bases
      int64_t probe = variant.pos0 + static_cast<int64_t>(variant.ref.size());
      for (size_t k = 0; probe < static_cast<int64_t>(bases_.size()) &&
                         bases_[static_cast<size_t>(probe)] == moved[k % moved.size()] && k < 200;
           ++k) {
        extent = ++probe;
      }
      bool inside = false;
      for (const Interval0& piece : map_.GenomicPieces(t.cds_start, t.cds_end)) {
        if (variant.pos0 >= piece.start + 3 && extent <= piece.end - 3) inside = true;
      }
      if (!inside) return std::nullopt;
      break;
    }
    case SiteEffect::kSpliceDonor:
    case SiteEffect::kSpliceAcceptor: {
      const auto& exons = t.exons;
      if (exons.size() < 2) return std::nullopt;
      size_t a = rng.Below(exons.size() - 1);
      const int64_t A = exons[a].end, B = exons[a + 1].start;             // intron [A, B)
      bool left = (effect == SiteEffect::kSpliceDonor) != gene_.reverse;  // donor is at A on the + strand
      int64_t pos =
          left ? A + static_cast<int64_t>(rng.Below(2)) : B - 1 - static_cast<int64_t>(rng.Below(2));
      variant.pos0 = pos;
      variant.ref.assign(1, bases_[static_cast<size_t>(pos)]);
      variant.alt.assign(1, RandomOtherBase(variant.ref[0], rng));
      break;
    }
    default: return std::nullopt;
  }
  if (variant.ref.find('N') != std::string::npos || variant.alt.find('N') != std::string::npos)
    return std::nullopt;
  if (annotator_.Annotate(variant.pos0, variant.ref, variant.alt).effect != effect) return std::nullopt;
  return variant;
}

std::optional<DiseaseVariant> DamagingVariantMaker::Make(SiteEffect effect, Rng& rng,
                                                         std::vector<Interval0>& occupied) {
  for (int attempt = 0; attempt < 60; ++attempt) {
    std::optional<DiseaseVariant> variant = Candidate(effect, rng);
    if (!variant || TouchesOccupied(occupied, variant->pos0, variant->end())) continue;
    Occupy(occupied, variant->pos0, variant->end());
    return variant;
  }
  return std::nullopt;
}

std::vector<DiseaseVariant> MakeDiseaseVariants(const std::string& bases, const std::vector<SimGene>& genes,
                                                const std::vector<Disease>& diseases, int contig,
                                                SiteAnnotator& annotator, const ClinvarOptions& options,
                                                uint64_t seed, std::vector<Interval0>& occupied) {
  std::vector<DiseaseVariant> variants;
  for (size_t d = 0; d < diseases.size(); ++d) {
    const Disease& disease = diseases[d];
    if (disease.contig != contig) continue;
    Rng rng(seed, {Label("disease-variants"), d});
    DamagingVariantMaker maker(bases, genes[disease.gene], annotator);
    const bool recessive = disease.inheritance != Inheritance::kDominant;
    auto panel_frequency = [&](bool pathogenic) {
      if (!pathogenic) return rng.Chance(0.6) ? rng.LogUniform(1e-5, 1e-3) : 0.0;
      // Carriers of recessive alleles are seen in population panels; dominant ones rarely.
      if (recessive) return rng.Chance(0.55) ? rng.LogUniform(2e-5, 8e-4) : 0.0;
      return rng.Chance(0.15) ? rng.LogUniform(1e-5, 5e-5) : 0.0;
    };
    int64_t count = rng.Range(options.min_pathogenic, options.max_pathogenic);
    for (int64_t i = 0; i < count; ++i) {
      bool missense = rng.Chance(0.25);
      SiteEffect effect = missense ? SiteEffect::kMissense : maker.RandomLossOfFunction(rng);
      std::optional<DiseaseVariant> variant = maker.Make(effect, rng, occupied);
      if (!variant) continue;
      variant->disease = static_cast<int>(d);
      double u = rng.Uniform();
      if (missense) {
        variant->clnsig = u < 0.55  ? "Likely_pathogenic"
                          : u < 0.9 ? "Pathogenic"
                                    : "Pathogenic/Likely_pathogenic";
      } else {
        variant->clnsig = u < 0.7    ? "Pathogenic"
                          : u < 0.85 ? "Pathogenic/Likely_pathogenic"
                                     : "Likely_pathogenic";
      }
      // The first entry of each disease cycles through the star levels, so every level occurs.
      variant->revstat =
          i == 0 ? kPathogenicReviewStatus[d % kPathogenicReviewStatus.size()] : DrawReviewStatus(rng);
      variant->panel_frequency = panel_frequency(true);
      variants.push_back(std::move(*variant));
    }
    // Uncertain and conflicting missense entries in the same gene.
    int64_t uncertain = rng.Range(1, 3) + (rng.Chance(0.6) ? 1 : 0);
    for (int64_t i = 0; i < uncertain; ++i) {
      std::optional<DiseaseVariant> variant = maker.Make(SiteEffect::kMissense, rng, occupied);
      if (!variant) continue;
      variant->disease = static_cast<int>(d);
      variant->pathogenic = false;
      if (i == uncertain - 1 && uncertain > 1) {
        variant->clnsig = "Conflicting_classifications_of_pathogenicity";
        variant->revstat = kConflictingReviewStatus;
      } else {
        variant->clnsig = "Uncertain_significance";
        variant->revstat = rng.Chance(0.75) ? kPathogenicReviewStatus[3] : kPathogenicReviewStatus[4];
      }
      variant->panel_frequency = panel_frequency(false);
      variants.push_back(std::move(*variant));
    }
  }
  std::sort(variants.begin(), variants.end(),
            [](const DiseaseVariant& a, const DiseaseVariant& b) { return a.pos0 < b.pos0; });
  return variants;
}

// ---- Records ---------------------------------------------------------------------------------

std::string ClinvarDiseaseName(const std::string& name) {
  std::string out;
  for (char c : name) {
    out += c == ' ' || c == ',' || c == ';' || c == '=' ? '_' : c;  // VCF-safe, as ClinVar writes names
  }
  return out;
}

std::string ClinvarVariantType(const std::string& bases, int64_t pos0, const std::string& ref,
                               const std::string& alt) {
  if (ref.size() == alt.size()) return ref.size() == 1 ? "single_nucleotide_variant" : "Indel";
  if (alt.size() == 1 && ref[0] == alt[0]) return "Deletion";
  if (ref.size() == 1 && alt[0] == ref[0]) {
    const std::string inserted = alt.substr(1);
    int64_t before = pos0 + 1 - static_cast<int64_t>(inserted.size());
    if (before >= 0 && bases.compare(static_cast<size_t>(before), inserted.size(), inserted) == 0) {
      return "Duplication";
    }
    return "Insertion";
  }
  return "Indel";
}

ClinvarRecord RecordFor(const DiseaseVariant& variant, const Disease& disease, const SimGene& gene) {
  ClinvarRecord record;
  record.pos0 = variant.pos0;
  record.ref = variant.ref;
  record.alt = variant.alt;
  record.clnsig = variant.clnsig;
  record.revstat = variant.revstat;
  record.disease_names = ClinvarDiseaseName(disease.name);
  record.disease_ids = disease.id;
  if (!variant.pathogenic) {
    record.disease_names += "|not_provided";
    record.disease_ids += "|.";
  }
  record.gene = &gene;
  record.effect = variant.effect;
  return record;
}

std::optional<ClinvarRecord> ClassifyPopulationSite(int64_t pos0, const std::string& ref,
                                                    const std::string& alt, const SiteAnnotation& annotation,
                                                    double af, const Disease* disease, Rng& rng) {
  if (annotation.gene == nullptr || annotation.gene->kind != GeneKind::kProteinCoding) return std::nullopt;
  double p = 0;
  switch (annotation.effect) {
    case SiteEffect::kMissense:
    case SiteEffect::kInframeIndel: p = 0.3; break;
    case SiteEffect::kSynonymous:
    case SiteEffect::kSpliceRegion: p = 0.2; break;
    case SiteEffect::kUtr5:
    case SiteEffect::kUtr3: p = 0.05; break;
    case SiteEffect::kIntron: p = 0.002; break;
    default: return std::nullopt;
  }
  if (!rng.Chance(p)) return std::nullopt;
  ClinvarRecord record;
  record.pos0 = pos0;
  record.ref = ref;
  record.alt = alt;
  record.gene = annotation.gene;
  record.effect = annotation.effect;
  const double u = rng.Uniform();
  if (af >= 0.05) {
    record.clnsig = u < 0.7 ? "Benign" : u < 0.9 ? "Benign/Likely_benign" : "Likely_benign";
  } else if (af >= 0.01) {
    record.clnsig = u < 0.4 ? "Benign/Likely_benign" : u < 0.8 ? "Likely_benign" : "Benign";
  } else if (annotation.effect == SiteEffect::kMissense || annotation.effect == SiteEffect::kInframeIndel) {
    record.clnsig = u < 0.55   ? "Uncertain_significance"
                    : u < 0.75 ? "Conflicting_classifications_of_pathogenicity"
                               : "Likely_benign";
  } else {
    record.clnsig = u < 0.6   ? "Likely_benign"
                    : u < 0.9 ? "Uncertain_significance"
                              : "Conflicting_classifications_of_pathogenicity";
  }
  record.revstat = record.clnsig == "Conflicting_classifications_of_pathogenicity" ? kConflictingReviewStatus
                   : record.clnsig == "Uncertain_significance"
                       ? (rng.Chance(0.7) ? kPathogenicReviewStatus[3] : kPathogenicReviewStatus[4])
                       : DrawBenignReviewStatus(rng);
  if (disease != nullptr && rng.Chance(0.5)) {
    record.disease_names = ClinvarDiseaseName(disease->name) + "|not_specified";
    record.disease_ids = disease->id + "|.";
  } else {
    record.disease_names = rng.Chance(0.6) ? "not_specified" : "not_provided";
  }
  return record;
}

std::string ClinvarContigName(const std::string& name) {
  std::string bare = name.rfind("chr", 0) == 0 ? name.substr(3) : name;
  return bare == "M" ? "MT" : bare;
}

std::string ClinvarHeader(const GenomePlan& genome) {
  std::string header =
      "##fileformat=VCFv4.2\n"
      "##source=ClinVar (simulated by zenome simulate; not real data)\n"
      "##reference=reference.fa\n";
  for (const ContigPlan& contig : genome.contigs) {
    header += "##contig=<ID=" + ClinvarContigName(contig.name) + ",length=" + std::to_string(contig.length) +
              ",assembly=zenome-sim>\n";
  }
  header +=
      "##ID=<Description=\"ClinVar Variation ID\">\n"
      "##INFO=<ID=ALLELEID,Number=1,Type=Integer,Description=\"the ClinVar Allele ID\">\n"
      "##INFO=<ID=CLNDISDB,Number=.,Type=String,Description=\"Tag-value pairs of disease database name and "
      "identifier submitted for germline classifications, e.g. ZD:000001\">\n"
      "##INFO=<ID=CLNDN,Number=.,Type=String,Description=\"ClinVar's preferred disease name for the concept "
      "specified by disease identifiers in CLNDISDB\">\n"
      "##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description=\"ClinVar review status of germline "
      "classification for the Variation ID\">\n"
      "##INFO=<ID=CLNSIG,Number=.,Type=String,Description=\"Aggregate germline classification for this "
      "single "
      "variant; multiple values are separated by a vertical bar\">\n"
      "##INFO=<ID=CLNVC,Number=1,Type=String,Description=\"Variant type\">\n"
      "##INFO=<ID=GENEINFO,Number=1,Type=String,Description=\"Gene(s) for the variant reported as gene "
      "symbol:gene id. The gene symbol and id are delimited by a colon (:) and each pair is delimited by a "
      "vertical bar (|)\">\n"
      "##INFO=<ID=MC,Number=.,Type=String,Description=\"comma separated list of molecular consequence in the "
      "form of Sequence Ontology ID|molecular_consequence\">\n"
      "##INFO=<ID=ORIGIN,Number=.,Type=String,Description=\"Allele origin. One or more of the following "
      "values "
      "may be added: 0 - unknown; 1 - germline; 2 - somatic; 4 - inherited; 8 - paternal; 16 - maternal; 32 "
      "- "
      "de-novo; 64 - biparental; 128 - uniparental; 256 - not-tested; 512 - tested-inconclusive; 1073741824 "
      "- "
      "other\">\n"
      "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
  return header;
}

void AppendClinvarLine(const ClinvarRecord& record, const std::string& contig, std::string& out) {
  out += contig;
  out += '\t';
  AppendInt(out, record.pos0 + 1);
  out += '\t';
  AppendInt(out, record.variation_id);
  out += '\t';
  out += record.ref;
  out += '\t';
  out += record.alt;
  out += "\t.\t.\tALLELEID=";
  AppendInt(out, record.variation_id + 17000);
  if (!record.disease_ids.empty()) out += ";CLNDISDB=" + record.disease_ids;
  out += ";CLNDN=" + record.disease_names;
  out += ";CLNREVSTAT=" + record.revstat;
  out += ";CLNSIG=" + record.clnsig;
  out += ";CLNVC=" + record.variant_type;
  if (record.gene != nullptr) {
    out += ";GENEINFO=" + record.gene->id + ":";
    AppendInt(out, 100000 + record.gene->number);
  }
  if (record.effect != SiteEffect::kIntergenic) out += ";MC=" + ClinvarMolecularConsequence(record.effect);
  out += ";ORIGIN=1\n";
}

std::string DiseasesTsv(const std::vector<Disease>& diseases) {
  const auto terms = HpoTerms();
  std::string out = "disease_id\tdisease_name\tgene_symbol\tinheritance\thpo_ids\tmondo_id\n";
  for (const Disease& disease : diseases) {
    out += disease.id + "\t" + disease.name + "\t" + disease.gene_id + "\t" +
           std::string(InheritanceCode(disease.inheritance)) + "\t";
    for (size_t i = 0; i < disease.hpo.size(); ++i) {
      if (i > 0) out += ',';
      out += terms[static_cast<size_t>(disease.hpo[i])].id;
    }
    out += '\t' + disease.mondo_id + '\n';
  }
  return out;
}

}  // namespace zenome::simulate
