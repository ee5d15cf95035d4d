// The schedule of one simulated run, as data: the configuration of the world and the steps
// done to it. fast-check generates and shrinks these; a step names contexts and jobs by index
// (taken modulo what exists when it runs), so every shrunk schedule still runs.
//
// To simulate a new feature (schedules, flows; ordering keys are in): add its options to `JobSpec` and
// `jobSpec`, or a step to `Step` and `stepArbitraries`, and its runner in `steps.ts`.
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
  mutation?: 'no-fence'
}

/**
 * The named queues of the simulation; the second, `LIMITED`, holds one active job across every
 * context. Names, keys and ordering keys are half hostile (`Object.prototype` members, issue 31):
 * as many choices as before, so a seed draws the same schedules.
 */
export const QUEUES = ['default', '__proto__'] as const

/** The queue limited to one active job. */
export const LIMITED = QUEUES[1]

/** One job to add. */
export interface JobSpec {
  queue: (typeof QUEUES)[number]
  delay?: number
  priority: number
  attempts: number
  maxStalls: number
  timeout?: number
  backoff: number
  unique?: { key: string; scope: 'pending' | 'waiting' }
  /** Jobs of one ordering key run one at a time, in insertion order, across every context. */
  orderingKey?: 'o1' | 'toString'
  /** Whether the handler stops when its signal fires, or runs on until the schedule ends it. */
  respectAbort: boolean
}

/** What a job's handler does when the schedule picks it. */
export type Outcome = 'complete' | 'throw'

/** A control a user calls on a job. */
export type Control = 'cancel' | 'retry' | 'remove' | 'promote' | 'discard'

/** One step of a schedule. `ctx` and `pick` are taken modulo what exists when the step runs. */
export type Step =
  | { do: 'add'; ctx: number; job: JobSpec }
  | { do: 'addBulk'; ctx: number; jobs: JobSpec[] }
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
  unique: fc.option(fc.record({ key: fc.constantFrom('k1', 'constructor'), scope: fc.constantFrom('pending' as const, 'waiting' as const) }), { nil: undefined, freq: 3 }),
  orderingKey: fc.option(fc.constantFrom('o1' as const, 'toString' as const), { nil: undefined, freq: 3 }),
  respectAbort: fc.boolean(),
}, { requiredKeys: ['queue', 'priority', 'attempts', 'maxStalls', 'backoff', 'respectAbort'] })

const ctx = fc.nat({ max: 7 })

/** Each kind of step with its weight: how often it comes up in a schedule. */
export const stepArbitraries: Array<{ weight: number; arbitrary: fc.Arbitrary<Step> }> = [
  { weight: 8, arbitrary: fc.record({ do: fc.constant('add' as const), ctx, job: jobSpec }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('addBulk' as const), ctx, jobs: fc.array(jobSpec, { minLength: 1, maxLength: 4 }) }) },
  { weight: 10, arbitrary: fc.record({ do: fc.constant('finish' as const), pick: fc.nat({ max: 15 }), outcome: fc.constantFrom<Outcome>('complete', 'complete', 'throw') }) },
  { weight: 3, arbitrary: fc.record({ do: fc.constant('control' as const), ctx, pick: fc.nat({ max: 31 }), control: fc.constantFrom<Control>('cancel', 'retry', 'remove', 'promote', 'discard') }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('pause' as const), ctx, queue: fc.option(fc.constantFrom(...QUEUES), { nil: undefined }), paused: fc.boolean() }, { requiredKeys: ['do', 'ctx', 'paused'] }) },
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
