// The schedule of one simulated run, as data: the configuration of the world and the steps
// done to it. fast-check generates and shrinks these; a step names contexts and jobs by index
// (taken modulo what exists when it runs), so every shrunk schedule still runs.
//
// Every feature is generated in one schedule: flows, ordering keys, unique keys (every scope and
// `onDuplicate`), schedules (every `catchUp`), rate limits, pauses, retry/remove/cancel by hand.
// A new one: its options in `JobSpec` and `jobSpec`, or a step in `Step` and `stepArbitraries`
// with its runner in `steps.ts`.
import fc from 'fast-check'
import type { StorageFault } from './faulty-storage'

/** The world a schedule runs in. */
export interface WorldConfig {
  storage: 'memory' | 'indexeddb'
  /** Whether the runtime has Web Locks (browsers) or only leases (Node, old runtimes). */
  locks: boolean
  /** Contexts at the start. */
  contexts: number
  concurrency: number
  prefetch: number
  /** Seeds `Math.random` (backoff jitter) for the run. */
  seed: number
  /** A deliberately broken environment, never generated: the harness's own test (see `faultyStorage`). */
  mutation?: Mutation
  /** Families of invariants not checked, never generated: to see one family catch its mutation alone. */
  ignore?: Family[]
}

/** The families of invariants that can be left unchecked (`ignore`). */
export const FAMILIES = ['pause', 'unique', 'flow'] as const
export type Family = (typeof FAMILIES)[number]

/**
 * Broken environments that the invariants must catch, one per invariant family: a storage that
 * forgets the fence, the pause, the unique keys, or that claims only once per few leases.
 */
export const MUTATIONS = ['no-fence', 'no-pause', 'no-unique', 'slow-claim'] as const
export type Mutation = (typeof MUTATIONS)[number]

/**
 * The named queues of the simulation: `LIMITED` holds one active job across every context,
 * `PACED` starts at most `PACE.max` per `PACE.duration` ms. They, a unique key and an ordering
 * key are named after `Object.prototype` members (issue 31: such a name once stopped every
 * queue), with as many choices as before, so a seed draws the same schedules.
 */
export const QUEUES = ['default', '__proto__', 'constructor'] as const
/** The queue limited to one active job. */
export const LIMITED = QUEUES[1]
/** The rate-limited queue. */
export const PACED = QUEUES[2]
/** The rate limit of `PACED`. */
export const PACE = { max: 2, duration: 400 } as const

/** A unique key as generated: every scope, every `onDuplicate`. */
export interface UniqueSpec {
  key: 'k1' | 'toString'
  scope: 'pending' | 'waiting' | { window: number }
  onDuplicate: 'ignore' | 'replace' | 'debounce'
}

/** One job to add. */
export interface JobSpec {
  queue: (typeof QUEUES)[number]
  delay?: number
  priority: number
  attempts: number
  maxStalls: number
  timeout?: number
  backoff: number
  unique?: UniqueSpec
  /** Jobs of one ordering key run one at a time, in insertion order, across every context. */
  orderingKey?: 'o1' | 'valueOf'
  /** Whether the handler stops when its signal fires, or runs on until the schedule ends it. */
  respectAbort: boolean
}

/** What a job's handler does when the schedule picks it. */
export type Outcome = 'complete' | 'throw'

/** One job of a flow: it depends on earlier jobs of the flow only, so no cycle is generated. */
export interface FlowStepSpec {
  job: JobSpec
  /** Indexes of earlier steps, taken modulo this step's index. */
  dependsOn: number[]
  onDependencyFailure: 'fail' | 'continue'
}

/** A schedule (`upsertScheduler`) and the job it makes. */
export interface SchedulerSpec {
  id: 's1' | 's2'
  every: number
  catchUp: 'none' | 'one' | 'all'
  /** Jobs it makes in all, so that the run can end. */
  limit: number
  job: JobSpec
}

/** A control a user calls on a job. */
export type Control = 'cancel' | 'retry' | 'remove' | 'promote' | 'discard'

/** One step of a schedule. `ctx` and `pick` are taken modulo what exists when the step runs. */
export type Step =
  | { do: 'add'; ctx: number; job: JobSpec }
  | { do: 'addBulk'; ctx: number; jobs: JobSpec[] }
  | { do: 'flow'; ctx: number; steps: FlowStepSpec[] }
  | { do: 'schedule'; ctx: number; scheduler: SchedulerSpec }
  | { do: 'finish'; pick: number; outcome: Outcome }
  | { do: 'control'; ctx: number; pick: number; control: Control }
  | { do: 'pause'; ctx: number; queue?: (typeof QUEUES)[number]; paused: boolean }
  | { do: 'stop'; ctx: number }
  | { do: 'start'; ctx: number }
  | { do: 'kill'; ctx: number }
  | { do: 'spawn' }
  | { do: 'tick'; ms: number }
  | { do: 'jump'; ms: number }
  | { do: 'fault'; ctx: number; fault: StorageFault; calls: number }
  | { do: 'lose'; ctx: number }

/** The options of generated jobs: small numbers, so that bounds are reached often. */
export const jobSpec: fc.Arbitrary<JobSpec> = fc.record({
  queue: fc.constantFrom(...QUEUES),
  delay: fc.option(fc.constantFrom(0, 500, 3000), { nil: undefined }),
  priority: fc.integer({ min: 0, max: 2 }),
  attempts: fc.integer({ min: 1, max: 3 }),
  maxStalls: fc.integer({ min: 0, max: 2 }),
  timeout: fc.option(fc.constantFrom(300, 2000), { nil: undefined }),
  backoff: fc.constantFrom(0, 200, 1500),
  unique: fc.option(fc.record({
    key: fc.constantFrom('k1' as const, 'toString' as const),
    scope: fc.constantFrom<UniqueSpec['scope']>('pending', 'waiting', 'waiting', { window: 1000 }),
    onDuplicate: fc.constantFrom('ignore' as const, 'replace' as const, 'debounce' as const),
  }), { nil: undefined, freq: 3 }),
  orderingKey: fc.option(fc.constantFrom('o1' as const, 'valueOf' as const), { nil: undefined, freq: 3 }),
  respectAbort: fc.boolean(),
}, { requiredKeys: ['queue', 'priority', 'attempts', 'maxStalls', 'backoff', 'respectAbort'] })

const ctx = fc.nat({ max: 7 })

/** Flows take no unique key (`FlowJobOptions` has none). */
const flowStep: fc.Arbitrary<FlowStepSpec> = fc.record({
  job: jobSpec.map(({ unique: _unique, ...job }) => job),
  dependsOn: fc.array(fc.nat({ max: 3 }), { maxLength: 2 }),
  onDependencyFailure: fc.constantFrom('fail' as const, 'continue' as const),
})

const schedulerSpec: fc.Arbitrary<SchedulerSpec> = fc.record({
  id: fc.constantFrom('s1' as const, 's2' as const),
  every: fc.constantFrom(300, 1000, 2500),
  catchUp: fc.constantFrom('none' as const, 'one' as const, 'all' as const),
  limit: fc.integer({ min: 1, max: 4 }),
  job: jobSpec.map(({ unique: _unique, delay: _delay, ...job }) => job),
})

/** Each kind of step with its weight: how often it comes up in a schedule. */
export const stepArbitraries: Array<{ weight: number; arbitrary: fc.Arbitrary<Step> }> = [
  { weight: 8, arbitrary: fc.record({ do: fc.constant('add' as const), ctx, job: jobSpec }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('addBulk' as const), ctx, jobs: fc.array(jobSpec, { minLength: 1, maxLength: 4 }) }) },
  { weight: 3, arbitrary: fc.record({ do: fc.constant('flow' as const), ctx, steps: fc.array(flowStep, { minLength: 2, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('schedule' as const), ctx, scheduler: schedulerSpec }) },
  { weight: 10, arbitrary: fc.record({ do: fc.constant('finish' as const), pick: fc.nat({ max: 15 }), outcome: fc.constantFrom<Outcome>('complete', 'complete', 'throw') }) },
  { weight: 4, arbitrary: fc.record({ do: fc.constant('control' as const), ctx, pick: fc.nat({ max: 31 }), control: fc.constantFrom<Control>('cancel', 'retry', 'remove', 'promote', 'discard') }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('pause' as const), ctx, queue: fc.option(fc.constantFrom(...QUEUES), { nil: undefined }), paused: fc.boolean() }, { requiredKeys: ['do', 'ctx', 'paused'] }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('stop' as const), ctx }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('start' as const), ctx }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('kill' as const), ctx }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('spawn' as const) }) },
  { weight: 5, arbitrary: fc.record({ do: fc.constant('tick' as const), ms: fc.constantFrom(10, 100, 400, 1200, 5000) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('jump' as const), ms: fc.constantFrom(500, 1500, 60_000) }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('fault' as const), ctx, fault: fc.constantFrom<StorageFault>('abort', 'quota'), calls: fc.integer({ min: 1, max: 3 }) }) },
  // A connection closed by `versionchange` (IndexedDB only; nothing on memory storage).
  { weight: 1, arbitrary: fc.record({ do: fc.constant('lose' as const), ctx }) },
]

export const worldConfig: fc.Arbitrary<WorldConfig> = fc.record({
  storage: fc.constantFrom('memory' as const, 'indexeddb' as const),
  locks: fc.boolean(),
  contexts: fc.integer({ min: 1, max: 3 }),
  concurrency: fc.integer({ min: 1, max: 3 }),
  prefetch: fc.integer({ min: 0, max: 2 }),
  seed: fc.integer(),
})

/** A whole schedule: a world and up to `maxSteps` steps. */
// Without bias, a schedule depends on the seed and its index alone, so that `--path` replays exactly the schedule that failed.
export const schedule = (maxSteps: number, storage?: WorldConfig['storage']) => fc.noBias(fc.record({
  config: storage ? worldConfig.map((config) => ({ ...config, storage })) : worldConfig,
  steps: fc.array(fc.oneof(...stepArbitraries), { maxLength: maxSteps, size: 'max' }),
}))

/** A schedule as fast-check generates it. */
export type Schedule = { config: WorldConfig; steps: Step[] }
