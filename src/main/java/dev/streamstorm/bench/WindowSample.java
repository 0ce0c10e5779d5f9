package dev.streamstorm.bench;

/**
 * Readings at one edge of a measured window.
 *
 * @param nanoTime when they were taken
 * @param cpu this (generator) JVM's CPU time so far
 * @param loopAllocatedBytes bytes allocated so far by the event-loop threads (-1: not known)
 * @param serverTokens content tokens the server has written so far
 * @param serverCpu the server process's CPU time so far (null: not a local child process)
 * @param jitMs time this JVM's JIT compilers have spent compiling so far (-1: not known)
 * @param threads this JVM's CPU time so far per thread (null: not known)
 */
record WindowSample(
    long nanoTime,
    ProcessCpu cpu,
    long loopAllocatedBytes,
    long serverTokens,
    ProcessCpu serverCpu,
    long jitMs,
    ThreadCpu threads) {}
