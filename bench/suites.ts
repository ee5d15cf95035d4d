/**
 * The suites of `npm run bench`, in the order they run: each binds one in-page measurement to
 * its arguments and timeout, and says what its result is (figures, the transaction profile, or
 * the record-shape check). bench/run.mjs runs each in a freshly loaded page by its name.
 */
import type { RunnerKind } from './bench-queue.js'
import { measureLatency } from './docket-latency.js'
import { measureOrdering } from './docket-ordering.js'
import { measureScale } from './docket-scale.js'
import { measureEndToEnd, measureWrites } from './docket-throughput.js'
import { measureFlow } from './docket-flow.js'
import { measureIndexCost } from './index-cost.js'
import { measureMainThread } from './docket-main-thread.js'
import type { Figure } from './figure.js'
import { measureLimit } from './limit.js'
import { measureCounterCost } from './counter-cost.js'
import { measurePQueue } from './peer-p-queue.js'
import { measureWorkbox } from './peer-workbox.js'
import { measureWorkglow } from './peer-workglow.js'
import { checkRecordShape, type RecordShape } from './shape-check.js'
import type { Sizes } from './sizes.js'
import { profileTransactions, type TxCounts } from './tx-profile.js'

/** What one suite returns: figures merge into one map; the profile and the shape check stand apart. */
export type SuiteResult =
  | { figures: Record<string, Figure> }
  | { profile: Record<string, TxCounts & { jobs: number }> }
  | { recordShape: RecordShape }

export interface Suite {
  /** Its name in `--only=`, in the durations and errors of results.json. */
  name: string
  /** Seconds before bench/run.mjs gives up on it. */
  timeout: number
  run(): Promise<SuiteResult>
}

/** A suite whose result is figures. */
const figures = (name: string, timeout: number, measure: () => Promise<Record<string, Figure>>): Suite =>
  ({ name, timeout, run: async () => ({ figures: await measure() }) })

/** The engine a run is in: the heap figures (`performance.memory`, `gc()`) exist only in Chromium. */
export type BenchEngine = 'chromium' | 'firefox' | 'webkit'

/**
 * Every suite, at these sizes. The raw limit runs first: every docket figure of a run is held
 * against the limit of the same engine, measured in the same run.
 */
export function benchSuites(size: Sizes, engine: BenchEngine = 'chromium'): Suite[] {
  const endToEnd = (name: string, run: { n: number; runner: RunnerKind; concurrency: number; heap?: boolean }): Suite =>
    figures(name, 240, () => measureEndToEnd({ key: `docket.${name}`, runs: size.e2eRuns, batch: size.batch, ...run }))
  return [
    figures('limit', 120, () => measureLimit({ runs: size.runs, single: size.single, batch: size.batch })),
    figures('counter-cost', 120, () => measureCounterCost({ rounds: size.runs * 4, perRound: size.single / 10 })),
    { name: 'shape', timeout: 60, run: async () => ({ recordShape: await checkRecordShape() }) },
    figures('writes', 120, () => measureWrites({ runs: size.runs, single: size.single, bulk: 1000, batch: size.batch })),
    endToEnd('e2e.worker.1', { n: size.e2eC1, runner: 'worker', concurrency: 1 }),
    endToEnd('e2e.worker.4', { n: size.e2e, runner: 'worker', concurrency: 4, heap: engine === 'chromium' }),
    endToEnd('e2e.worker.16', { n: size.e2e, runner: 'worker', concurrency: 16 }),
    endToEnd('e2e.inline.4', { n: size.e2e, runner: 'inline', concurrency: 4 }),
    figures('flow', 240, () => measureFlow({ runs: size.runs, n: 1000 })),
    figures('latency', 120, () => measureLatency({ samples: size.samples, discard: 20 })),
    figures('ordering', 300, () => measureOrdering({ samples: Math.min(20, size.samples), n: size.e2e, runs: size.e2eRuns })),
    figures('index-cost', 300, () => measureIndexCost({ runs: size.indexRuns, n: size.batch })),
    figures('scale.100', 120, () => measureScale({ stored: 100, samples: 20 })),
    // Time grows with the fill: Chromium fills ≈ 3,000 rows/s (≈ 6 min for 1,000,000), and the counts walk the store.
    ...size.storedSizes.map((stored) => figures(`scale.${stored}`, 120 + Math.ceil(stored / 1000), () => measureScale({ stored, samples: 20 }))),
    {
      name: 'profile',
      timeout: 180,
      run: async () => ({
        profile: await profileTransactions({
          adds: 200,
          n: size.profileN,
          runs: [{ runner: 'worker', concurrency: 1 }, { runner: 'worker', concurrency: 4 }, { runner: 'worker', concurrency: 16 }, { runner: 'inline', concurrency: 4 }],
        }),
      }),
    },
    figures('workbox', 180, () => measureWorkbox({ runs: size.peerRuns, n: size.peerN })),
    figures('workglow', 300, () => measureWorkglow({ runs: size.workglowRuns, n: size.peerN, concurrency: 4 })),
    figures('p-queue', 60, () => measurePQueue({ runs: size.runs, n: size.e2e, concurrency: 4 })),
    figures('main-thread.burst', 300, () => measureMainThread({ part: 'burst', n: size.e2e, idleMs: 0 })),
    figures('main-thread.idle', 180, () => measureMainThread({ part: 'idle', n: 0, idleMs: size.idleMs })),
  ]
}
