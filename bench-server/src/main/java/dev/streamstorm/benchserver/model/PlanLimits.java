package dev.streamstorm.benchserver.model;

/** Bounds of what one plan may hold, so that no request can ask for unbounded memory. */
public final class PlanLimits {

  /** Answer or reasoning tokens of one message (a drawn count is capped here too). */
  public static final int MAX_TOKENS = 1_000_000;

  /** Tool calls of one message. */
  public static final int MAX_TOOL_CALLS = 64;

  /** Argument-delta chunks each tool call's arguments are streamed in. */
  public static final int ARG_CHUNKS = 3;

  private PlanLimits() {}
}
