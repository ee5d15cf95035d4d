import { benchQueue, warm, type RunnerKind } from './docket-queue.js'
import { dropDatabase, medianOf, now, rate, uniqueName, type Figure } from './measure.js'
import { jobData } from './record.js'

const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ name: 'noop' as const, data: jobData(i) }))

/** `add` awaited one by one, on a stopped queue so that no claim competes with the inserts. */
async function addOneByOne(n: number): Promise<number> {
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

async function addBulk(n: number): Promise<number> {
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

/** Jobs per second from the `addBulk` call until `whenIdle()`, every job persisted as completed. */
export async function endToEnd(n: number, runner: RunnerKind, concurrency: number): Promise<number> {
  const name = uniqueName(`e2e-${runner}-${concurrency}`)
  const queue = benchQueue(name, { runner, concurrency })
  const warmed = await warm(queue, concurrency)
  const items = entries(n)
  const t0 = now()
  await queue.addBulk(items)
  await queue.whenIdle()
  const ms = now() - t0
  const counts = await queue.counts()
  await queue.close()
  await dropDatabase(name)
  if (counts.completed !== n + warmed) throw new Error(`end to end: ${counts.completed} of ${n + warmed} jobs completed (${JSON.stringify(counts)})`)
  return rate(n, ms)
}

/** docket's writes: one by one and in bulk. */
export async function measureWrites(o: { runs: number; single: number; bulk: number }): Promise<Record<string, Figure>> {
  return {
    'docket.add.one-by-one': await medianOf(o.runs, 'ops/s', () => addOneByOne(o.single), `${o.single} awaited add() calls`),
    'docket.addBulk': await medianOf(o.runs, 'ops/s', () => addBulk(o.bulk), `one addBulk() of ${o.bulk}`),
  }
}

/** One end-to-end figure: `n` no-op jobs added in bulk, run, settled and persisted. */
export async function measureEndToEnd(o: { runs: number; n: number; runner: RunnerKind; concurrency: number }): Promise<Figure> {
  return medianOf(o.runs, 'ops/s', () => endToEnd(o.n, o.runner, o.concurrency),
    `${o.n} no-op jobs, ${o.runner === 'inline' ? 'inline handlers' : 'module Web Workers'}, concurrency ${o.concurrency}, addBulk → whenIdle()`)
}
