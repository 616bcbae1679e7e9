#include "core/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace zenome {
namespace {

TEST(RunEach, ValuesComeInIndexOrderWhateverTheThreads) {
  for (int threads : {0, 1, 2, 4, 8}) {
    auto values = RunEach<size_t>(threads, 100, [](size_t i) -> Result<size_t> { return i * i; });
    ASSERT_TRUE(values.ok());
    ASSERT_EQ(values->size(), 100u);
    for (size_t i = 0; i < 100; ++i) EXPECT_EQ((*values)[i], i * i) << threads;
  }
  auto none = RunEach<int>(4, 0, [](size_t) -> Result<int> { return 1; });
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(RunEach, EveryTaskRunsAndTheFirstErrorInIndexOrderWins) {
  std::atomic<int> ran{0};
  auto values = RunEach<int>(3, 20, [&](size_t i) -> Result<int> {
    ++ran;
    if (i == 7 || i == 12) return Status::BadInput("task " + std::to_string(i));
    return static_cast<int>(i);
  });
  ASSERT_FALSE(values.ok());
  EXPECT_EQ(values.status().message(), "task 7");
  EXPECT_EQ(ran.load(), 20);
}

TEST(RunEach, NeverRunsMoreThanThreadsTasksAtOnceOnTheSharedPool) {
  SharedThreadPool(6);  // a pool larger than what this call asks for
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  auto values = RunEach<int>(2, 12, [&](size_t) -> Result<int> {
    int now = ++running;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    --running;
    return 0;
  });
  ASSERT_TRUE(values.ok());
  EXPECT_LE(most.load(), 2);
  EXPECT_GE(SharedThreadPool(1).size(), 6);  // shared and never shrunk
}

TEST(RunEach, NestedCallsFromBusyWorkersFinish) {
  // Every worker of the shared pool runs an outer task that itself calls RunEach: the callers work
  // through their own tasks, so nobody waits for a free worker.
  auto outer = RunEach<int>(4, 8, [](size_t o) -> Result<int> {
    ZENOME_ASSIGN_OR_RETURN(
        auto inner, RunEach<int>(4, 16, [o](size_t i) -> Result<int> { return static_cast<int>(o + i); }));
    int sum = 0;
    for (int value : inner) sum += value;
    return sum;
  });
  ASSERT_TRUE(outer.ok());
  for (size_t o = 0; o < 8; ++o) EXPECT_EQ((*outer)[o], static_cast<int>(16 * o + 120));
}

}  // namespace
}  // namespace zenome
