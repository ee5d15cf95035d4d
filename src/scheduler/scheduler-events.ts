import type { RecordEvents } from '../job/record-events.js'
import type { JobRecord } from '../job/record.js'

/** The events the scheduler emits: those of the jobs it runs, with raw records, and its own. */
export type SchedulerEvents = Pick<RecordEvents, 'active' | 'progress' | 'log' | 'completed' | 'failed' | 'retrying' | 'canceled' | 'stalled' | 'step' | 'updated'> & {
  /** Settles released dependents (flows): other contexts may run them too. */
  released: undefined
  /** A due job this running scheduler could claim stayed unclaimed for over a third of a lease. */
  stuck: { record: JobRecord; dueFor: number }
  /** Nothing is due or running in this scheduler. */
  idle: undefined
  /** A fault of the scheduler itself (storage lost). */
  error: { error: Error }
}

/** How the scheduler reports an event; typed by the event's name. */
export type SchedulerEmit = <K extends keyof SchedulerEvents>(event: K, payload: SchedulerEvents[K]) => void
