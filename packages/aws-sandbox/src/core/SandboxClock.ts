/**
 * Simulated time. AWS durations (a 5-minute canary interval, a 60-minute
 * termination wait) run `speed` times faster than wall time, and tests can
 * `advance` it by hand. Lifecycles keep their next transition time as data
 * (so state can be saved to a file) and move when the world ticks; nothing
 * here holds callbacks.
 *
 * @public
 */
export class SandboxClock {
  private baseSim: number;
  private baseReal = Date.now();

  constructor(readonly speed: number = 1, startAt: Date = new Date()) {
    this.baseSim = startAt.getTime();
  }

  /** Simulated now, in epoch milliseconds. */
  nowMs(): number {
    return this.baseSim + (Date.now() - this.baseReal) * this.speed;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Jumps simulated time forward (tests; call `world.tick()` afterwards). */
  advance(ms: number): void {
    this.baseSim += ms;
  }

  /** Restart from a saved simulated time (state file). */
  resumeAt(simMs: number): void {
    this.baseSim = simMs;
    this.baseReal = Date.now();
  }
}
