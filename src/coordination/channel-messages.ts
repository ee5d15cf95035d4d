import { JOB_STATES, type JobState } from '../job/job-states.js'
import type { JobRecord } from '../job/record.js'
import { RECORD_EVENTS } from '../job/record-events.js'

/** The events that cross contexts: every event about a job, and the three without one. */
export const CROSS_EVENTS = [...RECORD_EVENTS, 'removed', 'paused', 'resumed'] as const

/** One event of another context. */
export interface EventMessage {
  type: 'event'
  event: (typeof CROSS_EVENTS)[number]
  record?: JobRecord
  /** The rest of the payload: progress, result, error, willRetry, runAt, row, queue, id. */
  extra?: Record<string, unknown>
}

/** What contexts of one database say to each other. */
export type ChannelMessage =
  | { type: 'wake' }
  | { type: 'cancel'; id: string }
  /** A schedule was upserted or removed: tick, and follow its new next slot. */
  | { type: 'schedules' }
  | EventMessage

const events = new Set<string>(CROSS_EVENTS)
const states = new Set<string>(JOB_STATES)

function isRecord(value: unknown): value is JobRecord {
  const record = value as Partial<JobRecord> | null
  return !!record && typeof record === 'object' && typeof record.id === 'string' && typeof record.name === 'string' &&
    typeof record.queue === 'string' && states.has(record.state as JobState) && Array.isArray(record.errors) && typeof record.runAt === 'number'
}

/** Checks one message from the channel; anything malformed is `undefined` and ignored. */
export function parseMessage(value: unknown): ChannelMessage | undefined {
  const message = value as { type?: unknown; event?: unknown; record?: unknown; extra?: unknown; id?: unknown } | null
  if (!message || typeof message !== 'object') return undefined
  if (message.type === 'wake') return { type: 'wake' }
  if (message.type === 'schedules') return { type: 'schedules' }
  if (message.type === 'cancel') return typeof message.id === 'string' ? { type: 'cancel', id: message.id } : undefined
  if (message.type !== 'event' || typeof message.event !== 'string' || !events.has(message.event)) return undefined
  if (message.record !== undefined && !isRecord(message.record)) return undefined
  if (message.extra !== undefined && (typeof message.extra !== 'object' || message.extra === null)) return undefined
  const parsed = message as EventMessage
  const extra = parsed.extra
  if (parsed.event === 'removed') return parsed.record || typeof extra?.id === 'string' ? parsed : undefined
  if (parsed.event === 'paused' || parsed.event === 'resumed') return extra?.queue === undefined || typeof extra.queue === 'string' ? parsed : undefined
  // Every other event is about a job and is emitted with it: without its record it cannot be.
  return parsed.record ? parsed : undefined
}
