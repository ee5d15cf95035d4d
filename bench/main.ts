/**
 * The bench page: each suite is a function on `window.bench` that bench/run.mjs calls through
 * Playwright, on a fresh page load, and whose figures it collects.
 */
import { measureEndToEnd, measureWrites } from './docket-throughput.js'
import { measureLatency } from './docket-latency.js'
import { measureScale } from './docket-scale.js'
import { measureLimit } from './limit.js'
import { measurePQueue } from './peer-p-queue.js'
import { measureWorkbox } from './peer-workbox.js'
import { measureWorkglow } from './peer-workglow.js'
import { checkRecordShape } from './shape-check.js'
import { profileTransactions } from './tx-profile.js'

const bench = {
  checkRecordShape,
  measureLimit,
  measureWrites,
  measureEndToEnd,
  measureLatency,
  measureScale,
  profileTransactions,
  measureWorkbox,
  measureWorkglow,
  measurePQueue,
}

export type Bench = typeof bench

;(globalThis as unknown as { bench: Bench }).bench = bench
document.body.dataset.ready = 'true'
