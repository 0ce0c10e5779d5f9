package dev.streamstorm.scenario;

/** A 1-based line and column in a scenario file. */
record Pos(int line, int column) {}
