package dev.streamstorm.bench;

/**
 * A window's CPU per token event by thread group (µs), adding up to the process's (less what
 * threads that ended inside the window spent): the event loops (the per-token path), the
 * collector's threads (pauses and concurrent work: G1's refinement and marking, the VM thread), the
 * JIT compilers, and everything else (the ticker, the lag probe, the harness).
 */
public record CpuByThread(double eventLoops, double gc, double jit, double other) {}
