// zenome_fault_runner: runs exactly what the zenome binary runs (cli::RunZenome) with a fault
// handler installed (core/fault_point.h), for the tests in this folder. Test-only; not installed.
//
//   zenome_fault_runner [--log FILE] [--kill-at N|NAME] [--fail-write-at N]
//                       [--pause-at N|NAME --pause-file F] -- COMMAND ARGS...
//
// --log FILE           appends "N<TAB>step|write<TAB>NAME[<TAB>killed|failed]" for every fault
//                      point passed
// --kill-at N|NAME     SIGKILLs the process at the N-th point passed (1-based, steps and writes
//                      counted together), or at the first point named NAME
// --fail-write-at N    the N-th durable write (kWrite point) fails with ENOSPC
// --pause-at N|NAME    there, creates F.reached and waits until F.go exists (so a test can act
//                      while a writer is inside its protocol, without timing)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cli/run.h"
#include "core/fault_point.h"

namespace {

int g_log_fd = -1;
// A point is chosen by number or by name (the first time it is passed).
struct Choice {
  long number = 0;
  std::string name;
  std::atomic<bool> done{false};
  bool Matches(long point, const char* passed) {
    if (number != 0) return point == number;
    return !name.empty() && name == passed && !done.exchange(true);
  }
};

Choice g_kill_at;
long g_fail_write_at = 0;
Choice g_pause_at;
std::string g_pause_file;
std::atomic<long> g_points{0};
std::atomic<long> g_writes{0};

bool Exists(const std::string& path) {
  struct stat info;
  return ::stat(path.c_str(), &info) == 0;
}

int Handler(const char* name, zenome::FaultKind kind) {
  long point = ++g_points;
  bool write = kind == zenome::FaultKind::kWrite;
  long write_number = write ? ++g_writes : 0;
  bool fail = write && write_number == g_fail_write_at;
  bool killing = g_kill_at.Matches(point, name);
  if (g_log_fd >= 0) {
    // One write(2) per line: lines from several threads never interleave, and a line written just
    // before the SIGKILL below is already in the file.
    std::string line = std::to_string(point) + '\t' + (write ? "write" : "step") + '\t' + name +
                       (killing ? "\tkilled"
                        : fail  ? "\tfailed"
                                : "") +
                       '\n';
    (void)::write(g_log_fd, line.data(), line.size());
  }
  if (killing) ::kill(::getpid(), SIGKILL);
  if (g_pause_at.Matches(point, name)) {
    int fd = ::open((g_pause_file + ".reached").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0) ::close(fd);
    while (!Exists(g_pause_file + ".go")) ::usleep(2000);
  }
  return fail ? ENOSPC : 0;
}

void Choose(Choice& choice, const char* text) {
  char* end = nullptr;
  long value = std::strtol(text, &end, 10);
  if (end != text && *end == '\0' && value >= 1) {
    choice.number = value;
  } else {
    choice.name = text;
  }
}

long Number(const char* option, const char* text) {
  char* end = nullptr;
  long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < 1) {
    std::fprintf(stderr, "zenome_fault_runner: %s needs a number from 1 (got '%s')\n", option, text);
    std::exit(2);
  }
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  int i = 1;
  for (; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
    std::string option = argv[i];
    if (i + 1 >= argc) {
      std::fprintf(stderr, "zenome_fault_runner: %s needs a value\n", option.c_str());
      return 2;
    }
    const char* value = argv[++i];
    if (option == "--log") {
      g_log_fd = ::open(value, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
      if (g_log_fd < 0) {
        std::fprintf(stderr, "zenome_fault_runner: %s: %s\n", value, std::strerror(errno));
        return 2;
      }
    } else if (option == "--kill-at") {
      Choose(g_kill_at, value);
    } else if (option == "--fail-write-at") {
      g_fail_write_at = Number("--fail-write-at", value);
    } else if (option == "--pause-at") {
      Choose(g_pause_at, value);
    } else if (option == "--pause-file") {
      g_pause_file = value;
    } else {
      std::fprintf(stderr, "zenome_fault_runner: unknown option %s\n", option.c_str());
      return 2;
    }
  }
  bool pause = g_pause_at.number != 0 || !g_pause_at.name.empty();
  if (i >= argc || (pause && g_pause_file.empty())) {
    std::fprintf(stderr,
                 "usage: zenome_fault_runner [--log FILE] [--kill-at N|NAME] [--fail-write-at N] "
                 "[--pause-at N|NAME --pause-file F] -- COMMAND ARGS...\n");
    return 2;
  }
  zenome::SetFaultHandler(Handler);
  // RunZenome reads argv[0] as the program name: the "--" stands in for it.
  return zenome::cli::RunZenome(argc - i, argv + i);
}
