import { benchQueue, warm } from './bench-queue.js'
import { now } from './clock.js'
import { endToEnd } from './docket-throughput.js'
import { pairedWith, rate, type Figure } from './figure.js'
import { jobData } from './job-rows.js'
import { dropDatabase, uniqueName } from './raw-indexeddb.js'

/**
 * A flow of `groups × 10` jobs: in each group a chain of three (c0 → c1 → c2) and six
 * independent leaves, all prerequisites of one join. So it has chains, fan-ins, and jobs that
 * start at once, as an upload-and-assemble app would.
 */
function flowSteps(groups: number) {
  return Array.from({ length: groups }, (_, g) => {
    const leaves = Array.from({ length: 6 }, (_, i) => ({ ref: `${g}.leaf${i}`, name: 'noop' as const, data: jobData(g * 10 + i) }))
    const chain = [0, 1, 2].map((i) => ({ ref: `${g}.c${i}`, name: 'noop' as const, data: jobData(g * 10 + 6 + i), ...(i ? { dependsOn: [`${g}.c${i - 1}`] } : {}) }))
    const join = { ref: `${g}.join`, name: 'noop' as const, data: jobData(g * 10 + 9), dependsOn: [...leaves.map((leaf) => leaf.ref), `${g}.c2`] }
    return [...leaves, ...chain, join]
  }).flat()
}

/** Jobs per second of one flow from the `addFlow` call until `whenIdle()`, every job persisted as completed. */
async function flowEndToEnd(groups: number, concurrency: number): Promise<number> {
  const name = uniqueName(`flow-${concurrency}`)
  const queue = benchQueue(name, { runner: 'worker', concurrency })
  const warmed = await warm(queue, concurrency)
  const steps = flowSteps(groups)
  const t0 = now()
  await queue.addFlow(steps)
  await queue.whenIdle()
  const ms = now() - t0
  const counts = await queue.counts()
  await queue.close()
  await dropDatabase(name)
  if (counts.completed !== steps.length + warmed) throw new Error(`flow: ${counts.completed} of ${steps.length + warmed} jobs completed (${JSON.stringify(counts)})`)
  return rate(steps.length, ms)
}

/**
 * A flow of `n` jobs end to end, paired run by run with `n` independent jobs in the same page
 * (module Web Workers, concurrency 4): the ratio is what waiting costs.
 */
export async function measureFlow(options: { runs: number; n: number }): Promise<Record<string, Figure>> {
  const groups = Math.max(1, Math.round(options.n / 10))
  const [flow, ratio] = await pairedWith(options.runs, 'ops/s', () => endToEnd(groups * 10, 'worker', 4), () => flowEndToEnd(groups, 4),
    `one addFlow of ${groups * 10} no-op jobs (${groups} groups: a chain of 3 and 6 leaves, all prerequisites of a join), module Web Workers, concurrency 4, addFlow → whenIdle()`,
    `${groups * 10} independent no-op jobs (addBulk → whenIdle(), same workers and concurrency)`)
  return { 'docket.flow.1000': flow, 'paired.docket.flow.1000': ratio }
}
