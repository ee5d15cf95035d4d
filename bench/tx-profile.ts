import { benchQueue, type RunnerKind } from './bench-queue.js'
import { now } from './clock.js'
import { endToEnd } from './docket-throughput.js'
import { jobData } from './job-rows.js'
import { dropDatabase, uniqueName } from './raw-indexeddb.js'

/** What one counted step did, summed: transactions by mode and stores, requests by method, channel posts. */
export interface TxCounts {
  transactions: Record<string, number>
  /** Milliseconds from `transaction()` to its `complete` event, summed per kind. */
  transactionMs: Record<string, number>
  /** Wall-clock milliseconds of the counted step. */
  wallMs: number
  requests: Record<string, number>
  channelPosts: number
}

const requestMethods = ['add', 'put', 'get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'delete'] as const

/**
 * Counts IndexedDB transactions and requests and BroadcastChannel posts made while `body`
 * runs, by wrapping the browser's prototypes (nothing is changed but a counter). idb calls
 * through these prototypes, so every docket storage call is seen.
 */
export async function counting(body: () => Promise<unknown>): Promise<TxCounts> {
  const counts: TxCounts = { transactions: {}, transactionMs: {}, wallMs: 0, requests: {}, channelPosts: 0 }
  const restore: Array<() => void> = []
  const wrap = <T extends object>(proto: T, method: string, count: (self: T, args: unknown[], result: unknown) => void): void => {
    const original = (proto as Record<string, unknown>)[method] as (...args: unknown[]) => unknown
    ;(proto as Record<string, unknown>)[method] = function (this: T, ...args: unknown[]) {
      const result = original.apply(this, args)
      count(this, args, result)
      return result
    }
    restore.push(() => ((proto as Record<string, unknown>)[method] = original))
  }
  wrap(IDBDatabase.prototype, 'transaction', (_db, [stores, mode], tx) => {
    const key = `${(mode as string | undefined) ?? 'readonly'} [${([] as string[]).concat(stores as string | string[]).join(',')}]`
    counts.transactions[key] = (counts.transactions[key] ?? 0) + 1
    const t0 = now()
    const done = (): void => void (counts.transactionMs[key] = (counts.transactionMs[key] ?? 0) + now() - t0)
    ;(tx as IDBTransaction).addEventListener('complete', done)
    ;(tx as IDBTransaction).addEventListener('abort', done)
  })
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
    const where = proto === IDBIndex.prototype ? 'index' : 'store'
    for (const m of requestMethods) {
      if (typeof (proto as unknown as Record<string, unknown>)[m] !== 'function') continue
      wrap(proto, m, () => {
        const key = `${where}.${m}`
        counts.requests[key] = (counts.requests[key] ?? 0) + 1
      })
    }
  }
  wrap(BroadcastChannel.prototype, 'postMessage', () => counts.channelPosts++)
  const t0 = now()
  try {
    await body()
  } finally {
    counts.wallMs = now() - t0
    for (const undo of restore.reverse()) undo()
  }
  return counts
}

/** Per job: the transactions and requests of `add` one by one, and of an end-to-end run. */
export async function profileTransactions(options: { adds: number; n: number; runs: Array<{ runner: RunnerKind; concurrency: number }> }): Promise<Record<string, TxCounts & { jobs: number }>> {
  const out: Record<string, TxCounts & { jobs: number }> = {}
  const name = uniqueName('profile-add')
  const queue = benchQueue(name, { autostart: false, runner: 'inline' })
  await queue.counts()
  out['add one by one'] = { jobs: options.adds, ...(await counting(async () => {
    for (let i = 0; i < options.adds; i++) await queue.add('noop', jobData(i))
  })) }
  await queue.close()
  await dropDatabase(name)
  for (const run of options.runs) {
    // Includes the warm-up jobs (2 × concurrency) and the final counts() read.
    const counted = await counting(() => endToEnd(options.n, run.runner, run.concurrency))
    out[`end to end, ${run.runner}, concurrency ${run.concurrency}`] = { jobs: options.n + run.concurrency * 2, ...counted }
  }
  return out
}
