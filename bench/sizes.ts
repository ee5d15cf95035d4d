/** How much work each suite does. */
export interface Sizes {
  /** Runs behind each median of the limit and write figures, and of p-queue. */
  runs: number
  /** Adds one by one (one transaction each). */
  single: number
  /** Adds in one transaction: the raw reference of addBulk and end to end. */
  batch: number
  /** Jobs of an end-to-end run, and of p-queue's. */
  e2e: number
  /** Jobs of the end-to-end run at concurrency 1. */
  e2eC1: number
  e2eRuns: number
  /** Latency samples. */
  samples: number
  /**
   * Settled jobs stored for the larger scale figures, each held against a store of 100 measured
   * in the same run. The full sizes are the (100,000 and 1,000,000).
   */
  storedSizes: number[]
  /** Rounds of the index-cost suite (each measures every set of indexes once). */
  indexRuns: number
  /** Jobs of each peer run, and of docket's run next to it. */
  peerN: number
  peerRuns: number
  workglowRuns: number
  /** Jobs of each counted end-to-end run. */
  profileN: number
  /** Milliseconds of the idle window in which timers and transactions are counted. */
  idleMs: number
}

/**
 * 10,000 jobs end to end except at concurrency 1 (one transaction per job: slow, and the ratio
 * does not change with n); the peers run the size they finish in reasonable time, and docket
 * runs that size too, so that each peer ratio compares the same work. `quick`: smaller sizes, a
 * smoke test, not figures to quote.
 */
export function benchSizes(quick: boolean): Sizes {
  return quick
    ? { runs: 1, single: 200, batch: 500, e2e: 1000, e2eC1: 300, e2eRuns: 1, samples: 40, storedSizes: [10_000, 100_000], indexRuns: 2, peerN: 100, peerRuns: 1, workglowRuns: 1, profileN: 300, idleMs: 15_000 }
    : { runs: 3, single: 1000, batch: 2000, e2e: 10_000, e2eC1: 2000, e2eRuns: 1, samples: 250, storedSizes: [100_000, 1_000_000], indexRuns: 5, peerN: 300, peerRuns: 3, workglowRuns: 2, profileN: 1000, idleMs: 60_000 }
}
