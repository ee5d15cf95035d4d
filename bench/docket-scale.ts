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

async function timeIt(samples: number, body: () => Promise<unknown>, before?: () => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < samples; i++) {
    await before?.()
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
  const counts = await timeIt(Math.min(5, options.samples), () => queue.counts())
  let onActive: (() => void) | undefined
  queue.on('active', () => onActive?.())
  const addToActive = await timeIt(options.samples, async () => {
    const active = new Promise<void>((resolve) => (onActive = resolve))
    await queue.add('noop', undefined)
    await active
  }, () => queue.whenIdle())
  await queue.whenIdle()
  const heap = await pageHeapMB()
  await queue.close()

  const storage = indexedDBStorage({ name })
  let i = 0
  const claim = await timeIt(options.samples, async () => {
    const { claimed } = await storage.claim({ now: Date.now(), owner: 'bench', leaseMs: 60_000, limit: 1, queueLimits: {}, online: true, token: nanoid })
    if (claimed.length !== 1) throw new Error(`claim took ${claimed.length} jobs, expected 1`)
  }, () => storage.insert([{ record: waitingRecord(i++), checkId: false }]))
  await storage.close()
  await dropDatabase(name)

  const prefix = `docket.stored-${options.stored}`
  const stored = options.stored.toLocaleString('en-US')
  const note = (what: string): string => `${what}; ${stored} settled jobs stored; median of ${options.samples}`
  return {
    [`${prefix}.fill`]: { value: (options.stored * 1000) / fill.ms, unit: 'ops/s', note: `rows written straight into docket's store (every index, in transactions of ${FILL_CHUNK.toLocaleString('en-US')}): ${stored} in ${(fill.ms / 1000).toFixed(1)} s` },
    [`${prefix}.fill-check`]: { value: mismatches.reduce((sum, { off }) => sum + off, 0), unit: 'jobs', note: mismatches.length ? `counts() disagrees with the fill: ${mismatches.map(({ line }) => line).join('; ')}` : 'counts() agrees with what the fill wrote, over all queues and per queue' },
    [`${prefix}.claim`]: { value: claim, unit: 'ms', note: note('storage.claim() of the one due job') },
    [`${prefix}.add-to-active`]: { value: addToActive, unit: 'ms', note: note("add() → 'active' on a warm queue") },
    [`${prefix}.list`]: { value: list, unit: 'ms', note: note('list(): first page of 50, no filter') },
    [`${prefix}.list-completed-desc`]: { value: listCompleted, unit: 'ms', note: note("list({ state: 'completed', order: 'desc' }): first page of 50") },
    [`${prefix}.list-waiting`]: { value: listWaiting, unit: 'ms', note: note("list({ state: 'waiting' }): a state with no job, beside the settled ones") },
    [`${prefix}.counts`]: { value: counts, unit: 'ms', note: note('counts() over all queues').replace(`median of ${options.samples}`, `median of ${Math.min(5, options.samples)}`) },
    ...(heap === undefined ? {} : {
      [`${prefix}.heap`]: { value: heap, unit: 'MB', note: `performance.memory.usedJSHeapSize of the page after gc(), the queue open on the store after list, counts and ${options.samples} adds; ${stored} settled jobs stored` },
    }),
  }
}
