import { benchQueue, warm, type RunnerKind } from './bench-queue.js'
import { now } from './clock.js'
import { pairedWith, rate, type Figure } from './figure.js'
import { heapProbe, type HeapProbe } from './heap.js'
import { jobData } from './job-rows.js'
import { rawBatched, rawOnePerTx } from './limit.js'
import { dropDatabase, uniqueName } from './raw-indexeddb.js'

const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ name: 'noop' as const, data: jobData(i) }))

/** `add` awaited one by one, on a stopped queue so that no claim competes with the inserts. */
export async function addOneByOne(n: number): Promise<number> {
  const name = uniqueName('add')
  const queue = benchQueue(name, { autostart: false, runner: 'inline' })
  await queue.counts()
  const data = Array.from({ length: n }, (_, i) => jobData(i))
  const t0 = now()
  for (const d of data) await queue.add('noop', d)
  const ms = now() - t0
  await queue.close()
  await dropDatabase(name)
  return rate(n, ms)
}

export async function addBulk(n: number): Promise<number> {
  const name = uniqueName('bulk')
  const queue = benchQueue(name, { autostart: false, runner: 'inline' })
  await queue.counts()
  const items = entries(n)
  const t0 = now()
  await queue.addBulk(items)
  const ms = now() - t0
  await queue.close()
  await dropDatabase(name)
  return rate(n, ms)
}

/**
 * Jobs per second from the `addBulk` call until `whenIdle()`, every job persisted as completed.
 * With `heap`, the page's heap is read around the run (see heap.ts), outside the timed part.
 */
export async function endToEnd(n: number, runner: RunnerKind, concurrency: number, heap?: HeapProbe): Promise<number> {
  const name = uniqueName(`e2e-${runner}-${concurrency}`)
  await heap?.before()
  const queue = benchQueue(name, { runner, concurrency })
  const warmed = await warm(queue, concurrency)
  const items = entries(n)
  heap?.sample()
  const t0 = now()
  await queue.addBulk(items)
  await queue.whenIdle()
  const ms = now() - t0
  await heap?.open()
  const counts = await queue.counts()
  await queue.close()
  await heap?.closed()
  await dropDatabase(name)
  if (counts.completed !== n + warmed) throw new Error(`end to end: ${counts.completed} of ${n + warmed} jobs completed (${JSON.stringify(counts)})`)
  return rate(n, ms)
}

/** docket's writes, one by one and in bulk, each run paired with the raw write it is held against. */
export async function measureWrites(options: { runs: number; single: number; bulk: number; batch: number }): Promise<Record<string, Figure>> {
  const [add, addRatio] = await pairedWith(options.runs, 'ops/s', () => rawOnePerTx(options.single), () => addOneByOne(options.single),
    `${options.single} awaited add() calls, queue not started`, `raw one-add-per-transaction (${options.single})`)
  const [bulk, bulkRatio] = await pairedWith(options.runs, 'ops/s', () => rawBatched(options.batch), () => addBulk(options.bulk),
    `one addBulk() of ${options.bulk}, queue not started`, `raw batched adds (${options.batch} in one transaction)`)
  return { 'docket.add.one-by-one': add, 'paired.docket.add.one-by-one': addRatio, 'docket.addBulk': bulk, 'paired.docket.addBulk': bulkRatio }
}

/**
 * One end-to-end figure under `key`: `n` no-op jobs added in bulk, run, settled and
 * persisted; with `heap`, the page's heap over the last run as well.
 */
export async function measureEndToEnd(options: { key: string; runs: number; n: number; runner: RunnerKind; concurrency: number; batch: number; heap?: boolean }): Promise<Record<string, Figure>> {
  const probe = options.heap ? heapProbe() : undefined
  let run = 0
  const [figure, ratio] = await pairedWith(options.runs, 'ops/s', () => rawBatched(options.batch), () => endToEnd(options.n, options.runner, options.concurrency, ++run === options.runs ? probe : undefined),
    `${options.n} no-op jobs, ${options.runner === 'inline' ? 'inline handlers' : 'module Web Workers'}, concurrency ${options.concurrency}, addBulk → whenIdle()`,
    `raw batched adds (${options.batch} in one transaction)`)
  return { [options.key]: figure, [`paired.${options.key}`]: ratio, ...probe?.figures(`${options.n} jobs through ${options.concurrency} ${options.runner === 'inline' ? 'inline slots' : 'workers'}, one addBulk`) }
}
