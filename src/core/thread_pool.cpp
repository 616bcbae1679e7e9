#include "core/thread_pool.h"

#include <htslib/thread_pool.h>

namespace zenome {

ThreadPool::ThreadPool(int n_threads) {
  for (int i = 0; i < n_threads; ++i) workers_.emplace_back([this] { WorkerLoop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& worker : workers_) worker.join();
}

void ThreadPool::WorkerLoop() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

HtsThreadPool::HtsThreadPool(int n_threads) {
  if (n_threads > 0) pool_ = hts_tpool_init(n_threads);
}

HtsThreadPool::~HtsThreadPool() {
  if (pool_ != nullptr) hts_tpool_destroy(pool_);
}

}  // namespace zenome
