import { now } from './clock.js'
import { docketSchemaDB } from './docket-schema-db.js'
import { rate, type Figure } from './figure.js'
import { jobRow } from './job-rows.js'
import { dropDatabase, requestDone, transactionDone, uniqueName } from './raw-indexeddb.js'

/** One add per transaction, with what keeping a counter costs in each way tried. */
const variants = {
  /** The add alone: the reference. */
  'add': (tx: IDBTransaction, row: object) => void tx.objectStore('jobs').add(row),
  /** docket's counters: the `meta` row read at the start, written at the end. */
  'add+meta-read-write': async (tx: IDBTransaction, row: object) => {
    const meta = tx.objectStore('meta')
    const read = requestDone(meta.get('counts'))
    tx.objectStore('jobs').add(row)
    const counts = ((await read) as { n?: number } | undefined) ?? {}
    meta.put({ n: (counts.n ?? 0) + 1 }, 'counts')
  },
  /** A delta row written without a read (to be folded in later). */
  'add+meta-blind-write': (tx: IDBTransaction, row: object, i: number) => {
    tx.objectStore('jobs').add(row)
    tx.objectStore('meta').put({ n: 1 }, `delta:${i}`)
  },
  /** The counters as a row of the `jobs` store itself (a key below every job's), read and written. */
  'add+jobs-row-read-write': async (tx: IDBTransaction, row: object) => {
    const jobs = tx.objectStore('jobs')
    const read = requestDone(jobs.get(-1))
    jobs.add(row)
    const counts = ((await read) as { n?: number } | undefined) ?? {}
    jobs.put({ seq: -1, n: (counts.n ?? 0) + 1 })
  },
  /** Two adds: what any second write costs. */
  'add+add': (tx: IDBTransaction, row: object, i: number) => {
    tx.objectStore('jobs').add(row)
    tx.objectStore('jobs').add({ ...row, id: `second-${i}` })
  },
} as const
type Variant = keyof typeof variants

/**
 * What the counters cost an add of one job in its own transaction: each way of keeping them
 * against the add alone, in rounds that alternate the variants so that a machine's changing
 * load falls on all of them alike.
 */
export async function measureCounterCost(options: { rounds: number; perRound: number }): Promise<Record<string, Figure>> {
  const name = uniqueName('counter-cost')
  const db = await docketSchemaDB(name)
  const spent = new Map<Variant, number>()
  let i = 0
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const variant of Object.keys(variants) as Variant[]) {
        const scope = variant.includes('meta') ? ['jobs', 'meta'] : ['jobs']
        const t0 = now()
        for (let k = 0; k < options.perRound; k++) {
          const tx = db.transaction(scope, 'readwrite')
          const done = transactionDone(tx)
          await variants[variant](tx, jobRow(i++), i)
          await done
        }
        spent.set(variant, (spent.get(variant) ?? 0) + now() - t0)
      }
    }
  } finally {
    db.close()
    await dropDatabase(name)
  }
  const n = options.rounds * options.perRound
  const reference = rate(n, spent.get('add')!)
  return Object.fromEntries((Object.keys(variants) as Variant[]).map((variant) => {
    const value = rate(n, spent.get(variant)!)
    return [`counter-cost.${variant}`, { value, unit: 'ops/s', note: `${n} single-add transactions in ${options.rounds} alternating rounds; ${(value / reference).toFixed(2)}× the add alone` } satisfies Figure]
  }))
}
