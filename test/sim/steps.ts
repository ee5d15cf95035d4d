// What each step of a schedule does to the world. A step starts its calls and does not wait
// for them (a `stop()` waits for running jobs, a `cancel()` for a job to settle): the world
// settles after each step, and a call answers whenever the world lets it.
import type { JobOptions } from '../../src/index.js'
import { JOB_STATES } from '../../src/job/job-states.js'
import type { Control, FlowStepSpec, JobSpec, SchedulerSpec, Step } from './schedule'
import { loseConnection } from './sim-connections'
import type { SimContext, World } from './world'

/** Live contexts are picked by index, modulo how many there are. */
const pick = <T>(items: readonly T[], index: number): T | undefined => (items.length ? items[index % items.length] : undefined)

/** The most contexts alive at once. */
const MAX_CONTEXTS = 5

/** Errors a call may answer with while faults are injected: anything else is a finding. */
function expected(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name
  return name === 'StorageError' || name === 'ValidationError'
}

function watch(world: World, what: string, call: Promise<unknown>): void {
  call.catch((error: unknown) => {
    if (!expected(error)) world.invariants.violation(`${what} rejected with ${String((error as Error)?.name)}: ${String((error as Error)?.message ?? error)}`)
  })
}

function jobOptions(world: World, spec: JobSpec): JobOptions {
  return {
    id: world.nextJobId(),
    queue: spec.queue,
    priority: spec.priority,
    attempts: spec.attempts,
    maxStalls: spec.maxStalls,
    backoff: { type: 'fixed', delay: spec.backoff },
    ...(spec.delay !== undefined ? { delay: spec.delay } : {}),
    ...(spec.timeout !== undefined ? { timeout: spec.timeout } : {}),
    ...(spec.unique ? { unique: spec.unique } : {}),
    ...(spec.orderingKey ? { orderingKey: spec.orderingKey } : {}),
  }
}

/** The options of a job that takes no id of ours (a flow's, a schedule's). */
const ownOptions = (world: World, spec: JobSpec): Omit<JobOptions, 'id'> => {
  const { id: _id, ...options } = jobOptions(world, spec)
  return options
}

const data = (spec: JobSpec): { respectAbort: boolean } => ({ respectAbort: spec.respectAbort })

function add(world: World, context: SimContext, specs: JobSpec[], bulk: boolean): void {
  const items = specs.map((spec) => ({ name: 'work' as const, data: data(spec), options: jobOptions(world, spec) }))
  const acknowledged = (ids: string[]): void => ids.forEach((id) => world.known.add(id))
  items.forEach(({ options }, index) => {
    const unique = specs[index]!.unique
    if (unique?.scope === 'waiting') world.invariants.unique.intended(options.id!, unique.key)
  })
  if (bulk) watch(world, 'addBulk', context.queue.addBulk(items).then((jobs) => acknowledged(jobs.map((job) => job.id))))
  else watch(world, 'add', context.queue.add('work', items[0]!.data, items[0]!.options).then((job) => acknowledged([job.id])))
}

function flow(world: World, context: SimContext, specs: FlowStepSpec[]): void {
  const steps = specs.map((spec, index) => ({
    ref: `r${index}`,
    name: 'work' as const,
    data: data(spec.job),
    options: { ...ownOptions(world, spec.job), onDependencyFailure: spec.onDependencyFailure },
    dependsOn: index === 0 ? [] : [...new Set(spec.dependsOn.map((at) => `r${at % index}`))],
  }))
  watch(world, 'addFlow', context.queue.addFlow(steps).then((jobs: Record<string, { id: string }>) => {
    for (const step of steps) {
      world.known.add(jobs[step.ref]!.id)
      if (step.dependsOn.length) world.invariants.flows.added(jobs[step.ref]!.id, Object.fromEntries(step.dependsOn.map((ref) => [ref, jobs[ref]!.id])))
    }
  }))
}

function upsertScheduler(context: SimContext, world: World, spec: SchedulerSpec): void {
  const { delay: _delay, ...options } = ownOptions(world, spec.job)
  const call = context.queue.upsertScheduler(spec.id, { every: spec.every, catchUp: spec.catchUp, limit: spec.limit }, { name: 'work', data: data(spec.job), options })
  // Its jobs are not acknowledged by the call: each is made later, by whichever context ticks the slot.
  watch(world, 'upsertScheduler', call)
}

/** Pauses or resumes from `context`, telling the pause invariant when the call was made and when it resolved. */
export function setPaused(world: World, context: SimContext, queue: string | undefined, paused: boolean): Promise<void> {
  const resolved = world.invariants.pause.called(context, queue, paused)
  return (paused ? context.queue.pause(queue) : context.queue.resume(queue)).then(resolved)
}

/** The states a user calls each control on, so that a control is seldom a no-op. */
const TARGETS: Record<Control, ReadonlySet<string>> = {
  retry: new Set(['failed', 'canceled']),
  cancel: new Set(['blocked', 'waiting', 'delayed', 'active']),
  promote: new Set(['delayed']),
  discard: new Set(['waiting', 'delayed', 'active']),
  remove: new Set(JOB_STATES),
}

/** The `pick`-th acknowledged job in a state the control is for, or of all acknowledged jobs if none is. */
async function target(world: World, control: Control, index: number): Promise<string | undefined> {
  const records = await world.observer.list({ limit: 1_000_000, offset: 0, order: 'asc', now: world.clock.now() })
  const fit = records.filter((record) => world.known.has(record.id) && TARGETS[control].has(record.state)).map((record) => record.id)
  // In the order acknowledged, not by id: ids of flows are the library's own, random.
  return pick(fit.length ? fit : [...world.known], index)
}

/** The runner of each kind of step. */
export const stepRunners: { [K in Step['do']]: (world: World, step: Extract<Step, { do: K }>) => void | Promise<void> } = {
  add(world, step) {
    const context = pick(world.live(), step.ctx)
    if (context) add(world, context, [step.job], false)
  },
  addBulk(world, step) {
    const context = pick(world.live(), step.ctx)
    if (context) add(world, context, step.jobs, true)
  },
  flow(world, step) {
    const context = pick(world.live(), step.ctx)
    if (context) flow(world, context, step.steps)
  },
  schedule(world, step) {
    const context = pick(world.live(), step.ctx)
    if (context) upsertScheduler(context, world, step.scheduler)
  },
  finish(world, step) {
    const running = world.invocations.filter((invocation) => !invocation.settled && !invocation.context.dead)
    pick(running, step.pick)?.finish(step.outcome)
  },
  async control(world, step) {
    const context = pick(world.live(), step.ctx)
    const id = await target(world, step.control, step.pick)
    if (!context || !id) return
    const { queue } = context
    if (step.control === 'remove') world.removing.add(id)
    if (step.control === 'retry') {
      world.invariants.flows.rerun(id)
      // A rerun does not check uniqueness: the job's key may be doubled from here on.
      watch(world, 'retry', world.observer.get(id).then((record) => record?.uniqueKey && world.invariants.rerunKeys.add(record.uniqueKey)))
    }
    const calls = {
      cancel: () => queue.cancel(id),
      retry: () => queue.retry(id),
      remove: () => queue.remove(id),
      promote: () => queue.promote(id),
      discard: async () => (await queue.get(id))?.discard(),
    }
    watch(world, step.control, calls[step.control]())
  },
  pause(world, step) {
    const context = pick(world.live(), step.ctx)
    if (context) watch(world, step.paused ? 'pause' : 'resume', setPaused(world, context, step.queue, step.paused))
  },
  stop(world, step) {
    const context = pick(world.live(), step.ctx)
    if (context) watch(world, 'stop', context.queue.stop({ timeout: 200 }))
  },
  start(world, step) {
    const context = pick(world.live(), step.ctx)
    if (context) watch(world, 'start', context.queue.start())
  },
  kill(world, step) {
    const context = pick(world.live(), step.ctx)
    if (context) world.kill(context)
  },
  spawn(world) {
    if (world.live().length < MAX_CONTEXTS) world.spawn()
  },
  async tick(world, step) {
    await world.clock.advance(step.ms, () => world.settle())
  },
  jump(world, step) {
    world.stats.faults++
    world.clock.jump(step.ms)
  },
  fault(world, step) {
    pick(world.live(), step.ctx)?.faults.push({ fault: step.fault, remaining: step.calls })
  },
  lose(world, step) {
    const connection = pick(world.live(), step.ctx)?.connections.at(-1)
    if (connection && loseConnection(connection)) world.stats.faults++
  },
}
