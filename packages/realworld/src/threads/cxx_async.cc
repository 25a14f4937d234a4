// std::async, std::future, std::promise and std::packaged_task; an exception travels through a future.
#include <future>
#include <iostream>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <vector>

long sum_range(long lo, long hi) {
  long s = 0;
  for (long i = lo; i < hi; i++) s += i % 7;
  return s;
}

int main() {
  std::vector<std::future<long>> parts;
  for (int i = 0; i < 6; i++) parts.push_back(std::async(std::launch::async, sum_range, i * 100000L, (i + 1) * 100000L));
  long total = 0;
  for (auto& f : parts) total += f.get();
  std::cout << "async total " << total << "\n";

  std::promise<std::string> p;
  std::future<std::string> fs = p.get_future();
  std::thread t([&p] { p.set_value("from a promise"); });
  std::cout << fs.get() << "\n";
  t.join();

  std::packaged_task<int(int)> task([](int x) { return x * 3; });
  auto ft = task.get_future();
  std::thread(std::move(task), 14).join();
  std::cout << "packaged_task " << ft.get() << "\n";

  auto bad = std::async(std::launch::async, []() -> int { throw std::runtime_error("thrown in a thread"); });
  try {
    bad.get();
  } catch (const std::exception& e) {
    std::cout << "caught: " << e.what() << "\n";
  }
  std::cout << "hardware_concurrency>0 " << (std::thread::hardware_concurrency() > 0) << "\n";
}
