// A small thread pool: a task queue under std::mutex, workers on a condition variable, std::atomic counters, shared_mutex readers.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <iostream>
#include <mutex>
#include <queue>
#include <shared_mutex>
#include <thread>
#include <vector>

class Pool {
 public:
  explicit Pool(int n) {
    for (int i = 0; i < n; i++) workers.emplace_back([this] { run(); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> lk(m);
      stop = true;
    }
    cv.notify_all();
    for (auto& w : workers) w.join();
  }
  void submit(std::function<void()> f) {
    {
      std::lock_guard<std::mutex> lk(m);
      q.push(std::move(f));
    }
    cv.notify_one();
  }

 private:
  void run() {
    for (;;) {
      std::function<void()> f;
      {
        std::unique_lock<std::mutex> lk(m);
        cv.wait(lk, [this] { return stop || !q.empty(); });
        if (q.empty()) return;
        f = std::move(q.front());
        q.pop();
      }
      f();
    }
  }
  std::vector<std::thread> workers;
  std::queue<std::function<void()>> q;
  std::mutex m;
  std::condition_variable cv;
  bool stop = false;
};

int main() {
  std::atomic<long> done{0}, total{0};
  std::shared_mutex table_lock;
  std::vector<int> table(100, 1);
  {
    Pool pool(4);
    for (int i = 0; i < 400; i++) {
      pool.submit([&, i] {
        long s = 0;
        {
          std::shared_lock<std::shared_mutex> r(table_lock);
          for (int v : table) s += v;
        }
        if (i % 50 == 0) {
          std::unique_lock<std::shared_mutex> w(table_lock);
          table[i % 100] += 1;
        }
        total += s > 0;
        done++;
      });
    }
  }
  std::cout << "tasks done " << done << " positive " << total << "\n";
}
