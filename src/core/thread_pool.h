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
