#include "app/task_runner.hpp"

#include <utility>

namespace certrenew::gui {

void UiInbox::post(std::function<void()> f) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(f));
  }
  if (wake_) wake_();
}

std::size_t UiInbox::drain() {
  std::vector<std::function<void()>> ready;
  {
    std::lock_guard lock(mutex_);
    ready.swap(queue_);
  }
  for (auto& f : ready) f();
  return ready.size();
}

TaskRunner::TaskRunner(std::string name, UiInbox& inbox)
    : name_(std::move(name)), inbox_(inbox), worker_([this] { run(); }) {}

TaskRunner::~TaskRunner() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_all();
  worker_.join();
}

void TaskRunner::post(Job job, ErrorHandler on_error) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back({std::move(job), std::move(on_error)});
    ++pending_;
  }
  wake_.notify_one();
}

std::size_t TaskRunner::pending() const {
  std::lock_guard lock(mutex_);
  return pending_;
}

void TaskRunner::run() {
  for (;;) {
    Item item;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      item = std::move(queue_.front());
      queue_.pop_front();
    }
    // The pending count drops on the UI thread, together with the continuation, so that the UI
    // never sees "not busy" before it has the job's result.
    auto finish = [this](std::function<void()> then) {
      return [this, then = std::move(then)] {
        {
          std::lock_guard lock(mutex_);
          --pending_;
        }
        if (then) then();
      };
    };
    try {
      Continuation done = item.job();
      inbox_.post(finish(std::move(done)));
    } catch (...) {
      auto error = std::current_exception();
      auto handler = std::move(item.on_error);
      inbox_.post(finish([handler = std::move(handler), error] {
        if (handler) handler(error);
      }));
    }
  }
}

}  // namespace certrenew::gui
