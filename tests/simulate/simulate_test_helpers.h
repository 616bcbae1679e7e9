#pragma once
// Shared by the simulate tests: one simulation run cached on disk for the whole test binary (ctest
// runs every test in its own process; the output is deterministic, so each process reuses it),
// and small readers for the outputs (VCF text through htslib's BGZF, GFF3, FASTA) so the checks
// do not depend on the code under test.

#include <gtest/gtest.h>
#include <htslib/bgzf.h>
#include <htslib/faidx.h>
#include <htslib/kstring.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/sequence.h"
#include "simulate/simulate.h"
#include "support/test_support.h"

namespace zenome::simulate::testing {

inline std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t at = text.find(separator, start);
    parts.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return parts;
}

// Options of the run most tests look at: big enough for several diseases, cases of each kind and
// population statistics; small enough to take a few seconds.
inline SimulateOptions MainRunOptions(const std::string& output_dir) {
  SimulateOptions options;
  options.output_dir = output_dir;
  options.seed = 20240601;
  options.threads = 2;
  options.genome.genome_size = 4'000'000;
  options.genes.count = 160;
  options.population.samples = 90;
  options.cases.count = 6;
  options.tumours.count = 2;
  options.tumours.somatic_per_mb = 40;
  return options;
}

// Where the main run is kept: beside the test binary, so builds in other trees (other worktrees,
// a sanitizer build) never see it nor remove it as stale while this build's tests read it.
inline std::filesystem::path MainRunCacheDir() {
  return std::filesystem::read_symlink("/proc/self/exe").parent_path() / "simulate-main-runs";
}

// The main run's output directory, generated once per build of the test binary and shared by
// every test process (written to a temporary name and renamed, so concurrent processes are safe).
inline const std::string& MainRun() {
  static const std::string directory = [] {
    struct stat exe {};
    stat("/proc/self/exe", &exe);
    const auto base = MainRunCacheDir();
    std::filesystem::create_directories(base);
    const std::string key =
        "simulate-main-" + std::to_string(exe.st_mtime) + "-" + std::to_string(exe.st_size);
    const auto target = base / key;
    if (std::filesystem::exists(target / "manifest.json")) return target.string();
    // Runs of older builds of this binary are stale.
    for (const auto& entry : std::filesystem::directory_iterator(base)) {
      std::string name = entry.path().filename().string();
      if (name.rfind("simulate-main-", 0) == 0 && name.find(key) == std::string::npos) {
        std::error_code ignored;
        std::filesystem::remove_all(entry.path(), ignored);
      }
    }
    const auto staging = base / (key + ".staging-" + std::to_string(getpid()));
    Result<SimulationSummary> summary = Simulate(MainRunOptions(staging.string()));
    if (!summary.ok()) throw std::runtime_error("simulation failed: " + summary.status().message());
    std::error_code error;
    std::filesystem::rename(staging, target, error);
    if (error) std::filesystem::remove_all(staging, error);  // another process won the race
    return target.string();
  }();
  return directory;
}

inline std::string MainFile(const std::string& relative) {
  return MainRun() + "/" + relative;
}

struct VcfRecord {
  std::string chrom;
  int64_t pos = 0;  // 1-based
  std::string id;
  std::string ref;
  std::vector<std::string> alts;
  std::string qual;
  std::string filter;
  std::map<std::string, std::string> info;  // flags map to ""
  std::vector<std::string> format;
  std::vector<std::vector<std::string>> samples;  // per sample, per FORMAT field

  std::string Sample(size_t sample, const std::string& field) const {
    for (size_t f = 0; f < format.size(); ++f) {
      if (format[f] == field && f < samples[sample].size()) return samples[sample][f];
    }
    return "";
  }
};

struct VcfFile {
  std::vector<std::string> header;
  std::vector<std::string> sample_names;
  std::vector<VcfRecord> records;
};

inline VcfFile ReadVcf(const std::string& path) {
  VcfFile file;
  BGZF* in = bgzf_open(path.c_str(), "r");
  if (in == nullptr) throw std::runtime_error("cannot open " + path);
  kstring_t line = {0, 0, nullptr};
  while (bgzf_getline(in, '\n', &line) >= 0) {
    std::string text(line.s, line.l);
    if (text.rfind("##", 0) == 0) {
      file.header.push_back(text);
      continue;
    }
    std::vector<std::string> columns = Split(text, '\t');
    if (text.rfind("#CHROM", 0) == 0) {
      for (size_t i = 9; i < columns.size(); ++i) file.sample_names.push_back(columns[i]);
      continue;
    }
    VcfRecord record;
    record.chrom = columns.at(0);
    record.pos = std::stoll(columns.at(1));
    record.id = columns.at(2);
    record.ref = columns.at(3);
    record.alts = Split(columns.at(4), ',');
    record.qual = columns.at(5);
    record.filter = columns.at(6);
    if (columns.at(7) != ".") {
      for (const std::string& item : Split(columns[7], ';')) {
        size_t eq = item.find('=');
        record.info[item.substr(0, eq)] = eq == std::string::npos ? "" : item.substr(eq + 1);
      }
    }
    if (columns.size() > 8) {
      record.format = Split(columns[8], ':');
      for (size_t i = 9; i < columns.size(); ++i) record.samples.push_back(Split(columns[i], ':'));
    }
    file.records.push_back(std::move(record));
  }
  free(line.s);
  bgzf_close(in);
  return file;
}

// Sequences of a FASTA, read with htslib faidx.
inline std::map<std::string, std::string> ReadFasta(const std::string& path) {
  std::map<std::string, std::string> sequences;
  faidx_t* fai = fai_load(path.c_str());
  if (fai == nullptr) throw std::runtime_error("cannot load " + path);
  for (int i = 0; i < faidx_nseq(fai); ++i) {
    const char* name = faidx_iseq(fai, i);
    hts_pos_t length = 0;
    char* seq = faidx_fetch_seq64(fai, name, 0, faidx_seq_len(fai, name) - 1, &length);
    sequences[name] = std::string(seq, static_cast<size_t>(length));
    free(seq);
  }
  fai_destroy(fai);
  return sequences;
}

inline const std::map<std::string, std::string>& MainReference() {
  static const auto reference = ReadFasta(MainFile("reference.fa"));
  return reference;
}

// A minimal GFF3 reader for Ensembl-style files (independent of src/kb and src/simulate).
struct GffTranscript {
  std::string id;
  std::string gene;
  std::string type;
  std::string biotype;
  std::string chrom;
  char strand = '+';
  std::vector<std::string> tags;
  std::vector<std::pair<int64_t, int64_t>> exons;  // 1-based closed, ascending
  struct Cds {
    int64_t start, end;
    int phase;
  };
  std::vector<Cds> cds;  // ascending
  bool HasTag(const std::string& tag) const {
    for (const auto& t : tags) {
      if (t == tag) return true;
    }
    return false;
  }
};

struct GffGene {
  std::string id;
  std::string type;
  std::string biotype;
  std::string chrom;
  int64_t start = 0, end = 0;
  char strand = '+';
  std::vector<std::string> transcripts;
};

struct GffModel {
  std::map<std::string, GffGene> genes;
  std::map<std::string, GffTranscript> transcripts;
  std::vector<std::string> header;
};

inline std::map<std::string, std::string> Attributes(const std::string& column) {
  std::map<std::string, std::string> attributes;
  for (const std::string& item : Split(column, ';')) {
    size_t eq = item.find('=');
    if (eq != std::string::npos) attributes[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return attributes;
}

inline GffModel ReadGff3(const std::string& path) {
  GffModel model;
  for (const std::string& line : zenome::testing::ReadLines(path)) {
    if (line.empty()) continue;
    if (line[0] == '#') {
      model.header.push_back(line);
      continue;
    }
    std::vector<std::string> c = Split(line, '\t');
    auto attributes = Attributes(c.at(8));
    const std::string& type = c[2];
    int64_t start = std::stoll(c[3]), end = std::stoll(c[4]);
    if (attributes.count("ID") && attributes["ID"].rfind("gene:", 0) == 0) {
      GffGene gene{attributes["ID"].substr(5), type, attributes["biotype"], c[0], start, end, c[6][0], {}};
      model.genes[gene.id] = gene;
    } else if (attributes.count("ID") && attributes["ID"].rfind("transcript:", 0) == 0) {
      GffTranscript t;
      t.id = attributes["ID"].substr(11);
      t.gene = attributes["Parent"].substr(5);
      t.type = type;
      t.biotype = attributes["biotype"];
      t.chrom = c[0];
      t.strand = c[6][0];
      if (attributes.count("tag")) t.tags = Split(attributes["tag"], ',');
      model.transcripts[t.id] = t;
      model.genes[t.gene].transcripts.push_back(t.id);
    } else if (type == "exon") {
      model.transcripts[attributes["Parent"].substr(11)].exons.push_back({start, end});
    } else if (type == "CDS") {
      model.transcripts[attributes["Parent"].substr(11)].cds.push_back({start, end, std::stoi(c[7])});
    }
  }
  return model;
}

// Spliced bases of `pieces` (1-based closed, ascending) read 5'→3' on the strand.
inline std::string Spliced(const std::string& contig, const std::vector<std::pair<int64_t, int64_t>>& pieces,
                           char strand) {
  std::string seq;
  for (const auto& [start, end] : pieces)
    seq += contig.substr(static_cast<size_t>(start - 1), static_cast<size_t>(end - start + 1));
  if (strand == '-') ReverseComplementInPlace(seq);
  return seq;
}

inline std::vector<std::pair<int64_t, int64_t>> CdsPieces(const GffTranscript& t) {
  std::vector<std::pair<int64_t, int64_t>> pieces;
  for (const auto& c : t.cds) pieces.push_back({c.start, c.end});
  return pieces;
}

// Samples of the main run by sex and population, from samples.tsv.
struct SampleInfo {
  std::string population;
  bool male = false;
};
inline std::map<std::string, SampleInfo> MainSamples() {
  std::map<std::string, SampleInfo> samples;
  auto lines = zenome::testing::ReadLines(MainFile("samples.tsv"));
  for (size_t i = 1; i < lines.size(); ++i) {
    auto c = Split(lines[i], '\t');
    samples[c.at(0)] = {c.at(1), c.at(2) == "male"};
  }
  return samples;
}

// Every file the manifest lists, with its content.
inline std::map<std::string, std::string> ReadAllFiles(const std::string& directory) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
    if (!entry.is_regular_file()) continue;
    files[std::filesystem::relative(entry.path(), directory).string()] =
        zenome::testing::ReadFile(entry.path().string());
  }
  return files;
}

}  // namespace zenome::simulate::testing
