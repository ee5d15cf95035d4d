import type { JobRecord } from '../types.js'

/** The events that cross contexts, each with the record it is about. */
export const CROSS_EVENTS = ['added', 'active', 'progress', 'log', 'completed', 'failed', 'retrying', 'canceled', 'stalled', 'removed', 'duplicate', 'paused', 'resumed', 'updated'] as const

/** One event of another context. */
export interface EventMessage {
  type: 'event'
  event: (typeof CROSS_EVENTS)[number]
  record?: JobRecord
  /** The rest of the payload: progress, result, error, willRetry, runAt, row, queue. */
  extra?: Record<string, unknown>
}

/** What contexts of one database say to each other. */
export type ChannelMessage =
  | { type: 'wake' }
  | { type: 'cancel'; id: string }
  | EventMessage

const events = new Set<string>(CROSS_EVENTS)

function isRecord(value: unknown): value is JobRecord {
  const r = value as Partial<JobRecord> | null
  return !!r && typeof r === 'object' && typeof r.id === 'string' && typeof r.name === 'string' &&
    typeof r.queue === 'string' && typeof r.state === 'string' && Array.isArray(r.errors) && typeof r.runAt === 'number'
}

/** Checks one message from the channel; anything malformed is `undefined` and ignored. */
export function parseMessage(value: unknown): ChannelMessage | undefined {
  const m = value as Partial<ChannelMessage> & { record?: unknown; extra?: unknown; id?: unknown; event?: unknown } | null
  if (!m || typeof m !== 'object') return undefined
  if (m.type === 'wake') return { type: 'wake' }
  if (m.type === 'cancel') return typeof m.id === 'string' ? { type: 'cancel', id: m.id } : undefined
  if (m.type !== 'event' || typeof m.event !== 'string' || !events.has(m.event)) return undefined
  if (m.record !== undefined && !isRecord(m.record)) return undefined
  if (m.extra !== undefined && (typeof m.extra !== 'object' || m.extra === null)) return undefined
  // Every other event is about a job and is emitted with it: without its record it cannot be.
  const extra = m.extra as Record<string, unknown> | undefined
  if (m.event === 'removed') return m.record || typeof extra?.id === 'string' ? m as EventMessage : undefined
  if (m.event === 'paused' || m.event === 'resumed') return extra?.queue === undefined || typeof extra.queue === 'string' ? m as EventMessage : undefined
  return m.record ? m as EventMessage : undefined
}

/** A channel between the contexts of one database. */
export interface Channel {
  post(message: ChannelMessage): void
  close(): void
}

/**
 * A BroadcastChannel per database: wake-ups and job events between tabs, workers and service
 * workers of an origin. Messages of one task are sent together, as one array, so a burst of
 * jobs costs one structured clone rather than one per event. Absent where the runtime has no
 * BroadcastChannel or the storage is not shared.
 */
export function createChannel(name: string | undefined, onMessage: (message: ChannelMessage) => void): Channel | undefined {
  const BC = (globalThis as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel
  if (name === undefined || typeof BC !== 'function') return undefined
  const channel = new BC(`docket:${name}`)
  let batch: ChannelMessage[] | undefined
  channel.onmessage = (event: MessageEvent) => {
    if (!Array.isArray(event.data)) return
    for (const raw of event.data as unknown[]) {
      const message = parseMessage(raw)
      if (message) onMessage(message)
    }
  }
  return {
    post(message) {
      if (batch) return void batch.push(message)
      batch = [message]
      queueMicrotask(() => {
        const messages = batch
        batch = undefined
        try {
          channel.postMessage(messages)
        } catch {
          // A payload that cannot be cloned (a result with a function) must not break the queue.
        }
      })
    },
    close() {
      channel.close()
    },
  }
}
