#include "simulate/simulate.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "core/thread_pool.h"
#include "simulate/cohort/cohort.h"
#include "simulate/common/common.h"
#include "simulate/contig_worker.h"
#include "simulate/writers/writers.h"
#include "zenome/version.h"

namespace zenome::simulate {

namespace {

// Largest genome whose longest contig still fits a tabix (.tbi) index (2^29 bases).
constexpr int64_t kMaxGenomeSize = 6'000'000'000LL;
constexpr int kMaxSamplesWithVcfs = 5000;  // one open file per sample VCF while writing

std::string Thousands(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

std::string Count(int64_t n, const std::string& noun) {
  return Thousands(n) + " " + noun + (n == 1 ? "" : "s");
}

// Removes the scratch directory however the run ends.
class ScratchDirectory {
 public:
  explicit ScratchDirectory(std::string path) : path_(std::move(path)) {}
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Raises the soft limit on open files when the run needs more (up to the hard limit).
Status EnsureOpenFiles(int64_t needed) {
  struct rlimit limit {};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY ||
      static_cast<int64_t>(limit.rlim_cur) >= needed) {
    return Status::Ok();
  }
  if (limit.rlim_max == RLIM_INFINITY || static_cast<int64_t>(limit.rlim_max) >= needed) {
    limit.rlim_cur = static_cast<rlim_t>(needed);
    if (setrlimit(RLIMIT_NOFILE, &limit) == 0) return Status::Ok();
  }
  return Status::Usage("this run needs about " + std::to_string(needed) +
                       " open files, more than the limit of " + std::to_string(limit.rlim_max) +
                       ": use --no-sample-vcfs, fewer --samples or fewer --threads");
}

Status MakeDirectory(const std::string& path) {
  std::error_code error;
  std::filesystem::create_directories(path, error);
  if (error) return Status::Io(path + ": cannot create directory: " + error.message());
  return Status::Ok();
}

}  // namespace

Result<int64_t> ParseSize(std::string_view text) {
  auto bad = [&]() {
    return Status::Usage("size '" + std::string(text) +
                         "': expected a number with an optional k, m or g suffix (e.g. 2m, 3.1g)");
  };
  std::string_view rest = text;
  while (!rest.empty() && (rest.back() == 'b' || rest.back() == 'B')) rest.remove_suffix(1);
  double multiplier = 1;
  if (!rest.empty()) {
    switch (std::tolower(static_cast<unsigned char>(rest.back()))) {
      case 'k': multiplier = 1e3; break;
      case 'm': multiplier = 1e6; break;
      case 'g': multiplier = 1e9; break;
      default: break;
    }
    if (multiplier != 1) rest.remove_suffix(1);
  }
  if (rest.empty()) return bad();
  double value = 0;
  auto [ptr, error] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
  if (error != std::errc() || ptr != rest.data() + rest.size() || !(value >= 0) ||
      value * multiplier > 1e15) {
    return bad();
  }
  return static_cast<int64_t>(std::llround(value * multiplier));
}

Status ValidateOptions(const SimulateOptions& options) {
  if (options.output_dir.empty()) return Status::Usage("-o/--output: an output directory is required");
  if (options.genome.genome_size > kMaxGenomeSize) {
    return Status::Usage("--genome-size must be at most 6g (the largest contig must fit a tabix index)");
  }
  const PopulationOptions& population = options.population;
  if (population.samples < 0) return Status::Usage("--samples must not be negative");
  if (population.sample_vcfs && population.samples > kMaxSamplesWithVcfs) {
    return Status::Usage("--samples above " + std::to_string(kMaxSamplesWithVcfs) +
                         " needs --no-sample-vcfs (one VCF per sample would be too many open files)");
  }
  const int per_sample_vcfs = (population.sample_vcfs ? 1 : 0) + (options.gvcf.write ? 1 : 0);
  if (options.gvcf.write && population.samples * per_sample_vcfs > kMaxSamplesWithVcfs) {
    return Status::Usage(
        "--gvcf with more than " + std::to_string(kMaxSamplesWithVcfs / per_sample_vcfs) +
        " --samples would need too many open files (add --no-sample-vcfs or use fewer samples)");
  }
  if (options.cohort.wearable_days < 0 || options.cohort.wearable_days > 366) {
    return Status::Usage("--wearable-days must be between 0 and 366");
  }
  if (!(options.cohort.patient_fraction >= 0 && options.cohort.patient_fraction <= 1)) {
    return Status::Usage("the cohort's patient fraction must be between 0 and 1");
  }
  if (population.populations.empty() || static_cast<int>(population.populations.size()) > kMaxPopulations) {
    return Status::Usage("--populations: between 1 and " + std::to_string(kMaxPopulations) +
                         " names are needed");
  }
  std::set<std::string> seen;
  for (const std::string& name : population.populations) {
    bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
    if (!valid)
      return Status::Usage("--populations: '" + name + "' is not a valid name (letters, digits, _)");
    if (!seen.insert(name).second) return Status::Usage("--populations: '" + name + "' is listed twice");
  }
  if (!(population.variants_per_kb > 0 && population.variants_per_kb <= 20)) {
    return Status::Usage("--variants-per-kb must be above 0 and at most 20");
  }
  if (options.genes.count < 0) return Status::Usage("--genes must not be negative");
  if (options.cases.count < 0 || options.cases.count > 999)
    return Status::Usage("--cases must be between 0 and 999");
  if (options.tumours.count < 0 || options.tumours.count > 999) {
    return Status::Usage("--tumours must be between 0 and 999");
  }
  if (!(options.tumours.somatic_per_mb >= 0 && options.tumours.somatic_per_mb <= 1000)) {
    return Status::Usage("--somatic-per-mb must be between 0 and 1000");
  }
  if (options.threads < 0 || options.threads > 256)
    return Status::Usage("--threads must be between 0 and 256");
  return Status::Ok();
}

Result<SimulationSummary> Simulate(const SimulateOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  ZENOME_RETURN_IF_ERROR(ValidateOptions(options));
  const uint64_t seed = options.seed;
  ZENOME_ASSIGN_OR_RETURN(GenomePlan genome, PlanGenome(options.genome));
  ZENOME_ASSIGN_OR_RETURN(GeneLayout layout, LayOutGenes(genome, options.genes, seed));
  const std::vector<RepeatFamily> repeats = MakeRepeatLibrary(seed);
  const int n_pops = static_cast<int>(options.population.populations.size());
  const std::vector<Disease> diseases =
      PlanDiseases(genome, layout, options.clinvar, options.cases.count, seed);
  std::vector<CasePlan> cases = PlanCases(options.cases, diseases, n_pops, seed);
  std::vector<TumourPlan> tumours = PlanTumours(options.tumours, n_pops, seed);
  if (options.cases.count > 0 && cases.empty()) {
    return Status::Usage(
        "--cases needs disease genes, and this genome has no protein-coding gene long enough "
        "(use a larger --genome-size or more --genes)");
  }

  // Everyone whose genome is drawn: listed samples, case probands, tumour normals.
  std::vector<Individual> individuals;
  // Samples cycle through the populations, and through the sexes within each population.
  const bool first_male = Rng(seed, {Label("samples")}).Chance(0.5);
  for (int i = 0; i < options.population.samples; ++i) {
    char id[32];
    std::snprintf(id, sizeof(id), "S%04d", i + 1);
    bool male = ((i / n_pops) % 2 == 0) == first_male;
    individuals.push_back(MakeIndividual(id, i % n_pops, male, seed));
  }
  for (CasePlan& plan : cases) {
    plan.individual = static_cast<int>(individuals.size());
    individuals.push_back(MakeIndividual(plan.id, plan.population, plan.male, seed));
  }
  for (TumourPlan& plan : tumours) {
    plan.individual = static_cast<int>(individuals.size());
    individuals.push_back(MakeIndividual(plan.id + "_N", plan.population, plan.male, seed));
  }

  // Listed samples who are patients of a catalogue disease: their genotypes get its alleles.
  const std::vector<CohortPatient> patients =
      PlanCohortPatients(options.cohort, diseases, individuals, options.population.samples, seed);

  // Every VCF output is open once as the final file and once per contig in flight.
  const int workers = std::max(1, options.threads);
  const int in_flight = workers >= 2 ? workers + 1 : 1;
  const int64_t vcf_outputs = 3 + (options.population.sample_vcfs ? options.population.samples : 0) +
                              (options.gvcf.write ? options.population.samples : 0) +
                              static_cast<int64_t>(cases.size()) + 2 * static_cast<int64_t>(tumours.size());
  ZENOME_RETURN_IF_ERROR(EnsureOpenFiles(vcf_outputs * (1 + in_flight) + 64));

  const std::string& out_dir = options.output_dir;
  auto out_path = [&](const std::string& relative) {
    return (std::filesystem::path(out_dir) / relative).string();
  };
  ZENOME_RETURN_IF_ERROR(MakeDirectory(out_dir));
  if ((options.population.sample_vcfs || options.gvcf.write) && options.population.samples > 0)
    ZENOME_RETURN_IF_ERROR(MakeDirectory(out_path("samples")));
  if (!cases.empty()) ZENOME_RETURN_IF_ERROR(MakeDirectory(out_path("cases")));
  if (!tumours.empty()) ZENOME_RETURN_IF_ERROR(MakeDirectory(out_path("tumours")));
  ScratchDirectory scratch(out_path(".zenome-simulate.tmp-" + std::to_string(getpid())));
  ZENOME_RETURN_IF_ERROR(MakeDirectory(scratch.path()));

  RunContext context;
  context.options = &options;
  context.genome = &genome;
  context.layout = &layout;
  context.repeats = &repeats;
  context.diseases = &diseases;
  context.cases = &cases;
  context.tumours = &tumours;
  context.individuals = &individuals;
  context.cohort_patients = &patients;
  context.samples = options.population.samples;
  context.scratch_dir = scratch.path();
  auto add_output = [&](VcfOutputKind kind, int index, std::string relative) {
    context.outputs.push_back({kind, index, std::move(relative)});
  };
  if (options.population.population_vcf && options.population.samples > 0) {
    add_output(VcfOutputKind::kPopulation, 0, "population.vcf.gz");
  }
  add_output(VcfOutputKind::kSites, 0, "population_sites.vcf.gz");
  if (options.population.sample_vcfs) {
    for (int i = 0; i < options.population.samples; ++i) {
      add_output(VcfOutputKind::kSample, i, "samples/" + individuals[static_cast<size_t>(i)].id + ".vcf.gz");
    }
  }
  if (options.gvcf.write) {
    for (int i = 0; i < options.population.samples; ++i) {
      add_output(VcfOutputKind::kSampleGvcf, i,
                 "samples/" + individuals[static_cast<size_t>(i)].id + ".g.vcf.gz");
    }
  }
  add_output(VcfOutputKind::kClinvar, 0, "clinvar.vcf.gz");
  for (const CasePlan& plan : cases)
    add_output(VcfOutputKind::kCase, plan.individual, "cases/" + plan.id + ".vcf.gz");
  for (size_t t = 0; t < tumours.size(); ++t) {
    add_output(VcfOutputKind::kTumour, static_cast<int>(t), "tumours/" + tumours[t].id + ".vcf.gz");
    add_output(VcfOutputKind::kTumourTruth, static_cast<int>(t),
               "tumours/" + tumours[t].id + ".truth.vcf.gz");
  }

  std::vector<std::unique_ptr<IndexedVcfAssembler>> assemblers;
  for (const VcfOutputSpec& spec : context.outputs) {
    ZENOME_ASSIGN_OR_RETURN(
        auto assembler,
        IndexedVcfAssembler::Create(out_path(spec.relative_path), VcfHeader(context, spec), scratch.path()));
    assemblers.push_back(std::move(assembler));
  }
  // Workers write their contig's record straight into the FASTA at offsets known in advance.
  std::vector<FastaWriter::Record> fasta_records;
  for (const ContigPlan& contig : genome.contigs) fasta_records.push_back({contig.name, contig.length});
  ZENOME_ASSIGN_OR_RETURN(auto fasta,
                          FastaWriter::Create(out_path("reference.fa"), std::move(fasta_records)));
  context.fasta = fasta.get();
  ZENOME_ASSIGN_OR_RETURN(auto gff3, AtomicTextFile::Create(out_path("genes.gff3")));
  ZENOME_ASSIGN_OR_RETURN(auto gtf, AtomicTextFile::Create(out_path("genes.gtf")));
  ZENOME_RETURN_IF_ERROR(gff3->Write(Gff3Header(genome)));
  ZENOME_RETURN_IF_ERROR(gtf->Write(GtfHeader()));

  SimulationSummary summary;
  std::vector<CaseTruth> truth;
  std::vector<CarrierCall> carriers;
  {
    // Contigs run in order on the workers, at most a few ahead of the one being stitched, so
    // memory stays at a few contigs whatever the genome size.
    const int n_contigs = static_cast<int>(genome.contigs.size());
    ThreadPool inline_pool(0);
    ThreadPool& pool = workers >= 2 ? SharedThreadPool(workers) : inline_pool;
    std::deque<std::future<Result<ContigResult>>> running;
    int next = 0;
    for (int done = 0; done < n_contigs; ++done) {
      while (next < n_contigs && static_cast<int>(running.size()) < in_flight) {
        const int c = next++;
        running.push_back(pool.Submit([&context, c] { return RunContig(context, c); }));
      }
      Result<ContigResult> finished = running.front().get();
      running.pop_front();
      if (!finished.ok()) return finished.status();
      ContigResult& result = finished.value();
      const ContigPlan& contig = genome.contigs[static_cast<size_t>(result.contig)];
      ZENOME_RETURN_IF_ERROR(gff3->Write(result.gff3));
      ZENOME_RETURN_IF_ERROR(gtf->Write(result.gtf));
      for (size_t o = 0; o < assemblers.size(); ++o) {
        const std::string name =
            context.outputs[o].kind == VcfOutputKind::kClinvar ? ClinvarContigName(contig.name) : contig.name;
        ZENOME_RETURN_IF_ERROR(assemblers[o]->Append(name, result.parts[o]));
      }
      truth.insert(truth.end(), result.truth.begin(), result.truth.end());
      carriers.insert(carriers.end(), result.carriers.begin(), result.carriers.end());
      summary.sample_variants += result.sample_variants;
      summary.somatic_mutations += result.somatic;
      if (options.progress) {
        options.progress(contig.name + " done (" + std::to_string(done + 1) + " of " +
                         std::to_string(n_contigs) + ")");
      }
    }
  }

  for (size_t o = 0; o < assemblers.size(); ++o) {
    ZENOME_RETURN_IF_ERROR(assemblers[o]->Finish());
    const VcfOutputSpec& spec = context.outputs[o];
    summary.files.push_back(spec.relative_path);
    summary.files.push_back(spec.relative_path + ".tbi");
    switch (spec.kind) {
      case VcfOutputKind::kSites: summary.population_sites = assemblers[o]->records(); break;
      case VcfOutputKind::kPopulation: summary.population_vcf_records = assemblers[o]->records(); break;
      case VcfOutputKind::kClinvar: summary.clinvar_records = assemblers[o]->records(); break;
      default: break;
    }
  }
  ZENOME_RETURN_IF_ERROR(fasta->Finish());  // reference.fa and reference.fa.fai
  ZENOME_RETURN_IF_ERROR(gff3->Finish());
  ZENOME_RETURN_IF_ERROR(gtf->Finish());
  summary.files.insert(summary.files.end(), {"reference.fa", "reference.fa.fai", "genes.gff3", "genes.gtf"});

  std::string samples_tsv = "sample_id\tpopulation\tsex\n";
  for (int i = 0; i < options.population.samples; ++i) {
    const Individual& person = individuals[static_cast<size_t>(i)];
    samples_tsv += person.id + "\t" + options.population.populations[static_cast<size_t>(person.population)] +
                   "\t" + (person.male ? "male" : "female") + "\n";
  }
  ZENOME_RETURN_IF_ERROR(WriteFileAtomically(out_path("samples.tsv"), samples_tsv));
  ZENOME_RETURN_IF_ERROR(WriteFileAtomically(out_path("diseases.tsv"), DiseasesTsv(diseases)));
  summary.files.insert(summary.files.end(), {"samples.tsv", "diseases.tsv"});
  if (!cases.empty()) {
    // Rows arrive in contig order; within a case keep them by position.
    std::stable_sort(truth.begin(), truth.end(),
                     [](const CaseTruth& a, const CaseTruth& b) { return a.case_index < b.case_index; });
    for (const CasePlan& plan : cases) {
      std::string relative = "cases/" + plan.id + ".phenopacket.json";
      ZENOME_RETURN_IF_ERROR(WriteFileAtomically(
          out_path(relative), PhenopacketJson(plan, diseases[static_cast<size_t>(plan.disease)])));
      summary.files.push_back(relative);
    }
    ZENOME_RETURN_IF_ERROR(
        WriteFileAtomically(out_path("cases/truth.tsv"), TruthTsv(cases, diseases, truth)));
    summary.files.push_back("cases/truth.tsv");
  }
  summary.cohort_patients = static_cast<int>(patients.size());
  if (options.cohort.write && options.population.samples > 0) {
    CohortInputs cohort;
    cohort.options = &options.cohort;
    cohort.genome = &genome;
    cohort.layout = &layout;
    cohort.diseases = &diseases;
    cohort.individuals = &individuals;
    cohort.samples = options.population.samples;
    cohort.populations = &options.population.populations;
    cohort.carriers = &carriers;
    cohort.seed = seed;
    ZENOME_ASSIGN_OR_RETURN(CohortSummary written, WriteCohort(cohort, out_dir));
    summary.cohort_participants = written.participants;
    summary.cohort_rare_diagnoses = written.rare_disease_diagnoses;
    summary.files.insert(summary.files.end(), written.files.begin(), written.files.end());
  }

  summary.output_dir = out_dir;
  summary.seed = seed;
  summary.genome_size = genome.total_length;
  summary.contigs = static_cast<int>(genome.contigs.size());
  for (const auto& contig_genes : layout.by_contig) {
    for (const SimGene& gene : contig_genes) {
      ++summary.genes;
      summary.protein_coding_genes += gene.kind == GeneKind::kProteinCoding;
      summary.transcripts += static_cast<int64_t>(gene.transcripts.size());
    }
  }
  summary.samples = options.population.samples;
  summary.populations = n_pops;
  summary.diseases = static_cast<int64_t>(diseases.size());
  summary.cases = static_cast<int>(cases.size());
  summary.tumours = static_cast<int>(tumours.size());
  summary.files.push_back("manifest.json");
  std::sort(summary.files.begin(), summary.files.end());

  using Json = nlohmann::ordered_json;
  Json contigs = Json::array();
  for (const ContigPlan& contig : genome.contigs)
    contigs.push_back({{"name", contig.name}, {"length", contig.length}});
  Json tumour_list = Json::array();
  for (const TumourPlan& plan : tumours) {
    tumour_list.push_back({{"id", plan.id},
                           {"tumour_sample", plan.id + "_T"},
                           {"normal_sample", plan.id + "_N"},
                           {"purity", plan.purity},
                           {"ploidy", plan.ploidy}});
  }
  Json manifest = {
      {"build", std::string(kBuildName)},
      {"generator", "zenome simulate"},
      {"zenome_version", kVersion},
      {"seed", seed},
      {"options",
       {{"genome_size", options.genome.genome_size},
        {"autosomes", genome.contigs.size() - 3},
        {"genes", options.genes.count},
        {"samples", options.population.samples},
        {"populations", options.population.populations},
        {"variants_per_kb", options.population.variants_per_kb},
        {"cases", options.cases.count},
        {"tumours", options.tumours.count},
        {"somatic_per_mb", options.tumours.somatic_per_mb},
        {"population_vcf", options.population.population_vcf},
        {"sample_vcfs", options.population.sample_vcfs},
        {"gvcf", options.gvcf.write},
        {"cohort", options.cohort.write},
        {"wearable_days", options.cohort.wearable_days}}},
      {"contigs", contigs},
      {"tumours", tumour_list},
      {"files", summary.files},
      {"counts",
       {{"genome_bases", summary.genome_size},
        {"genes", summary.genes},
        {"protein_coding_genes", summary.protein_coding_genes},
        {"transcripts", summary.transcripts},
        {"samples", summary.samples},
        {"population_sites", summary.population_sites},
        {"population_vcf_records", summary.population_vcf_records},
        {"sample_variants", summary.sample_variants},
        {"clinvar_records", summary.clinvar_records},
        {"diseases", summary.diseases},
        {"cases", summary.cases},
        {"tumours", summary.tumours},
        {"somatic_mutations", summary.somatic_mutations},
        {"cohort_participants", summary.cohort_participants},
        {"cohort_patients", summary.cohort_patients},
        {"cohort_rare_diagnoses", summary.cohort_rare_diagnoses}}},
  };
  ZENOME_RETURN_IF_ERROR(WriteFileAtomically(out_path("manifest.json"), manifest.dump(2) + "\n"));
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

std::string FormatSummary(const SimulationSummary& summary) {
  char size[32];
  std::snprintf(size, sizeof(size), "%.2f Mb", static_cast<double>(summary.genome_size) / 1e6);
  std::string text = "zenome simulate: wrote " + summary.output_dir + " (seed " +
                     std::to_string(summary.seed) + "): " + size + " genome in " +
                     Count(summary.contigs, "contig") + "; " + Count(summary.genes, "gene") + " (" +
                     Thousands(summary.protein_coding_genes) + " protein-coding, " +
                     Count(summary.transcripts, "transcript") + "); " + Count(summary.samples, "sample") +
                     " in " + Count(summary.populations, "population");
  if (summary.samples > 0)
    text += " (mean " + Thousands(summary.sample_variants / summary.samples) + " variants each)";
  text += "; " + Count(summary.population_sites, "population site") + "; " +
          Count(summary.clinvar_records, "ClinVar record") + " for " + Count(summary.diseases, "disease") +
          "; " + Count(summary.cases, "case") + "; " + Count(summary.tumours, "tumour/normal pair") + " (" +
          Count(summary.somatic_mutations, "somatic mutation") + "); ";
  if (summary.cohort_participants > 0) {
    text += "cohort of " + Count(summary.cohort_participants, "participant") + " (" +
            Thousands(summary.cohort_rare_diagnoses) + " with a catalogue disease); ";
  }
  char seconds[32];
  std::snprintf(seconds, sizeof(seconds), "%.1f s.", summary.seconds);
  return text + seconds;
}

}  // namespace zenome::simulate
