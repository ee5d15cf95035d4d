import { indexedDBStorage, type InsertEntry, type Storage } from 'docket'
import { nanoid } from 'nanoid'
import { newRecord } from '../src/job/new-record.js'
import { benchQueue, warm } from './bench-queue.js'
import { now, settle } from './clock.js'
import { pairedWith, rate, type Figure } from './figure.js'
import { dropDatabase, uniqueName } from './raw-indexeddb.js'
import { median } from './statistics.js'

let ids = 0
const entry = (orderingKey: string): InsertEntry => newRecord('noop', null, { orderingKey }, {}, () => `o-${++ids}`, Date.now())
const claimOne = (storage: Storage, limit = 1) =>
  storage.claim({ now: Date.now(), owner: 'bench', leaseMs: 600_000, limit, queueLimits: {}, online: true, token: nanoid })

/**
 * A database for the claim figures, with `count` background jobs of ordering keys stored: each
 * key's head is running and the rest of the key waits behind it, so none of them may start.
 */
async function background(keyOf: (i: number) => string, count: number): Promise<{ storage: Storage; name: string }> {
  const name = uniqueName('ordering-claim')
  const storage = indexedDBStorage({ name })
  if (count) {
    await storage.insert(Array.from({ length: count }, (_, i) => entry(keyOf(i))))
    await claimOne(storage, count)
  }
  return { storage, name }
}

/** The mean time of ten claims, each of which must find one new job of its own key. */
async function tenClaims(storage: Storage, sample: number): Promise<number> {
  // Ten timed together: Firefox's and WebKit's clocks tick in whole milliseconds.
  const burst = 10
  await storage.insert(Array.from({ length: burst }, (_, j) => entry(`probe-${sample}-${j}`)))
  const t0 = now()
  for (let j = 0; j < burst; j++) {
    const { claimed } = await claimOne(storage)
    if (claimed.length !== 1 || !claimed[0]!.orderingKey!.startsWith('probe-')) throw new Error('the claim did not take a probe job')
  }
  return (now() - t0) / burst
}

/** Jobs per second from addBulk to whenIdle, inline handlers, with `keys` ordering keys (0: none). */
async function endToEndKeys(n: number, keys: number): Promise<number> {
  const name = uniqueName(`ordering-e2e-${keys}`)
  const queue = benchQueue(name, { runner: 'inline', concurrency: 4 })
  await warm(queue, 4)
  const items = Array.from({ length: n }, (_, i) => ({ name: 'noop' as const, data: undefined, ...(keys ? { options: { orderingKey: `k${i % keys}` } } : {}) }))
  const t0 = now()
  await queue.addBulk(items)
  await queue.whenIdle()
  const ms = now() - t0
  await queue.close()
  await dropDatabase(name)
  return rate(n, ms)
}

/**
 * Ordering keys: the claim with 1 key, 1,000 keys, and one key with 10,000 waiting jobs (each
 * held against the first: index-bound means within 1.5× of it), and end-to-end throughput
 * with 16 ordering keys as a ratio to the same run without keys.
 */
export async function measureOrdering(options: { samples: number; n: number; runs: number }): Promise<Record<string, Figure>> {
  const cases = [await background(() => 'only', 0), await background((i) => `key-${i % 1000}`, 2000), await background(() => 'deep', 10_001)]
  // The fills leave the browser compacting its files for a while; let that pass first.
  await settle(2000)
  // The three cases in turn, sample by sample: each ratio is of neighbours, steadier on a busy machine.
  const times: number[][] = [[], [], []]
  for (let i = 0; i < options.samples; i++) for (const [c, { storage }] of cases.entries()) times[c]!.push(await tenClaims(storage, i))
  for (const { storage, name } of cases) {
    await storage.close()
    await dropDatabase(name)
  }
  const [one, many, deep] = times.map((list) => median(list)) as [number, number, number]
  const ratio = (c: number) => median(times[c]!.map((t, i) => t / times[0]![i]!))
  const note = (what: string) => `storage.claim() of one new job of its own key, ${what}; median of ${options.samples} means of 10 claims`
  const [keyed, e2eRatio] = await pairedWith(options.runs, 'ops/s', () => endToEndKeys(options.n, 0), () => endToEndKeys(options.n, 16),
    `${options.n} no-op jobs over 16 ordering keys, inline handlers, concurrency 4, addBulk → whenIdle()`, `the same run without ordering keys`)
  return {
    'docket.ordering.claim.1-key': { value: one, unit: 'ms', note: note('no other job stored') },
    'docket.ordering.claim.1000-keys': { value: many, unit: 'ms', note: note('1,000 other keys each running one job with one waiting behind it') },
    'docket.ordering.claim.10000-in-key': { value: deep, unit: 'ms', note: note('one other key running one job with 10,000 waiting behind it') },
    'paired.docket.ordering.claim.1000-keys': { value: ratio(1), unit: '×', note: 'claim among 1,000 keys / claim with 1 key, median of per-sample ratios (index-bound: within 1.5×)' },
    'paired.docket.ordering.claim.10000-in-key': { value: ratio(2), unit: '×', note: 'claim beside a key of 10,000 waiting jobs / claim with 1 key, median of per-sample ratios (index-bound: within 1.5×)' },
    'docket.ordering.e2e.inline.4': keyed,
    'paired.docket.ordering.e2e.inline.4': e2eRatio,
  }
}
