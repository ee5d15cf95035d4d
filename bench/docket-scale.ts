import { indexedDBStorage, JOB_STATES, type JobRecord, type JobState } from 'docket'
import { nanoid } from 'nanoid'
import { benchQueue, warm } from './bench-queue.js'
import { now, settle } from './clock.js'
import type { Figure } from './figure.js'
import { FILL_CHUNK, fillStore } from './fill-store.js'
import { pageHeapMB } from './heap.js'
import { jobRow } from './job-rows.js'
import { dropDatabase, uniqueName } from './raw-indexeddb.js'
import { median } from './statistics.js'

function waitingRecord(i: number): JobRecord {
  const { timeKey: _unused, ...record } = jobRow(i)
  return record as unknown as JobRecord
}

/**
 * Firefox and WebKit round `performance.now()` to whole milliseconds: one timed call of a
 * millisecond would read 0 or 1. Each sample therefore repeats its call until this long has
 * passed (one call when a call is slower) and keeps the mean.
 */
const SAMPLE_MS = 10
/** Samples of `counts()`: fewer, since until counters are stored one call walks the whole store. */
const COUNT_SAMPLES = 5
/** Claims per sample of the claim figure (each needs a due job inserted before the sample). */
const CLAIMS_PER_SAMPLE = 5

/** The median of `samples` means, each over the calls of `body` that fill `SAMPLE_MS`. */
async function timeIt(samples: number, body: () => Promise<unknown>): Promise<number> {
  const means: number[] = []
  for (let i = 0; i < samples; i++) {
    let calls = 0
    const t0 = now()
    do {
      await body()
      calls++
    } while (now() - t0 < SAMPLE_MS)
    means.push((now() - t0) / calls)
  }
  return median(means)
}

/** The median of `samples` latencies, each one call of `body` after `before`. */
async function latency(samples: number, body: () => Promise<unknown>, before: () => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < samples; i++) {
    await before()
    const t0 = now()
    await body()
    times.push(now() - t0)
  }
  return median(times)
}

/** The states where `counts()` and what was written disagree, and by how many jobs; empty when they agree. */
function countDifferences(read: Record<JobState, number>, written: Partial<Record<JobState, number>>, where: string): Array<{ line: string; off: number }> {
  return JOB_STATES.filter((state) => read[state] !== (written[state] ?? 0)).map((state) => ({
    line: `${where} ${state}: ${read[state]} read (${written[state] ?? 0} written)`,
    off: Math.abs(read[state] - (written[state] ?? 0)),
  }))
}

/**
 * With `stored` settled jobs in the database: `counts()` checked against what the fill wrote,
 * the first page of `list` (no filter, and by state), `counts`, add→active through the queue,
 * the page's heap with the queue open (where the engine can tell), and the storage's claim of
 * the one due job. Medians of `samples` each. bench/table-scale.mjs holds each against the
 * 100-job store of the same run.
 */
export async function measureScale(options: { stored: number; samples: number }): Promise<Record<string, Figure>> {
  const name = uniqueName(`scale-${options.stored}`)
  const fill = await fillStore(name, options.stored)
  // A large fill leaves the browser compacting its files for a while; let that pass first.
  await settle(options.stored > 10_000 ? 2000 : 0)

  // The fill check: a store filled past docket must read as one docket wrote (counters included).
  const queue = benchQueue(name, { concurrency: 4, autostart: false })
  const mismatches = countDifferences(await queue.counts(), fill.counts.all, 'all queues,')
  for (const [queueName, written] of Object.entries(fill.counts.byQueue)) {
    mismatches.push(...countDifferences(await queue.counts({ queue: queueName }), written, `queue ${queueName},`))
  }

  await queue.start()
  await warm(queue, 4)
  const list = await timeIt(options.samples, () => queue.list())
  const listCompleted = await timeIt(options.samples, () => queue.list({ state: 'completed', order: 'desc' }))
  const listWaiting = await timeIt(options.samples, () => queue.list({ state: 'waiting' }))
  const counts = await timeIt(COUNT_SAMPLES, () => queue.counts())
  let onActive: (() => void) | undefined
  queue.on('active', () => onActive?.())
  const addToActive = await latency(options.samples, async () => {
    const active = new Promise<void>((resolve) => (onActive = resolve))
    await queue.add('noop', undefined)
    await active
  }, () => queue.whenIdle())
  await queue.whenIdle()
  const heap = await pageHeapMB()
  await queue.close()

  const storage = indexedDBStorage({ name })
  // Each claim takes one due job: a sample inserts as many as it may claim (`SAMPLE_MS` of claims).
  let i = 0
  const claimOne = async (): Promise<void> => {
    const { claimed } = await storage.claim({ now: Date.now(), owner: 'bench', leaseMs: 60_000, limit: 1, queueLimits: {}, online: true, token: nanoid })
    if (claimed.length !== 1) throw new Error(`claim took ${claimed.length} jobs, expected 1`)
  }
  const claims: number[] = []
  for (let sample = 0; sample < options.samples; sample++) {
    await storage.insert(Array.from({ length: CLAIMS_PER_SAMPLE }, () => ({ record: waitingRecord(i++), checkId: false })))
    const t0 = now()
    for (let k = 0; k < CLAIMS_PER_SAMPLE; k++) await claimOne()
    claims.push((now() - t0) / CLAIMS_PER_SAMPLE)
  }
  const claim = median(claims)
  await storage.close()
  await dropDatabase(name)

  const prefix = `docket.stored-${options.stored}`
  const stored = options.stored.toLocaleString('en-US')
  const note = (what: string, samples = options.samples, each = `each the mean of the calls in ≥ ${SAMPLE_MS} ms`): string =>
    `${what}; ${stored} settled jobs stored; median of ${samples} samples, ${each}`
  return {
    [`${prefix}.fill`]: { value: (options.stored * 1000) / fill.ms, unit: 'ops/s', note: `rows written straight into docket's store (every index, in transactions of ${FILL_CHUNK.toLocaleString('en-US')}): ${stored} in ${(fill.ms / 1000).toFixed(1)} s` },
    [`${prefix}.fill-check`]: { value: mismatches.reduce((sum, { off }) => sum + off, 0), unit: 'jobs', note: mismatches.length ? `counts() disagrees with the fill: ${mismatches.map(({ line }) => line).join('; ')}` : 'counts() agrees with what the fill wrote, over all queues and per queue' },
    [`${prefix}.claim`]: { value: claim, unit: 'ms', note: note('storage.claim() of one due job', options.samples, `each the mean of ${CLAIMS_PER_SAMPLE} claims in a row (${CLAIMS_PER_SAMPLE} due, then ${CLAIMS_PER_SAMPLE - 1}, …)`) },
    [`${prefix}.add-to-active`]: { value: addToActive, unit: 'ms', note: note("add() → 'active' on a warm queue", options.samples, 'each one add') },
    [`${prefix}.list`]: { value: list, unit: 'ms', note: note('list(): first page of 50, no filter') },
    [`${prefix}.list-completed-desc`]: { value: listCompleted, unit: 'ms', note: note("list({ state: 'completed', order: 'desc' }): first page of 50") },
    [`${prefix}.list-waiting`]: { value: listWaiting, unit: 'ms', note: note("list({ state: 'waiting' }): a state with no job, beside the settled ones") },
    [`${prefix}.counts`]: { value: counts, unit: 'ms', note: note('counts() over all queues', COUNT_SAMPLES) },
    ...(heap === undefined ? {} : {
      [`${prefix}.heap`]: { value: heap, unit: 'MB', note: `performance.memory.usedJSHeapSize of the page after gc(), the queue open on the store after list, counts and ${options.samples} adds; ${stored} settled jobs stored` },
    }),
  }
}
