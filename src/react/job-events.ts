import type { QueueEventName } from '../queue/queue-events.js'

/**
 * The queue events after which a job's state or fields may differ in storage. `step` too: it
 * adds to `job.steps`, and a run that ends in `ctx.sleep` makes its job `delayed`.
 */
export const JOB_CHANGES = ['added', 'active', 'completed', 'failed', 'retrying', 'canceled', 'stalled', 'removed', 'step'] as const satisfies readonly QueueEventName[]

/** The id of the job an event is about, whatever the payload's shape. */
export function jobIdOf(payload: { job?: { id: string }; id?: string } | undefined): string | undefined {
  return payload?.job?.id ?? payload?.id
}
