#pragma once
// certrenew-bench-server's serving part (issue 17): how long GET /api/v1/info takes on a real
// certrenew-server process with `idle` connections open that never send a byte, against none,
// in one run.

namespace certrenew::bench {

// Prints both latencies and their ratio (aim: at most 1.5x); `samples` requests per figure.
void info_latency_with_idle_connections(int idle, int samples);

}  // namespace certrenew::bench
