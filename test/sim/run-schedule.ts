// One schedule, run from start to end: the world is made, each step is done and the world
// settles, the invariants are checked; then faults stop, and every job must settle.
import { isSettled } from '../../src/job/job-states.js'
import type { JobRecord } from '../../src/job/record.js'
import type { Schedule, Step } from './schedule'
import { setPaused, stepRunners } from './steps'
import { createWorld, LEASE_MS, type World } from './world'

/** Totals over many runs. */
export interface SimTotals {
  runs: number
  steps: number
  faults: number
  invocations: number
}

export const zeroTotals = (): SimTotals => ({ runs: 0, steps: 0, faults: 0, invocations: 0 })

/** Rounds of one lease each that the jobs have to settle in once faults stop. */
const SETTLE_ROUNDS = 120

function throwIfViolated(world: World, after: string): void {
  const { violations } = world.invariants
  if (!violations.length) return
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more: ${violations.slice(1, 4).join('; ')})` : ''
  throw new Error(`Invariant broken ${after}: ${violations[0]}${more}`)
}

const describeStep = (index: number, step: Step): string => `after step ${index + 1} ${JSON.stringify(step)}`

/**
 * Jobs that wait for a user, not a liveness fault: a key whose head failed for good holds its
 * followers until a user retries or removes it, and so the dependents of a held job, down the chain.
 */
function heldForUser(records: readonly JobRecord[], blockedKeys: ReadonlySet<string>): Set<string> {
  const held = new Set(records.filter((record) => !isSettled(record.state) && record.orderingKey !== undefined && blockedKeys.has(record.orderingKey)).map((record) => record.id))
  for (let grew = true; grew;) {
    grew = false
    for (const record of records) {
      if (record.state !== 'blocked' || held.has(record.id) || !record.dependsOn?.some((id) => held.has(id))) continue
      held.add(record.id)
      grew = true
    }
  }
  return held
}

/** Faults stop, every live context runs and every handler returns: each job must settle. */
async function settleEverything(world: World): Promise<void> {
  world.quiet = true
  if (!world.live().length) world.spawn()
  const [first] = world.live()
  for (const context of world.live()) void context.queue.start().catch(() => undefined)
  void setPaused(world, first!, undefined, false).catch((error: unknown) => world.invariants.violation(`resume rejected once faults stopped: ${String(error)}`))
  for (const invocation of world.invocations) if (!invocation.context.dead) invocation.finish('complete')
  await world.settle()
  for (let round = 0; round < SETTLE_ROUNDS; round++) {
    const records = await world.invariants.check()
    const pause = await world.observer.getPaused()
    const paused = (queue: string): boolean => pause.all || pause.queues.includes(queue)
    for (const problem of world.invariants.liveness.round(records, world.clock.now(), paused)) world.invariants.violation(`Liveness broken: ${problem}`)
    throwIfViolated(world, `after faults stopped (round ${round})`)
    const held = heldForUser(records, new Set((await world.observer.blockedKeys()).map(({ key }) => key)))
    const open = records.filter((record) => !isSettled(record.state) && !held.has(record.id))
    if (process.env.SIM_TRACE === '2') console.log(`  round ${round}: ${open.map((r) => `${r.id}:${r.state}`).join(' ')} timers ${world.clock.pending()}`)
    if (!open.length) return
    if (round === SETTLE_ROUNDS - 1) {
      const list = open.slice(0, 5).map((record) => `${record.id} ${record.state}${record.owner ? ` owned by ctx ${world.contexts.find((c) => c.owner === record.owner)?.index ?? '?'}` : ''}`)
      throw new Error(`Liveness broken: ${open.length} job(s) never settled after faults stopped (${SETTLE_ROUNDS} leases later): ${list.join(', ')}`)
    }
    await world.clock.advance(LEASE_MS, () => world.settle())
  }
}

/** Runs `schedule`; throws at the first broken invariant. Adds what it did to `totals`. */
export async function runSchedule(schedule: Schedule, totals: SimTotals = zeroTotals()): Promise<void> {
  const world = createWorld(schedule.config)
  const trace = typeof process !== 'undefined' && process.env.SIM_TRACE
  const t0 = performance.now()
  try {
    await world.settle()
    for (const [index, step] of schedule.steps.entries()) {
      if (trace === '2') console.log(`  step ${index + 1} ${JSON.stringify(step)}`)
      await (stepRunners[step.do] as (world: World, step: Step) => void | Promise<void>)(world, step)
      world.stats.steps++
      await world.settle()
      await world.invariants.check()
      throwIfViolated(world, describeStep(index, step))
    }
    await settleEverything(world)
  } finally {
    if (trace) console.log(`run ${totals.runs}: ${schedule.steps.length} steps, ${(performance.now() - t0).toFixed(0)} ms`)
    totals.runs++
    totals.steps += world.stats.steps
    totals.faults += world.stats.faults
    totals.invocations += world.stats.invocations
    await world.dispose()
  }
}
