// The main run that most simulate tests read is cached beside this test binary. It used to be kept
// in the shared temp directory, where the first test process of another build (another worktree, a
// sanitizer build) removed it as stale while this build's tests were reading it.
#include <gtest/gtest.h>

#include <filesystem>

#include "simulate_test_helpers.h"

namespace zenome::simulate::testing {
namespace {

TEST(SimulateTestSupport, MainRunIsCachedInThisBuildTreeNotTheSharedTempDirectory) {
  const std::filesystem::path run = MainRun();
  const auto binary_dir = std::filesystem::read_symlink("/proc/self/exe").parent_path();
  EXPECT_EQ(run.parent_path(), binary_dir / "simulate-main-runs");
  EXPECT_EQ(run.parent_path().parent_path(), binary_dir);
  EXPECT_TRUE(std::filesystem::exists(run / "manifest.json"));
}

}  // namespace
}  // namespace zenome::simulate::testing
