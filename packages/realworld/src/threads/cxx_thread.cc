// std::thread with std::mutex, std::condition_variable and thread_local: a ping-pong between two threads.
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

thread_local int visits = 0;
std::mutex m;
std::condition_variable cv;
int turn = 0;
int visits_of[2];

void player(int me, int rounds, std::vector<int>& log) {
  for (int i = 0; i < rounds; i++) {
    std::unique_lock<std::mutex> lk(m);
    cv.wait(lk, [&] { return turn == me; });
    log.push_back(me);
    ++visits;
    turn = 1 - me;
    cv.notify_all();
  }
  visits_of[me] = visits;
}

int main() {
  std::vector<int> log;
  std::thread a([&log] {
    for (int i = 0; i < 51; i++) { log.push_back(2); ++visits; }
    std::cout << "solo visits " << visits << "\n";
  });
  a.join();
  std::thread b(player, 0, 25, std::ref(log)), c(player, 1, 25, std::ref(log));
  b.join();
  c.join();
  std::cout << "player 0 visits " << visits_of[0] << ", player 1 visits " << visits_of[1] << "\n";
  bool alternates = true;
  for (size_t i = 51; i < log.size(); i++) alternates = alternates && log[i] != log[i - 1];
  std::cout << "log " << log.size() << " alternates " << alternates << " main visits " << visits << "\n";
}
