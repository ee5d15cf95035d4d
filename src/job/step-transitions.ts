/**
 * The state changes of durable steps (`ctx.step`, `ctx.sleep`), pure like every transition:
 * the clock is passed in and the storage runs them inside its transaction, fenced by the run's
 * token.
 * @module
 */
import { pendingState } from './job-states.js'
import type { JobRecord, StepRecord } from './record.js'
import { defer } from './transitions.js'

/**
 * A step of the running job completed: its result joins `steps`. A step of the same name
 * stored before is replaced (a run replays stored steps instead of calling them, so only a
 * step that had started but not stored can come again).
 */
export function addStep(record: JobRecord, step: StepRecord): JobRecord {
  const steps = (record.steps ?? []).filter((stored) => stored.name !== step.name)
  return { ...record, steps: [...steps, step] }
}

/**
 * The run ended in `ctx.sleep(name, …)`: the sleep is stored as a step whose result is
 * `{ wakeAt: until }`, and the job is `delayed` until then. The attempt is not spent, as a
 * deferred one is not: sleeping is no failure, and the next run replays the steps before it.
 */
export function sleep(record: JobRecord, now: number, name: string, until: number): JobRecord {
  const slept = addStep(record, { name, at: now, result: { wakeAt: until } })
  return { ...defer(slept, now), runAt: until, state: pendingState(until, now) }
}
