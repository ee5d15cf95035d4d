import type { Job } from '../job/job.js'
import type { DataOf, JobName, ResultOf } from '../runners/handlers.js'
import type { ErrorData } from '../job/record.js'
import type { DuplicateAction } from '../storage/insert-plan.js'

/** A job of the map `J`: a union over its names, so that `job.name` narrows data and result. */
export type AnyJob<J> = [JobName<J>] extends [never]
  ? Job
  : { [N in JobName<J>]: Job<DataOf<J[N]>, ResultOf<J[N]>, N> }[JobName<J>]

/**
 * The payload of `completed`: a union over the job names, so that checking `name` (the job's
 * name, beside it: TypeScript narrows a union by a field of its own, not by `job.name`) types
 * `result` and `job`.
 */
export type Completed<J> = [JobName<J>] extends [never]
  ? { name: string; job: Job; result: unknown }
  : { [N in JobName<J>]: { name: N; job: Job<DataOf<J[N]>, ResultOf<J[N]>, N>; result: ResultOf<J[N]> } }[JobName<J>]

/** The events of `queue.on`, with their payloads. Events of jobs run in other contexts arrive too. */
export type QueueEvents<J = Record<string, never>> = {
  added: { job: AnyJob<J> }
  active: { job: AnyJob<J> }
  progress: { job: AnyJob<J>; progress: unknown }
  /** `row`: the value logged, as `job.getLogs()` reads it back; `at`: when it was logged. */
  log: { job: AnyJob<J>; row: unknown; at: number }
  /** `result`: the handler's result, typed once `name` (the job's name) narrows the event. */
  completed: Completed<J>
  /** `willRetry`: another attempt is scheduled. */
  failed: { job: AnyJob<J>; error: ErrorData; willRetry: boolean }
  retrying: { job: AnyJob<J>; error: ErrorData; runAt: number }
  canceled: { job: AnyJob<J> }
  /** Its lease expired (its context closed or hung); it waits again or failed. */
  stalled: { job: AnyJob<J> }
  removed: { id: string }
  /** A durable step of the job was stored (`ctx.step`, or `ctx.sleep` ending a run): `job.steps` holds it. */
  step: { job: AnyJob<J>; name: string }
  /**
   * An `add` found an existing job with the same id or unique key: this one. `action`: it was
   * `kept` as it was, `replaced` (new data and priority) or `moved` (new data, priority and
   * runAt), per `unique.onDuplicate`.
   */
  duplicate: { job: AnyJob<J>; action: DuplicateAction }
  /** A job of an ordering key failed for good: the key's later jobs wait until it is retried or removed. */
  keyBlocked: { key: string; job: AnyJob<J> }
  /** The job that blocked `key` was retried or removed (`id`): the key goes on. */
  keyUnblocked: { key: string; id: string }
  paused: { queue?: string }
  resumed: { queue?: string }
  /**
   * No silent stall: a due job that this running scheduler could claim (its queue not paused,
   * nor limited or paced, the network there if it needs it, a slot free) was not claimed within
   * a third of `leaseDuration`; `dueFor`: ms since it became due. Once per job while it stays
   * so. Looked for on the lease ticks; see `queue.health()`.
   */
  stuck: { job: AnyJob<J>; dueFor: number }
  /** Nothing is due or running in this scheduler. */
  idle: undefined
  /** A fault of the queue itself (storage lost, a worker that would not start). */
  error: { error: Error }
}

/** The name of a queue event. */
export type QueueEventName = keyof QueueEvents
