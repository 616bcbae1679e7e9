#pragma once
// Shared by the fault tests: a small simulated data set, stores built from it, the fault runner
// (tests/faults/fault_runner.cpp: the zenome command line with a fault handler), and a snapshot of
// everything a reader can see in a store, to compare a store after a fault with the states before
// and after the interrupted writer.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace zenome::faults {

using testing::CommandResult;

// A simulated genome (4 contigs), 6 samples as VCF and gVCF, genes, the cohort layers and a
// Phenopacket file; made once per test process.
struct Data {
  std::string sim;  // the simulator's output directory
  std::string key;  // pseudonymisation key file
  std::string phenopackets;
  std::string cohort_query;  // carriers, clinical criteria and genomes, for `db cohort --explain`
  std::string burden_query;  // needs `db annotate`
  std::string Sample(int number, bool gvcf = false) const;
};
const Data& SharedData();

// A scratch directory on /dev/shm when there is one, else beside testing::TempDir's: a SIGKILL
// loses nothing a page cache holds, so the protocol under test is the same on tmpfs, where the
// writers' fsyncs cost nothing and every fault point fits in CI's time. Removed when it dies.
class WorkDir {
 public:
  WorkDir();
  ~WorkDir();
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A mount made for a test and detached when it dies: a small tmpfs (a disk that fills up) or a
// read-only bind mount of a directory (root ignores permission bits, so a store made read-only by
// chmod would still be written). Mounting needs root (CAP_SYS_ADMIN): `why_not` says why it failed.
class Mount {
 public:
  static std::unique_ptr<Mount> Tmpfs(const std::string& path, size_t bytes, std::string& why_not);
  static std::unique_ptr<Mount> ReadOnlyBind(const std::string& from, const std::string& path,
                                             std::string& why_not);
  ~Mount();
  Mount(const Mount&) = delete;
  Mount& operator=(const Mount&) = delete;

 private:
  explicit Mount(std::string path) : path_(std::move(path)) {}
  std::string path_;
};
// Bytes free for writing on the file system holding `path`.
uint64_t FreeBytes(const std::string& path);
// Writes zeros to `path` until `leave` bytes are free on its file system.
void FillDisk(const std::string& path, uint64_t leave);

// A shell command line started in the background; Wait() returns its exit status.
class Background {
 public:
  explicit Background(const std::string& command_line);
  ~Background();
  // Exit status (128 + signal when killed by one).
  int Wait();
  // Whether it has ended (without waiting).
  bool Ended();

 private:
  int pid_ = -1;
  int status_ = -1;
};
// Waits until `path` exists or `process` ends; false if it ended first.
bool WaitForFile(const std::string& path, Background& process);

// testing::RunShell and RunZenome, with their output captured on the WorkDir's file system (a
// check of a store runs some thirty commands; on a busy disk creating and removing the capture
// files took most of the time).
CommandResult Shell(const std::string& command_line);
CommandResult RunZenome(const std::string& args);

// Runs `zenome ARGS` and fails the test unless it exits 0.
void Zenome(const std::string& args);
// Copies a directory tree (a store template) to `to`, which must not exist.
void CopyTree(const std::string& from, const std::string& to);
// Removes a directory tree, ignoring errors.
void RemoveTree(const std::string& path);

// "zenome_fault_runner OPTIONS -- ARGS" as one shell command line (its exit status 128 + 9 when
// killed, without the shell's "Killed" on the test's stderr).
std::string FaultRunnerCommand(const std::string& options, const std::string& args);

struct LoggedPoint {
  long number = 0;
  bool write = false;  // a durable write (may be failed), not only a step
  std::string name;
  std::string mark;  // "killed", "failed" or ""
};
std::vector<LoggedPoint> ReadFaultLog(const std::string& path);
// How many times `name` appears in the log.
int CountPoints(const std::vector<LoggedPoint>& log, const std::string& name);

// Everything a reader sees, with the store's path replaced by STORE: the sites export with counts
// per population and sex, the shape from `db stats` (segments, genomes, replaced, variants per
// contig, layer row counts; not bytes or times), a cohort query with carriers and clinical
// criteria, the clinical, omics and ontology layers, and the annotations (gene query, burden).
std::string Snapshot(const std::string& store);

// `db check --full`: exit status and output.
CommandResult Check(const std::string& store);

// What the next writer does first (OpenStore for writing: take the lock, remove staging/ and
// unreferenced segment directories), in process.
void OpenForWriting(const std::string& store);
// Empty when staging/ is gone or empty and segments/ holds exactly the catalog's segments; else
// what is left over.
std::string Leftovers(const std::string& store);

// Prints a line that the README's fault table is made from ("[faults] ...").
void Report(const std::string& line);
// Where two snapshots first differ (a few lines of each), for failure messages.
std::string FirstDifference(const std::string& actual, const std::string& expected);

// One writer under test: how to build the store it starts from, and its command line.
struct Writer {
  std::string name;   // test name and README table row
  std::string label;  // what exactly it runs, for the report
  void (*prepare)(const std::string& store);
  std::string args;  // zenome arguments; STORE stands for the store directory
  std::string Args(const std::string& store) const;
};
// ingest (VCF; gVCF), import (clinical CSV; Phenopacket; omics; ontology), annotate, compact
// (all; --drop-replaced).
const std::vector<Writer>& Writers();
const Writer& FindWriter(const std::string& name);

}  // namespace zenome::faults
