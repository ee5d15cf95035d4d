import { indexedDBStorage, type JobRecord } from 'docket'
import { nanoid } from 'nanoid'
import { benchQueue, warm } from './bench-queue.js'
import { now, settle } from './clock.js'
import { docketSchemaDB } from './docket-schema-db.js'
import type { Figure } from './figure.js'
import { completedRow, jobRow } from './job-rows.js'
import { dropDatabase, transactionDone, uniqueName } from './raw-indexeddb.js'
import { median } from './statistics.js'

/** Writes `n` completed jobs straight into docket's store, in large transactions: a fast fill. */
async function fill(name: string, n: number): Promise<void> {
  const db = await docketSchemaDB(name)
  const chunk = 10_000
  for (let done = 0; done < n; done += chunk) {
    const tx = db.transaction('jobs', 'readwrite')
    const store = tx.objectStore('jobs')
    const at = Date.now() - 60_000
    for (let i = done; i < Math.min(n, done + chunk); i++) store.add(completedRow(i, at))
    await transactionDone(tx)
  }
  db.close()
}

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

/**
 * With `stored` settled jobs in the database: the storage's claim of the one due job, add→active
 * through the queue, the first page of `list`, and `counts`. Medians of `samples` each.
 */
export async function measureScale(options: { stored: number; samples: number }): Promise<Record<string, Figure>> {
  const name = uniqueName(`scale-${options.stored}`)
  const t0 = now()
  await fill(name, options.stored)
  const fillMs = now() - t0
  // A large fill leaves the browser compacting its files for a while; let that pass first.
  await settle(options.stored > 10_000 ? 2000 : 0)

  const storage = indexedDBStorage({ name })
  let i = 0
  const claim = await timeIt(options.samples, async () => {
    const { claimed } = await storage.claim({ now: Date.now(), owner: 'bench', leaseMs: 60_000, limit: 1, queueLimits: {}, online: true, token: nanoid })
    if (claimed.length !== 1) throw new Error(`claim took ${claimed.length} jobs, expected 1`)
  }, () => storage.insert([{ record: waitingRecord(i++), checkId: false }]))
  await storage.close()

  const queue = benchQueue(name, { concurrency: 4 })
  await warm(queue, 4)
  let onActive: (() => void) | undefined
  queue.on('active', () => onActive?.())
  const addToActive = await timeIt(options.samples, async () => {
    const active = new Promise<void>((resolve) => (onActive = resolve))
    await queue.add('noop', undefined)
    await active
  }, () => queue.whenIdle())
  await queue.whenIdle()
  const list = await timeIt(options.samples, () => queue.list())
  const listCompleted = await timeIt(options.samples, () => queue.list({ state: 'completed', order: 'desc' }))
  const counts = await timeIt(Math.min(5, options.samples), () => queue.counts())
  await queue.close()
  await dropDatabase(name)

  const prefix = `docket.stored-${options.stored}`
  const note = (what: string): string => `${what}; ${options.stored} settled jobs stored (filled in ${Math.round(fillMs)} ms); median of ${options.samples}`
  return {
    [`${prefix}.claim`]: { value: claim, unit: 'ms', note: note('storage.claim() of the one due job') },
    [`${prefix}.add-to-active`]: { value: addToActive, unit: 'ms', note: note("add() → 'active' on a warm queue") },
    [`${prefix}.list`]: { value: list, unit: 'ms', note: note('list(): first page of 50, no filter') },
    [`${prefix}.list-completed-desc`]: { value: listCompleted, unit: 'ms', note: note("list({ state: 'completed', order: 'desc' })") },
    [`${prefix}.counts`]: { value: counts, unit: 'ms', note: note('counts() (not a target: index counts walk their ranges)') },
  }
}
