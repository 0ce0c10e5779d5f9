package dev.streamstorm.engine;

/**
 * Puts load on: adds and removes users (closed model) or starts arrivals (open model). {@link
 * #tick} is called from the run's ticker thread only.
 */
interface LoadDriver {

  /** Starts the load; called once. */
  void start();

  /** Adjusts the load for the time since the start. */
  void tick(long elapsedNs);

  /** Stops adding load and asks every user to leave after its current message. */
  void retireAll();

  /** What the schedule asks for now (arrivals/s), 0 in the closed model. */
  double targetRate(long elapsedNs);

  /** 1-based stage index now, 0 without stages. */
  int stage(long elapsedNs);

  /** Arrivals started so far (open model). */
  long arrivals();

  /** Arrivals refused by maxInFlight so far (open model). */
  long dropped();

  /** Stage boundaries in ns from the start. */
  long[] stageBoundariesNs();

  /**
   * How long the load lasts by its own shape (the duration limit, or the stages), or Long.MAX_VALUE
   * when only other limits end it.
   */
  long plannedNs();
}
