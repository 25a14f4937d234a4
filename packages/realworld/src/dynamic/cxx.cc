// C++ against the shared libstdc++ and libgcc_s: iostreams, std::map, and an exception
// unwound through the shared unwinder.
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>

static int parse(const std::string &s) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) throw std::invalid_argument("not a number: " + s);
  return std::stoi(s);
}

int main(int argc, char **argv) {
  std::map<std::string, int> counts;
  for (const char *w : {"b", "a", "c", "a", "b", "a"}) counts[w]++;
  for (const auto &[k, v] : counts) std::cout << k << '=' << v << '\n';
  int sum = 0;
  for (int i = 1; i < argc; i++) {
    try {
      sum += parse(argv[i]);
    } catch (const std::exception &e) {
      std::cout << "caught: " << e.what() << '\n';
    }
  }
  std::cout << "sum " << sum << std::endl;
  return 0;
}
