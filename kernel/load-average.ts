/**
 * The 1, 5 and 15 minute load averages of /proc/loadavg: exponentially decaying averages of
 * the number of runnable threads, as Linux keeps them. Linux samples every 5 seconds from its
 * timer tick; this kernel has no periodic tick, so the averages are brought up to date when
 * read, taking the runnable count seen then as the count over the time since the last read
 * (exact while the load is steady, and decaying toward zero on an idle machine as Linux's do).
 */

/** Seconds each average spans. */
const WINDOWS = [60, 300, 900] as const;

export class LoadAverage {
  private loads: [number, number, number] = [0, 0, 0];
  private lastMs = Date.now();

  /** Folds in `runnable` for the time since the last sample and returns the averages. */
  sample(runnable: number, nowMs = Date.now()): [number, number, number] {
    const dt = Math.max(0, nowMs - this.lastMs) / 1000;
    this.lastMs = nowMs;
    this.loads = this.loads.map((load, i) => {
      const keep = Math.exp(-dt / WINDOWS[i]);
      return load * keep + runnable * (1 - keep);
    }) as [number, number, number];
    return [...this.loads];
  }
}
