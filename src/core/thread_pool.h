#pragma once
// One shared pool of worker threads for zenome's own work (SharedThreadPool), plus the htslib pool
// that BGZF compression and decompression run on. Both are sized by --threads.

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

#include "core/status.h"

struct hts_tpool;

namespace zenome {

class ThreadPool {
 public:
  // n_threads <= 0 runs every task inline on the submitting thread.
  explicit ThreadPool(int n_threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int size() const { return n_workers_.load(); }
  // Adds workers until there are at least n_threads.
  void Grow(int n_threads);

  template <typename F>
  auto Submit(F&& task) -> std::future<std::invoke_result_t<F>> {
    using R = std::invoke_result_t<F>;
    auto packaged = std::make_shared<std::packaged_task<R()>>(std::forward<F>(task));
    std::future<R> future = packaged->get_future();
    if (size() == 0) {
      (*packaged)();
      return future;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.emplace_back([packaged] { (*packaged)(); });
    }
    ready_.notify_one();
    return future;
  }

 private:
  void WorkerLoop();
  std::vector<std::thread> workers_;
  std::atomic<int> n_workers_{0};
  std::deque<std::function<void()>> queue_;
  std::mutex mutex_;
  std::condition_variable ready_;
  bool stopping_ = false;
};

// The process's one pool, grown on demand to the largest `threads` any caller asked for (never
// shrunk, never destroyed), so that commands, the server and the library calls under them share
// workers instead of each starting their own. Callers bound their own concurrency (RunEach below;
// the annotator's and simulator's in-flight windows).
ThreadPool& SharedThreadPool(int threads);

// Runs task(0) .. task(n - 1), each returning Result<T>, on at most `threads` threads (the caller's
// and threads - 1 workers of the shared pool; inline when threads <= 1) and returns their values in
// index order. Every task runs to its end; the error returned is the first in index order. The
// calling thread works through the tasks too, so a RunEach inside a pool task never waits on
// workers that are all busy.
template <typename T, typename Task>
Result<std::vector<T>> RunEach(int threads, size_t n, Task task) {
  std::vector<std::optional<Result<T>>> results(n);
  struct Shared {
    std::atomic<size_t> next{0};
    std::mutex mutex;
    std::condition_variable idle;
    int active = 0;     // helpers inside the loop below
    bool done = false;  // every index claimed: helpers starting now must not touch the caller's state
  };
  auto shared = std::make_shared<Shared>();
  auto work = [&results, &task, n](Shared& state) {
    for (size_t i; (i = state.next.fetch_add(1)) < n;) results[i].emplace(task(i));
  };
  int helpers = static_cast<int>(std::min<size_t>(n, threads > 1 ? static_cast<size_t>(threads) : 1)) - 1;
  if (helpers > 0) {
    ThreadPool& pool = SharedThreadPool(threads);
    std::function<void(Shared&)> run = work;
    for (int h = 0; h < helpers; ++h) {
      pool.Submit([shared, run] {
        {
          std::lock_guard<std::mutex> lock(shared->mutex);
          if (shared->done) return;
          ++shared->active;
        }
        run(*shared);
        std::lock_guard<std::mutex> lock(shared->mutex);
        if (--shared->active == 0) shared->idle.notify_all();
      });
    }
  }
  work(*shared);
  {
    std::unique_lock<std::mutex> lock(shared->mutex);
    shared->done = true;
    shared->idle.wait(lock, [&] { return shared->active == 0; });
  }
  std::vector<T> values;
  values.reserve(n);
  for (auto& result : results) {
    if (!result->ok()) return result->status();
    values.push_back(std::move(*result).value());
  }
  return values;
}

// RAII owner of an htslib thread pool (for BGZF). Null when n_threads <= 0.
class HtsThreadPool {
 public:
  explicit HtsThreadPool(int n_threads);
  ~HtsThreadPool();
  HtsThreadPool(const HtsThreadPool&) = delete;
  HtsThreadPool& operator=(const HtsThreadPool&) = delete;
  hts_tpool* get() const { return pool_; }

 private:
  hts_tpool* pool_ = nullptr;
};

}  // namespace zenome
