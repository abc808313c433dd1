#pragma once
// Background work for the UI: token, network and crypto calls never run on the UI thread.
// A TaskRunner owns one worker thread that runs jobs in the order they were posted (so flow
// actions never overlap). A job returns a continuation; continuations — and the handlers of a
// job's exception — are queued in the shared UiInbox and run on the UI thread by drain(), after
// the inbox wakes the frame loop (glfwPostEmptyEvent).

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace certrenew::gui {

// What finished work hands back to the UI thread.
class UiInbox {
 public:
  explicit UiInbox(std::function<void()> wake) : wake_(std::move(wake)) {}
  // Any thread: queue `f` for the UI thread and wake it.
  void post(std::function<void()> f);
  // UI thread: runs everything queued so far; returns how many ran.
  std::size_t drain();

 private:
  std::function<void()> wake_;
  std::mutex mutex_;
  std::vector<std::function<void()>> queue_;
};

class TaskRunner {
 public:
  using Continuation = std::function<void()>;
  using Job = std::function<Continuation()>;
  using ErrorHandler = std::function<void(std::exception_ptr)>;

  TaskRunner(std::string name, UiInbox& inbox);
  TaskRunner(const TaskRunner&) = delete;
  TaskRunner& operator=(const TaskRunner&) = delete;
  // Lets the running job finish, drops the ones not started, joins the worker.
  ~TaskRunner();

  // UI thread. `job` runs on the worker; its continuation (may be empty) or, if it throws,
  // on_error(exception) runs later on the UI thread.
  void post(Job job, ErrorHandler on_error);
  // Jobs posted and not yet finished (their continuation may still be waiting in the inbox).
  std::size_t pending() const;
  bool busy() const { return pending() > 0; }

 private:
  struct Item {
    Job job;
    ErrorHandler on_error;
  };
  void run();

  std::string name_;
  UiInbox& inbox_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Item> queue_;
  std::size_t pending_ = 0;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace certrenew::gui
