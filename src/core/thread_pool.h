#pragma once
// One shared pool of worker threads for zenome's own work, plus the htslib pool that BGZF
// compression and decompression run on. Both are sized by --threads.

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
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

  int size() const { return static_cast<int>(workers_.size()); }

  template <typename F>
  auto Submit(F&& task) -> std::future<std::invoke_result_t<F>> {
    using R = std::invoke_result_t<F>;
    auto packaged = std::make_shared<std::packaged_task<R()>>(std::forward<F>(task));
    std::future<R> future = packaged->get_future();
    if (workers_.empty()) {
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
  std::deque<std::function<void()>> queue_;
  std::mutex mutex_;
  std::condition_variable ready_;
  bool stopping_ = false;
};

// Runs task(0) .. task(n - 1), each returning Result<T>, on `threads` workers (inline when
// threads <= 1) and returns their values in index order. Every task runs to its end; the error
// returned is the first in index order.
template <typename T, typename Task>
Result<std::vector<T>> RunEach(int threads, size_t n, Task task) {
  ThreadPool pool(threads > 1 ? threads : 0);
  std::vector<std::future<Result<T>>> pending;
  pending.reserve(n);
  for (size_t i = 0; i < n; ++i) pending.push_back(pool.Submit([&task, i] { return task(i); }));
  std::vector<T> values;
  values.reserve(n);
  Status first_error;
  for (auto& future : pending) {
    Result<T> result = future.get();
    if (!result.ok()) {
      if (first_error.ok()) first_error = result.status();
      continue;
    }
    values.push_back(std::move(result).value());
  }
  if (!first_error.ok()) return first_error;
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
