import { benchQueue, warm, type RunnerKind } from './docket-queue.js'
import { heapProbe, type HeapProbe } from './heap.js'
import { rawBatched, rawOnePerTx } from './limit.js'
import { dropDatabase, now, pairedWith, rate, uniqueName, type Figure } from './measure.js'
import { jobData } from './record.js'

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
export async function measureWrites(o: { runs: number; single: number; bulk: number; batch: number }): Promise<Record<string, Figure>> {
  const [add, addRatio] = await pairedWith(o.runs, 'ops/s', () => rawOnePerTx(o.single), () => addOneByOne(o.single),
    `${o.single} awaited add() calls, queue not started`, `raw one-add-per-transaction (${o.single})`)
  const [bulk, bulkRatio] = await pairedWith(o.runs, 'ops/s', () => rawBatched(o.batch), () => addBulk(o.bulk),
    `one addBulk() of ${o.bulk}, queue not started`, `raw batched adds (${o.batch} in one transaction)`)
  return { 'docket.add.one-by-one': add, 'paired.docket.add.one-by-one': addRatio, 'docket.addBulk': bulk, 'paired.docket.addBulk': bulkRatio }
}

/**
 * One end-to-end figure under `key`: `n` no-op jobs added in bulk, run, settled and
 * persisted; with `heap`, the page's heap over the last run as well.
 */
export async function measureEndToEnd(o: { key: string; runs: number; n: number; runner: RunnerKind; concurrency: number; batch: number; heap?: boolean }): Promise<Record<string, Figure>> {
  const probe = o.heap ? heapProbe() : undefined
  let run = 0
  const [figure, ratio] = await pairedWith(o.runs, 'ops/s', () => rawBatched(o.batch), () => endToEnd(o.n, o.runner, o.concurrency, ++run === o.runs ? probe : undefined),
    `${o.n} no-op jobs, ${o.runner === 'inline' ? 'inline handlers' : 'module Web Workers'}, concurrency ${o.concurrency}, addBulk → whenIdle()`,
    `raw batched adds (${o.batch} in one transaction)`)
  return { [o.key]: figure, [`paired.${o.key}`]: ratio, ...probe?.figures(`${o.n} jobs through ${o.concurrency} ${o.runner === 'inline' ? 'inline slots' : 'workers'}, one addBulk`) }
}
