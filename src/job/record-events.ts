import type { ErrorData, JobRecord, LogEntry } from './record.js'
import type { DuplicateAction } from '../storage/insert-plan.js'

/**
 * The events about one job, each with the raw record: the vocabulary shared by the scheduler,
 * the controls and the channel between contexts. The queue turns each into its public event
 * by replacing `record` with a `Job` snapshot.
 */
export interface RecordEvents {
  added: { record: JobRecord }
  active: { record: JobRecord }
  progress: { record: JobRecord; progress: unknown }
  /** `row`: the value logged; `at`: when it was. */
  log: { record: JobRecord } & LogEntry
  completed: { record: JobRecord; result: unknown }
  failed: { record: JobRecord; error: ErrorData; willRetry: boolean }
  retrying: { record: JobRecord; error: ErrorData; runAt: number }
  canceled: { record: JobRecord }
  stalled: { record: JobRecord }
  /** `action`: what the add did to the existing job (`kept`, `replaced` its data, `moved` its data and runAt). */
  duplicate: { record: JobRecord; action: DuplicateAction }
  /** A durable step of the job was stored (`ctx.step`, or the sleep a run ended in): `name` is its name. */
  step: { record: JobRecord; name: string }
  /** A change without a public event of its own (rerun, promote, new data): handles refresh. */
  updated: { record: JobRecord }
}

/** The name of an event about one job. */
export type RecordEventName = keyof RecordEvents

/** Every event about one job, written once (the channel accepts exactly these). */
export const RECORD_EVENTS = [
  'added', 'active', 'progress', 'log', 'completed', 'failed', 'retrying', 'canceled', 'stalled', 'duplicate', 'step', 'updated',
] as const satisfies readonly RecordEventName[]
