#include "core/thread_pool.h"

#include <htslib/thread_pool.h>

namespace zenome {

ThreadPool::ThreadPool(int n_threads) {
  Grow(n_threads);
}

void ThreadPool::Grow(int n_threads) {
  std::lock_guard<std::mutex> lock(mutex_);
  while (static_cast<int>(workers_.size()) < n_threads) {
    workers_.emplace_back([this] { WorkerLoop(); });
    n_workers_.store(static_cast<int>(workers_.size()));
  }
}

ThreadPool& SharedThreadPool(int threads) {
  // Never destroyed: a worker still inside a task at exit must not be joined by a static destructor.
  static ThreadPool* const pool = new ThreadPool(0);
  pool->Grow(threads);
  return *pool;
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
