// How fast evote-voter's window comes up: from the process's start (and
// from main()) to the main window shown and painted for the first time,
// under QT_QPA_PLATFORM=offscreen (the target: under 1 s). The
// window is the real one (MainWindow, Estonian translation loaded); it
// makes no network request until the voter presses Connect, so no collector
// is needed. Each run is a fresh process (this program with --once), so
// every figure includes loading Qt, the platform plugin and the fonts.
//
//   build/tests/bench/voter_window_bench [RUNS]     (default 10)
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "evote/crypto/ed25519.hpp"
#include "language.hpp"
#include "main_window.hpp"

extern char** environ;

namespace {

// Milliseconds since this process started (/proc/self/stat starttime, in
// clock ticks since boot, against CLOCK_BOOTTIME): 10 ms resolution.
double ms_since_process_start() {
  std::ifstream stat("/proc/self/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string field;
  for (int i = 3; i <= 22; ++i) fields >> field;  // field 22: starttime
  const double started = std::stod(field) / static_cast<double>(sysconf(_SC_CLK_TCK));
  timespec now{};
  clock_gettime(CLOCK_BOOTTIME, &now);
  return (static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9 - started) *
         1000.0;
}

// Paint events of the window: the first one ends the run.
class FirstPaint : public QObject {
 public:
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (event->type() == QEvent::Paint && !painted) {
      painted = true;
      QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    }
    return QObject::eventFilter(watched, event);
  }
  bool painted = false;
};

// One run: prints "process_ms main_ms".
int once(int argc, char** argv) {
  const auto main_started = std::chrono::steady_clock::now();
  QApplication app(argc, argv);
  evote::gui::Language language;
  if (!language.set("et")) return 1;
  evote::voter::AppSettings settings;
  settings.collector_url = "https://collector.invalid:8443";
  settings.organizer_key = evote::crypto::Ed25519SigningKey::generate().public_key();
  evote::gui::MainWindow window(settings, language);
  FirstPaint paint;
  window.installEventFilter(&paint);
  window.show();
  QApplication::exec();
  if (!paint.painted) return 1;
  const double from_main =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - main_started)
          .count();
  std::printf("%.1f %.1f\n", ms_since_process_start(), from_main);
  return 0;
}

// Runs this program with --once; returns its two figures.
bool run_child(const char* self, double& process_ms, double& main_ms) {
  int out[2];
  if (pipe(out) != 0) return false;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  // Qt's notes about the offscreen platform would drown the figures.
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  char once_flag[] = "--once";
  char* child_argv[] = {const_cast<char*>(self), once_flag, nullptr};
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, self, &actions, nullptr, child_argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (spawned != 0) {
    close(out[0]);
    return false;
  }
  std::string text;
  char buffer[256];
  for (ssize_t n; (n = read(out[0], buffer, sizeof buffer)) > 0;) text.append(buffer, n);
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
         std::sscanf(text.c_str(), "%lf %lf", &process_ms, &main_ms) == 2;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  ::setenv("QT_QPA_PLATFORM", "offscreen", 0);
  if (argc == 2 && std::string(argv[1]) == "--once") return once(argc, argv);
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10;
  std::vector<double> from_process;
  std::vector<double> from_main;
  for (int i = 0; i < runs; ++i) {
    double process_ms = 0;
    double main_ms = 0;
    if (!run_child("/proc/self/exe", process_ms, main_ms)) {
      std::fprintf(stderr, "voter_window_bench: run %d failed\n", i + 1);
      return 1;
    }
    from_process.push_back(process_ms);
    from_main.push_back(main_ms);
  }
  std::printf("evote-voter main window shown and painted (offscreen, %d fresh processes):\n", runs);
  std::printf("  from process start: median %.0f ms, max %.0f ms (10 ms resolution)\n",
              median(from_process), *std::max_element(from_process.begin(), from_process.end()));
  std::printf("  from main():        median %.1f ms, max %.1f ms\n", median(from_main),
              *std::max_element(from_main.begin(), from_main.end()));
  std::printf("  target: under 1000 ms\n");
  std::printf(
      "reproduce: cmake --build build --target voter_window_bench && "
      "build/tests/bench/voter_window_bench %d\n",
      runs);
  return 0;
}
