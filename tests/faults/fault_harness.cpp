#include "faults/fault_harness.h"

#include <gtest/gtest.h>

#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "store/catalog/catalog.h"
#include "store/catalog/store_dir.h"

namespace zenome::faults {

namespace fs = std::filesystem;
using testing::WriteFile;

namespace {

// One subject already in the clinical layer (S0001, whose sex and phenotypes change) and one new.
constexpr const char* kPhenopackets = R"([
  {"id": "case-1",
   "subject": {"id": "S0001", "sex": "MALE", "timeAtLastEncounter": {"age": {"iso8601duration": "P51Y"}}},
   "phenotypicFeatures": [{"type": {"id": "HP:0001250"}}, {"type": {"id": "HP:0001263"}, "excluded": true}],
   "diseases": [{"term": {"id": "OMIM:308350"}}],
   "medicalActions": [{"treatment": {"agent": {"id": "DrugCentral:1610"}}}]},
  {"id": "case-2", "subject": {"id": "S0007", "sex": "FEMALE"},
   "phenotypicFeatures": [{"type": {"id": "HP:0007359"}}]}
])";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// `zenome ARGS` whatever its exit status: its stdout, or the exit status and stderr.
std::string Answer(const std::string& args) {
  CommandResult result = RunZenome(args);
  if (result.exit_code == 0) return result.out;
  return "exit " + std::to_string(result.exit_code) + ": " + result.err;
}

// The first variant on each contig of the sites export (for the carrier criteria).
std::vector<std::string> SomeVariants(const std::string& store) {
  std::vector<std::string> variants;
  std::set<std::string> contigs;
  std::istringstream sites(Answer("db export " + store + " --sites -O v --no-version -o -"));
  std::string line;
  while (std::getline(sites, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string contig, pos, id, ref, alt;
    fields >> contig >> pos >> id >> ref >> alt;
    if (contigs.insert(contig).second) variants.push_back(contig + "-" + pos + "-" + ref + "-" + alt);
  }
  return variants;
}

}  // namespace

std::string Data::Sample(int number, bool gvcf) const {
  char name[32];
  std::snprintf(name, sizeof(name), "S%04d.%svcf.gz", number, gvcf ? "g." : "");
  return sim + "/samples/" + name;
}

const Data& SharedData() {
  static WorkDir dir;
  static const Data data = [] {
    Data made;
    made.sim = dir.File("sim");
    CommandResult simulated =
        RunZenome("simulate -q -o " + made.sim +
                  " --seed 7 --genome-size 100k --contigs 1 --samples 7 --cases 0 --tumours 0 --gvcf");
    EXPECT_EQ(simulated.exit_code, 0) << simulated.err;
    made.key = dir.File("key");
    WriteFile(made.key, "fault-test-key-0123456789abcdef\n");
    made.phenopackets = dir.File("phenopackets.json");
    WriteFile(made.phenopackets, kPhenopackets);
    // Carriers of the first variant of each contig in a store of all seven genomes.
    std::string store = dir.File("all");
    Zenome("db init " + store + " --build custom -f " + made.sim + "/reference.fa");
    std::string all;
    for (int s = 1; s <= 7; ++s) all += " " + made.Sample(s);
    Zenome("db ingest -q " + store + " --key-file " + made.key + all);
    nlohmann::json any = nlohmann::json::array();
    for (const auto& variant : SomeVariants(store)) any.push_back({{"carrier", variant}});
    any.push_back({{"carrier", {{"variant", SomeVariants(store).front()}, {"genotype", "hom_alt"}}}});
    any.push_back({{"sex", "female"}});
    any.push_back({{"population", "eas"}});
    any.push_back({{"hpo", "HP:0001250"}});
    any.push_back({{"genome", true}});
    made.cohort_query = dir.File("cohort.json");
    WriteFile(made.cohort_query, nlohmann::json{{"any", any}}.dump());
    made.burden_query = dir.File("burden.json");
    WriteFile(made.burden_query,
              R"({"burden": {"gene": "ZG00003", "impact": ["HIGH", "MODERATE", "LOW", "MODIFIER"]}})");
    RemoveTree(store);
    return made;
  }();
  return data;
}

namespace {
// A new path in a scratch directory on the WorkDir's file system.
std::string ScratchPath() {
  static WorkDir scratch;
  static std::atomic<int> counter{0};
  return scratch.File(std::to_string(counter++));
}
}  // namespace

CommandResult Shell(const std::string& command_line) {
  std::string stem = ScratchPath();
  std::string full = "( " + command_line + " ) >" + stem + ".out 2>" + stem + ".err";
  int status = std::system(full.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = testing::ReadFile(stem + ".out");
  result.err = testing::ReadFile(stem + ".err");
  RemoveTree(stem + ".out");
  RemoveTree(stem + ".err");
  return result;
}

CommandResult RunZenome(const std::string& args) {
  return Shell(testing::ZenomeBinary() + " " + args);
}

std::unique_ptr<Mount> Mount::Tmpfs(const std::string& path, size_t bytes, std::string& why_not) {
  std::error_code error;
  fs::create_directories(path, error);
  std::string options = "size=" + std::to_string(bytes) + ",mode=0755";
  if (::mount("tmpfs", path.c_str(), "tmpfs", 0, options.c_str()) != 0) {
    why_not = "cannot mount a tmpfs at " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  return std::unique_ptr<Mount>(new Mount(path));
}

std::unique_ptr<Mount> Mount::ReadOnlyBind(const std::string& from, const std::string& path,
                                           std::string& why_not) {
  std::error_code error;
  fs::create_directories(path, error);
  if (::mount(from.c_str(), path.c_str(), nullptr, MS_BIND, nullptr) != 0) {
    why_not = "cannot bind-mount " + from + " at " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  std::unique_ptr<Mount> mount(new Mount(path));
  if (::mount(nullptr, path.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) != 0) {
    why_not = "cannot remount " + path + " read-only: " + std::strerror(errno);
    return nullptr;  // ~Mount detaches the writable bind
  }
  return mount;
}

Mount::~Mount() {
  if (::umount2(path_.c_str(), MNT_DETACH) != 0) {
    ADD_FAILURE() << "cannot unmount " << path_ << ": " << std::strerror(errno);
  }
}

uint64_t FreeBytes(const std::string& path) {
  struct statvfs info;
  if (::statvfs(path.c_str(), &info) != 0) return 0;
  return static_cast<uint64_t>(info.f_bavail) * info.f_frsize;
}

void FillDisk(const std::string& path, uint64_t leave) {
  std::ofstream out(path, std::ios::binary | std::ios::app);
  std::string zeros(1 << 16, '\0');
  for (uint64_t free = FreeBytes(fs::path(path).parent_path().string()); free > leave;) {
    uint64_t chunk = std::min<uint64_t>(zeros.size(), free - leave);
    out.write(zeros.data(), static_cast<std::streamsize>(chunk));
    out.flush();
    if (!out) break;
    uint64_t now = FreeBytes(fs::path(path).parent_path().string());
    if (now >= free) break;  // nothing more fits
    free = now;
  }
}

Background::Background(const std::string& command_line) {
  pid_ = ::fork();
  if (pid_ == 0) {
    ::execl("/bin/sh", "sh", "-c", command_line.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  EXPECT_GT(pid_, 0) << "fork: " << std::strerror(errno);
}

Background::~Background() {
  if (pid_ > 0 && status_ < 0) {
    ::kill(pid_, SIGKILL);
    Wait();
  }
}

int Background::Wait() {
  if (status_ >= 0 || pid_ <= 0) return status_;
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return status_;
}

bool Background::Ended() {
  if (status_ >= 0 || pid_ <= 0) return true;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;
  status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return true;
}

bool WaitForFile(const std::string& path, Background& process) {
  std::error_code error;
  while (!fs::exists(path, error)) {
    if (process.Ended()) return fs::exists(path, error);
    ::usleep(2000);
  }
  return true;
}

void Zenome(const std::string& args) {
  CommandResult result = RunZenome(args);
  ASSERT_EQ(result.exit_code, 0) << "zenome " << args << ":\n" << result.err;
}

void CopyTree(const std::string& from, const std::string& to) {
  std::error_code error;
  fs::copy(from, to, fs::copy_options::recursive, error);
  ASSERT_FALSE(error) << "copy " << from << " to " << to << ": " << error.message();
}

void RemoveTree(const std::string& path) {
  std::error_code ignored;
  fs::remove_all(path, ignored);
}

std::string FaultRunnerCommand(const std::string& options, const std::string& args) {
  return std::string(ZENOME_FAULT_RUNNER) + " " + options + " -- " + args + "; exit $?";
}

WorkDir::WorkDir() {
  static std::atomic<int> counter{0};
  std::error_code error;
  fs::path base = "/dev/shm";
  if (!fs::is_directory(base, error) || access(base.c_str(), W_OK) != 0) base = fs::temp_directory_path();
  base /= "zenome-fault-tests";
  fs::create_directories(base, error);
  path_ = (base / (std::to_string(getpid()) + "-" + std::to_string(counter++))).string();
  fs::remove_all(path_, error);
  fs::create_directories(path_, error);
  EXPECT_FALSE(error) << path_ << ": " << error.message();
}

WorkDir::~WorkDir() {
  RemoveTree(path_);
}

std::vector<LoggedPoint> ReadFaultLog(const std::string& path) {
  std::vector<LoggedPoint> points;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    LoggedPoint point;
    std::string kind;
    fields >> point.number >> kind >> point.name >> point.mark;
    point.write = kind == "write";
    points.push_back(point);
  }
  return points;
}

int CountPoints(const std::vector<LoggedPoint>& log, const std::string& name) {
  int count = 0;
  for (const auto& point : log) count += point.name == name;
  return count;
}

std::string Snapshot(const std::string& store) {
  const Data& data = SharedData();
  const std::vector<std::pair<std::string, std::string>> sections = {
      {"sites", "db export STORE --sites --by population,sex -O v --no-version -o -"},
      {"stats", "db stats STORE --format json"},
      {"cohort", "db cohort STORE " + data.cohort_query + " --list --explain"},
      {"layer clinical", "db export STORE --layer clinical -o -"},
      {"layer omics", "db export STORE --layer omics -o -"},
      {"layer ontology", "db export STORE --layer ontology -o -"},
      {"gene", "db query STORE --gene ZG00003"},
      {"burden", "db cohort STORE " + data.burden_query + " --count"},
  };
  // One shell for all of them; a reader's error (exit status and message) is part of the answer.
  std::string script;
  for (const auto& [name, args] : sections) {
    script += "echo '== " + name + "'; " + testing::ZenomeBinary() + " " + Replace(args, "STORE", store) +
              " 2>\"$E\" || { echo \"exit $?\"; cat \"$E\"; }; ";
  }
  CommandResult run = Shell("E=" + ScratchPath() + "; " + script + "rm -f \"$E\"");
  // The stats without bytes and times: segments, genomes, replaced, variants per contig, layer rows.
  std::string snapshot;
  std::istringstream lines(run.out);
  std::string line, stats_text;
  bool in_stats = false;
  while (std::getline(lines, line)) {
    if (line.rfind("== ", 0) == 0) in_stats = line == "== stats";
    if (in_stats && line != "== stats") {
      stats_text += line + "\n";
      continue;
    }
    snapshot += line + "\n";
    if (line == "== stats") {
      snapshot += "@STATS@\n";
    }
  }
  nlohmann::json stats = nlohmann::json::parse(stats_text, nullptr, false);
  nlohmann::json shape;
  for (const char* key :
       {"segments", "genomes", "replaced_genomes", "variants", "variants_per_contig", "layers"}) {
    shape[key] = stats.is_object() && stats.contains(key) ? stats[key] : nlohmann::json(stats_text);
  }
  if (stats.is_object() && stats.contains("per_segment")) {
    for (const auto& segment : stats["per_segment"]) {
      shape["per_segment"].push_back({segment["samples"], segment["variants"], segment["coverage"]});
    }
  }
  snapshot = Replace(snapshot, "@STATS@", shape.dump());
  return Replace(snapshot, store, "STORE");
}

CommandResult Check(const std::string& store) {
  return RunZenome("db check --full " + store);
}

void OpenForWriting(const std::string& store) {
  Result<StoreHandle> handle = OpenStore(store, true);
  EXPECT_TRUE(handle.ok()) << handle.status().message();
}

std::string Leftovers(const std::string& store) {
  std::string left;
  std::error_code error;
  if (fs::exists(store + "/staging")) {
    for (const auto& entry : fs::directory_iterator(store + "/staging", error)) {
      left += "staging/" + entry.path().filename().string() + " ";
    }
  }
  std::set<std::string> referenced;
  {
    auto catalog = Catalog::Open(store + "/catalog.sqlite", Catalog::Mode::kReadOnly);
    if (!catalog.ok()) return catalog.status().message();
    auto rows = (*catalog)->Prepare("SELECT directory FROM segments");
    if (!rows.ok()) return rows.status().message();
    while (true) {
      auto row = rows->Step();
      if (!row.ok() || !*row) break;
      referenced.insert(rows->ColumnText(0));
    }
  }
  for (const auto& entry : fs::directory_iterator(store + "/segments", error)) {
    if (!referenced.count(entry.path().filename().string())) {
      left += "segments/" + entry.path().filename().string() + " ";
    }
  }
  return left;
}

void Report(const std::string& line) {
  std::cout << "[faults] " << line << std::endl;
}

std::string FirstDifference(const std::string& actual, const std::string& expected) {
  std::istringstream a(actual), b(expected);
  std::string line_a, line_b, section;
  for (int number = 1;; ++number) {
    bool more_a = static_cast<bool>(std::getline(a, line_a));
    bool more_b = static_cast<bool>(std::getline(b, line_b));
    if (!more_a && !more_b) return "no difference";
    if (line_a.rfind("== ", 0) == 0) section = line_a;
    if (more_a != more_b || line_a != line_b) {
      return "first difference at line " + std::to_string(number) + " (in " + section +
             "):\n  got:      " + (more_a ? line_a : "(end)") +
             "\n  expected: " + (more_b ? line_b : "(end)");
    }
  }
}

namespace {

std::string Init(const std::string& store) {
  return "db init " + store + " --build custom -f " + SharedData().sim + "/reference.fa";
}

std::string IngestArgs(const std::string& store, const std::vector<int>& samples, bool gvcf,
                       const std::string& options = "") {
  std::string args = "db ingest -q " + options + " " + store + " --key-file " + SharedData().key;
  for (int s : samples) args += " " + SharedData().Sample(s, gvcf);
  return args;
}

std::string ImportArgs(const std::string& store, const std::string& layer, const std::string& file) {
  return "db import " + store + " --key-file " + SharedData().key + " --layer " + layer + " " + file;
}

std::string AnnotateArgs(const std::string& store) {
  return "db annotate -q " + store + " -g " + SharedData().sim + "/genes.gff3 -f " + SharedData().sim +
         "/reference.fa";
}

// Two genomes and the clinical layer.
void TwoGenomes(const std::string& store) {
  Zenome(Init(store));
  Zenome(IngestArgs(store, {1, 2}, false));
  Zenome(ImportArgs(store, "clinical", SharedData().sim + "/cohort/clinical.csv"));
}

void TwoGvcfGenomes(const std::string& store) {
  Zenome(Init(store));
  Zenome(IngestArgs(store, {1, 2}, true));
  Zenome(ImportArgs(store, "clinical", SharedData().sim + "/cohort/clinical.csv"));
}

void ThreeGenomesNoLayers(const std::string& store) {
  Zenome(Init(store));
  Zenome(IngestArgs(store, {1, 2, 3}, false));
}

// Two batches, the clinical layer.
void TwoBatches(const std::string& store) {
  TwoGenomes(store);
  Zenome(IngestArgs(store, {3, 4}, false));
}

// Three batches, the third replacing the first genome (by its gVCF), annotated.
void ThreeBatchesOneReplaced(const std::string& store) {
  TwoBatches(store);
  Zenome(IngestArgs(store, {5}, false));
  Zenome(IngestArgs(store, {1}, true, "--replace"));
  Zenome(AnnotateArgs(store));
}

// What a writer killed after moving its new segment into segments/ leaves: the batch's staging
// directory and a segment directory no catalog row refers to, which the next writer removes.
void TwoGenomesAndAKilledIngest(const std::string& store) {
  TwoGenomes(store);
  CommandResult killed = Shell(
      FaultRunnerCommand("--kill-at ingest.renamed", IngestArgs(store, {3, 4, 5}, false, "--threads 2")));
  ASSERT_EQ(killed.exit_code, 128 + 9) << killed.err;
}

void ThreeBatchesAndAKilledCompaction(const std::string& store) {
  ThreeBatchesOneReplaced(store);
  CommandResult killed = Shell(FaultRunnerCommand("--kill-at compact.renamed", "db compact -q " + store));
  ASSERT_EQ(killed.exit_code, 128 + 9) << killed.err;
}

}  // namespace

std::string Writer::Args(const std::string& store) const {
  return Replace(args, "STORE", store);
}

const std::vector<Writer>& Writers() {
  static const std::vector<Writer> writers = [] {
    const Data& data = SharedData();
    std::string key = " --key-file " + data.key;
    std::string cohort = data.sim + "/cohort/";
    return std::vector<Writer>{
        {"IngestVcf", "db ingest, 3 VCFs, --threads 2", TwoGenomes,
         IngestArgs("STORE", {3, 4, 5}, false, "--threads 2")},
        {"IngestGvcf", "db ingest, 3 gVCFs, --threads 2", TwoGvcfGenomes,
         IngestArgs("STORE", {3, 4, 5}, true, "--threads 2")},
        {"ImportClinicalCsv", "db import --layer clinical, CSV", ThreeGenomesNoLayers,
         ImportArgs("STORE", "clinical", cohort + "clinical.csv")},
        {"ImportPhenopacket", "db import --layer clinical, Phenopacket JSON", TwoGenomes,
         ImportArgs("STORE", "clinical", data.phenopackets)},
        {"ImportOmics", "db import --layer omics", TwoGenomes,
         ImportArgs("STORE", "omics", cohort + "omics.tsv") + " --assay rna"},
        // Into a store without phenotypes: the simulated clinical layer holds an obsolete HPO term
        // on purpose, which `db check` reports once the ontology is imported.
        {"ImportOntology", "db import --layer ontology, OBO", ThreeGenomesNoLayers,
         ImportArgs("STORE", "ontology", cohort + "hp.obo")},
        {"Annotate", "db annotate", TwoBatches, AnnotateArgs("STORE")},
        {"CompactAll", "db compact, 4 segments, one genome replaced", ThreeBatchesOneReplaced,
         "db compact -q --threads 2 STORE"},
        {"CompactDropReplaced", "db compact --drop-replaced", ThreeBatchesOneReplaced,
         "db compact -q --threads 2 --drop-replaced STORE"},
        // The next writer after a crash, whose first steps remove what the crashed one left.
        {"IngestAfterKilledIngest", "db ingest after an ingest killed at ingest.renamed",
         TwoGenomesAndAKilledIngest, IngestArgs("STORE", {3, 4, 5}, false, "--threads 2")},
        {"CompactAfterKilledCompact", "db compact after a compaction killed at compact.renamed",
         ThreeBatchesAndAKilledCompaction, "db compact -q --threads 2 STORE"},
    };
  }();
  return writers;
}

const Writer& FindWriter(const std::string& name) {
  for (const auto& writer : Writers()) {
    if (writer.name == name) return writer;
  }
  throw std::runtime_error("no writer " + name);
}

}  // namespace zenome::faults
