// What must hold after every step of every schedule. Two kinds: checks of each write as the
// storage committed it (its before and after, seen at the boundary), and checks of the whole
// store read beside the contexts. A broken invariant is recorded; the run throws after the step.
import { JOB_STATES, isSettled, visibleState, type JobState } from '../../src/job/job-states.js'
import type { JobRecord } from '../../src/job/record.js'
import type { UpdateResult } from '../../src/storage/storage.js'
import type { Observation } from './faulty-storage'
import { createFlowWatch, type FlowWatch } from './flow-watch'
import { createLivenessWatch, type LivenessWatch } from './liveness'
import { createPauseWatch, type PauseWatch } from './pause-watch'
import { QUEUES, type Family } from './schedule'
import { createUniqueWatch, type UniqueWatch } from './unique-watch'
import { LEASE_MS, type Invocation, type SimContext, type World } from './world'

/** Which stored state may follow which in one write (`null`: deleted). From src/job/transitions.ts and its callers. */
const ALLOWED: Record<JobState, ReadonlyArray<JobState | null>> = {
  // Flows: released, or failed/canceled by a prerequisite's cascade; back to blocked when a
  // failed prerequisite is retried.
  blocked: ['blocked', 'waiting', 'failed', 'canceled', null],
  waiting: ['waiting', 'delayed', 'active', 'canceled', null],
  delayed: ['delayed', 'waiting', 'active', 'canceled', null],
  active: ['active', 'waiting', 'delayed', 'completed', 'failed', 'canceled'],
  completed: [null],
  failed: ['waiting', 'blocked', null],
  canceled: ['waiting', 'blocked', null],
}

export interface Invariants {
  readonly violations: string[]
  violation(message: string): void
  /** A write the storage committed for `context`. */
  observe(context: SimContext, observation: Observation): void
  /** A handler was called. */
  started(invocation: Invocation): void
  /** Reads the whole store and checks it. */
  check(): Promise<JobRecord[]>
  /** Unique keys that a `retry()` may have doubled on purpose (a rerun does not check uniqueness). */
  readonly rerunKeys: Set<string>
  /** The families of invariants in files of their own. */
  readonly pause: PauseWatch
  readonly unique: UniqueWatch
  readonly flows: FlowWatch
  readonly liveness: LivenessWatch
}

/** Checks of one record, wherever it was seen. */
export function recordProblems(record: JobRecord): string[] {
  const problems: string[] = []
  const is = `job ${record.id} (${record.state})`
  if (!JOB_STATES.includes(record.state)) problems.push(`${is} has an unknown state`)
  if (!(record.attempts >= 0 && record.attempts <= record.maxAttempts)) problems.push(`${is} has ${record.attempts} attempts of ${record.maxAttempts}`)
  const stalls = record.stalls ?? 0
  const maxStalls = record.maxStalls ?? 3
  if (stalls > maxStalls + 1) problems.push(`${is} has ${stalls} stalls, past maxStalls ${maxStalls} + 1`)
  if (stalls > maxStalls && record.state !== 'failed') problems.push(`${is} has ${stalls} stalls, more than maxStalls ${maxStalls}, and has not failed`)
  const leased = record.owner !== undefined && record.token !== undefined && record.leaseUntil !== undefined
  const unleased = record.owner === undefined && record.token === undefined && record.leaseUntil === undefined
  if (record.state === 'active' ? !leased : !unleased) problems.push(`${is} has owner ${record.owner}, token ${record.token}, lease ${record.leaseUntil}`)
  if (isSettled(record.state) && record.settledAt === undefined) problems.push(`${is} is settled without settledAt`)
  return problems
}

const invocationOf = (text: unknown): number | undefined => {
  const match = /inv-(\d+)/.exec(String(text))
  return match ? Number(match[1]) : undefined
}

export function createInvariants(world: World): Invariants {
  const violations: string[] = []
  /** Runs taken from a live context after their lease ended: that context may still run them until it learns. */
  const expiredTakeovers = new Set<string>()
  const rerunKeys = new Set<string>()
  const [pause, unique, flows, liveness] = [createPauseWatch(), createUniqueWatch(), createFlowWatch(), createLivenessWatch(LEASE_MS)]
  const watching = (family: Family): boolean => !world.config.ignore?.includes(family)
  const expired = (invocation: Invocation): boolean => invocation.token !== undefined && expiredTakeovers.has(invocation.token)
  const violation = (message: string): void => void violations.push(message)
  const contextOf = (owner: string | undefined): SimContext | undefined => world.contexts.find((context) => context.owner === owner)

  /** A run's outcome can only be written by the run that holds the job: the fence. */
  function checkOutcome(before: JobRecord, after: JobRecord): void {
    const wrote = after.state === 'completed' ? invocationOf(after.result)
      : after.errors.length > before.errors.length ? invocationOf(after.errors.at(-1)?.message) : undefined
    if (after.state === 'completed' && wrote === undefined) violation(`job ${after.id} completed with a result no handler returned: ${String(after.result)}`)
    if (wrote === undefined) return
    const invocation = world.invocations[wrote - 1]
    if (invocation?.jobId !== after.id) return violation(`job ${after.id} took the outcome of inv-${wrote}, a run of another job`)
    if (invocation.token !== before.token) {
      violation(`job ${after.id} took the outcome of inv-${wrote} (ctx ${invocation.context.index}, token ${invocation.token}) over the run of token ${before.token}: a settle past the fence`)
    }
  }

  /** Another context ends a run: only once its lease ended, or once its context died where that can be known. */
  function checkTakeover(writer: SimContext, before: JobRecord): void {
    if (before.owner === writer.owner) return
    const owner = contextOf(before.owner)
    const leaseOver = (before.leaseUntil ?? Infinity) < world.clock.now()
    const known = world.config.locks && owner?.dead === true
    if (!leaseOver && !known) {
      violation(`job ${before.id}: ctx ${writer.index} ended the run of ctx ${owner?.index ?? '?'} (alive: ${owner ? !owner.dead : '?'}) while its lease ran until ${before.leaseUntil}, at ${world.clock.now()}`)
    }
    if (before.token && owner && !owner.dead) expiredTakeovers.add(before.token)
  }

  function checkWrite(writer: SimContext, result: UpdateResult): void {
    const { id, before, after } = result
    flows.wrote(result)
    if (after === undefined || !before) return
    const next = after === null ? null : after.state
    if (!ALLOWED[before.state].includes(next)) violation(`job ${id} went from ${before.state} to ${next ?? 'deleted'}, which no transition allows`)
    if (after) for (const problem of recordProblems(after)) violation(problem)
    if (before.state !== 'active') return
    if (after && after.state === 'active') {
      if (after.token !== before.token) violation(`job ${id} changed its token while active`)
      return
    }
    checkTakeover(writer, before)
    if (after) checkOutcome(before, after)
  }

  return {
    violations,
    violation,
    rerunKeys,
    pause,
    unique,
    flows,
    liveness,
    observe(context, observation) {
      if (observation.kind === 'claim' || observation.kind === 'update') for (const result of observation.updated) checkWrite(context, result)
      if (observation.kind === 'claim') {
        for (const record of observation.claimed) {
          for (const problem of recordProblems(record)) violation(problem)
          if (record.owner !== observation.owner) violation(`job ${record.id} was claimed by ${observation.owner} but stored for ${record.owner}`)
          unique.claimed(record)
          flows.claimed(record)
          liveness.claimed(record, world.clock.now())
        }
      }
      if (observation.kind === 'insert') for (const { record } of observation.inserted) for (const problem of recordProblems(record)) violation(problem)
    },
    started(invocation) {
      for (const other of world.invocations) {
        if (other === invocation || other.jobId !== invocation.jobId || other.settled || other.context.dead || other.signal.aborted) continue
        // A run taken over after its lease ran out (a wall-clock jump, a frozen context) may go on,
        // or even start from a held claim, until its owner's next renewal tells it: leases allow that.
        if ([other.token, invocation.token].some((token) => token !== undefined && expiredTakeovers.has(token))) continue
        violation(`job ${invocation.jobId} runs twice at once: inv-${other.n} in ctx ${other.context.index} and inv-${invocation.n} in ctx ${invocation.context.index}`)
      }
      const running = world.invocations.filter((other) => !other.settled && !other.context.dead && !other.signal.aborted)
      for (const problem of [
        ...(watching('pause') ? pause.started(invocation) : []),
        ...(watching('unique') ? unique.started(invocation, running, expired) : []),
        ...(watching('flow') ? flows.started(invocation) : []),
      ]) violation(problem)
    },
    async check() {
      pause.settled()
      const now = world.clock.now()
      // Counts and the list are two transactions: a write that lands between them (a context's
      // call the world did not wait for) would show as a drift that is not one. So the counts are
      // read before and after the list, and compared only when they agree (a quiet moment).
      const countAll = () => Promise.all([undefined, ...QUEUES].map((queue) => world.observer.count(queue, now)))
      let records: Awaited<ReturnType<typeof world.observer.list>> = []
      let counts: Awaited<ReturnType<typeof countAll>> = []
      for (let tries = 0; tries < 10; tries++) {
        const before = await countAll()
        records = await world.observer.list({ limit: 1_000_000, offset: 0, order: 'asc', now })
        counts = await countAll()
        if (JSON.stringify(before) === JSON.stringify(counts)) break
        await new Promise((resolve) => setImmediate(resolve))
      }
      const byId = new Map(records.map((record) => [record.id, record]))
      for (const id of world.known) if (!byId.has(id) && !world.removing.has(id)) violation(`job ${id} was acknowledged and is lost`)
      for (const record of records) for (const problem of recordProblems(record)) violation(problem)
      for (const [i, queue] of [undefined, ...QUEUES].entries()) {
        const counted = counts[i]!
        const full: Record<string, number> = Object.fromEntries(JOB_STATES.map((state) => [state, 0]))
        for (const record of records) if (queue === undefined || record.queue === queue) full[visibleState(record, now)]!++
        for (const state of JOB_STATES) {
          if (counted[state] !== full[state]) violation(`counts(${queue ?? 'all'}).${state} is ${counted[state]}, a full count ${full[state]}`)
        }
      }
      // Scope 'pending': one job per key not settled; a window: one job per key (the window's index is in it).
      const byKey = new Map<string, string[]>()
      for (const record of records) {
        if (!record.uniqueKey || rerunKeys.has(record.uniqueKey)) continue
        if (!(record.uniqueScope === 'window' || (record.uniqueScope === 'pending' && !isSettled(record.state)))) continue
        byKey.set(record.uniqueKey, [...(byKey.get(record.uniqueKey) ?? []), record.id])
      }
      for (const [key, ids] of byKey) if (ids.length > 1) violation(`unique key ${key} holds ${ids.length} jobs in its scope: ${ids.join(', ')}`)
      if (watching('unique')) for (const problem of unique.check(records, now)) violation(problem)
      // Ordering keys: one job of a key runs at a time, whichever contexts hold them.
      const activeByKey = new Map<string, string[]>()
      for (const record of records) {
        if (record.orderingKey === undefined || record.state !== 'active') continue
        activeByKey.set(record.orderingKey, [...(activeByKey.get(record.orderingKey) ?? []), record.id])
      }
      for (const [key, ids] of activeByKey) if (ids.length > 1) violation(`ordering key ${key} has ${ids.length} active jobs: ${ids.join(', ')}`)
      return records
    },
  }
}
