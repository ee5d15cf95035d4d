// The world of one simulated run: the environment (clock, timers, randomness, Web Locks,
// BroadcastChannel) put in place of the runtime's, one shared storage, and the contexts
// (each a real `createQueue`) that share it, with handlers that the schedule finishes.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { createQueue, indexedDBStorage, memoryStorage, type JobContext, type Queue, type Storage } from '../../src/index.js'

/** The one job of the simulation: the schedule decides how each call ends. */
export type SimJobs = { work(data: { respectAbort?: boolean }, job: JobContext): Promise<string> }
import { faultyStorage, type StorageFault } from './faulty-storage'
import { createInvariants, type Invariants } from './invariants'
import { LIMITED, PACE, PACED, type Outcome, type WorldConfig } from './schedule'
import { simChannels } from './sim-channel'
import { simClock, type SimClock } from './sim-clock'
import { contextFactory } from './sim-connections'
import { simLocks } from './sim-locks'
import { installGlobals } from './sim-globals'
import { seedIds } from './sim-ids'

/** The lease of the simulated queues: short, so that recoveries happen within a schedule. */
export const LEASE_MS = 1000
/** How long the contexts wait for an aborted handler before they abandon it. */
export const GRACE_MS = 100
/** The wall clock at the start of every run: runs do not depend on the real date. */
const EPOCH = Date.UTC(2026, 0, 1)
/** Storage calls within one turn past which the contexts spin. */
const MAX_CALLS_PER_TURN = 2000
/** Settling turns after which a world that is still busy counts as spinning. */
const MAX_TURNS = 5000

/** One context (a tab, a worker, a service worker) with its queue. */
export interface SimContext {
  index: number
  queue: Queue<SimJobs>
  dead: boolean
  /** Its scheduler's owner id, known from its lock or its first claim. */
  owner?: string
  faults: Array<{ fault: StorageFault; remaining: number }>
  channels: Array<{ close(): void }>
  /** The token of this context's latest claim of each job. */
  claimed: Map<string, string>
  /** Its IndexedDB connections, latest last (none on memory storage). */
  connections: IDBDatabase[]
}

/** One call of a handler, which the schedule ends. */
export interface Invocation {
  n: number
  jobId: string
  /** The named queue of the job. */
  queue: string
  /** What the handler read as `ctx.dependencies`. */
  dependencies: Record<string, unknown>
  token?: string
  context: SimContext
  signal: AbortSignal
  settled: boolean
  finish(outcome: Outcome): void
}

/** Counters of a run. */
export interface RunStats {
  steps: number
  faults: number
  invocations: number
}

export interface World {
  readonly config: WorldConfig
  readonly clock: SimClock
  readonly contexts: SimContext[]
  readonly invocations: Invocation[]
  /** Jobs whose add resolved: acknowledged, so never to be lost. */
  readonly known: Set<string>
  /** Jobs a remove was asked for: they may go. */
  readonly removing: Set<string>
  readonly stats: RunStats
  readonly invariants: Invariants
  /** Reads the shared storage directly, beside every context. */
  readonly observer: Storage
  /** From now on handlers complete at once and no fault is injected. */
  quiet: boolean
  live(): SimContext[]
  spawn(): SimContext
  kill(context: SimContext): void
  nextJobId(): string
  /** Runs every turn until no storage call, message or microtask is left; timers wait for the schedule. */
  settle(): Promise<void>
  dispose(): Promise<void>
}

/** Makes the world of `config` and its first contexts. Call `dispose()` when done. */
export function createWorld(config: WorldConfig): World {
  const clock = simClock(EPOCH)
  const locks = simLocks()
  const channels = simChannels()
  const restore = installGlobals(config, clock, locks, channels)
  seedIds(config.seed)
  const factory = new IDBFactory()
  const shared = config.storage === 'memory' ? memoryStorage() : undefined
  const connection = (context?: SimContext): Storage => shared ??
    indexedDBStorage({ name: 'sim', indexedDB: context ? contextFactory(factory, (db) => context.connections.push(db)) : factory, IDBKeyRange })
  let busy = 0
  /** Storage calls since the last turn: a loop of microtasks never gives the next turn a chance. */
  let callsThisTurn = 0
  let jobs = 0

  const world: World = {
    config,
    clock,
    contexts: [],
    invocations: [],
    known: new Set(),
    removing: new Set(),
    stats: { steps: 0, faults: 0, invocations: 0 },
    invariants: undefined as unknown as Invariants,
    observer: connection(),
    quiet: false,
    live: () => world.contexts.filter((context) => !context.dead),
    spawn,
    kill(context) {
      if (context.dead) return
      context.dead = true
      world.stats.faults++
      for (const channel of context.channels) channel.close()
      if (context.owner) locks.releaseOwnedBy(context.owner)
    },
    nextJobId: () => `j${++jobs}`,
    async settle() {
      let quietTurns = 0
      for (let turn = 0; turn < MAX_TURNS; turn++) {
        await new Promise<void>((resolve) => setImmediate(resolve))
        callsThisTurn = 0
        const delivered = channels.deliver()
        if (busy === 0 && delivered === 0) {
          if (++quietTurns >= 2) return
        } else quietTurns = 0
      }
      world.invariants.violation(`the contexts never went quiet within ${MAX_TURNS} turns (a busy loop)`)
    },
    async dispose() {
      restore()
      for (const context of world.live()) for (const channel of context.channels) channel.close()
    },
  }
  ;(world as { invariants: Invariants }).invariants = createInvariants(world)

  function invoke(context: SimContext, data: { respectAbort?: boolean }, job: JobContext): Promise<string> {
    // A dead context runs nothing: its scheduler may still launch a job it held, but no handler starts.
    if (context.dead) return new Promise(() => {})
    return new Promise((resolve, reject) => {
      const n = ++world.stats.invocations
      const token = context.claimed.get(job.id)
      const invocation: Invocation = {
        n, jobId: job.id, queue: job.queue, dependencies: job.dependencies, context, signal: job.signal, settled: false,
        ...(token !== undefined ? { token } : {}),
        finish(outcome) {
          if (invocation.settled) return
          invocation.settled = true
          if (outcome === 'complete') resolve(`inv-${n}`)
          else reject(new Error(`inv-${n} failed`))
        },
      }
      if (data.respectAbort) {
        job.signal.addEventListener('abort', () => {
          if (invocation.settled) return
          invocation.settled = true
          reject(new Error(`inv-${n} aborted`))
        }, { once: true })
      }
      world.invocations.push(invocation)
      world.invariants.started(invocation)
      if (world.quiet) invocation.finish('complete')
    })
  }

  function spawn(): SimContext {
    const context = { index: world.contexts.length, dead: false, faults: [], channels: [], claimed: new Map(), connections: [] } as unknown as SimContext
    const storage = faultyStorage(connection(context), {
      isDead: () => context.dead,
      takeFault(write) {
        if (world.quiet) return undefined
        const next = context.faults[0]
        if (!next || (next.fault === 'quota' && !write)) return undefined
        if (--next.remaining <= 0) context.faults.shift()
        world.stats.faults++
        return next.fault
      },
      observe(observation) {
        if (observation.kind === 'claim') {
          context.owner ??= observation.owner
          for (const record of observation.claimed) context.claimed.set(record.id, record.token!)
        }
        world.invariants.observe(context, observation)
      },
      busy(delta, method) {
        busy += delta
        if (delta > 0 && ++callsThisTurn > MAX_CALLS_PER_TURN) {
          world.invariants.violation(`ctx ${context.index} made more than ${MAX_CALLS_PER_TURN} storage calls without yielding a turn, the last ${method} (a busy loop)`)
          throw new Error('The simulation stopped a busy loop')
        }
      },
    }, config.mutation)
    // What other contexts requested so far is theirs: this context's own lock is requested while it is made.
    locks.takeRequested()
    context.queue = createQueue<SimJobs>({
      handlers: { work: (data: { respectAbort?: boolean }, job: JobContext) => invoke(context, data, job) },
      storage,
      concurrency: config.concurrency,
      prefetch: config.prefetch,
      leaseDuration: LEASE_MS,
      abortGracePeriod: GRACE_MS,
      // From entries: in an object literal, `__proto__:` would set the prototype, not name a queue.
      queues: Object.fromEntries([[LIMITED, { concurrency: 1 }], [PACED, { rateLimit: PACE }]]),
    })
    context.channels = channels.takeOpened()
    const own = locks.takeRequested().find((name) => name.includes(':owner:'))
    if (own) context.owner = own.slice(own.indexOf(':owner:') + ':owner:'.length)
    world.contexts.push(context)
    return context
  }

  for (let i = 0; i < config.contexts; i++) spawn()
  return world
}
