import type { Queue } from '../queue/queue.js'
import type { QueueEventName } from '../queue/queue-events.js'
import { sameValue } from './same-value.js'

/** What `useSyncExternalStore` needs. */
export interface ExternalStore<T> {
  subscribe(onChange: () => void): () => void
  getSnapshot(): T
}

/** What a store does with one event: read storage again, take a value from the event, or nothing. */
export type EventOutcome<T> = { read: true } | { value: T } | undefined

/** How one hook's store reads and which events concern it. */
export interface StoreSpec<T> {
  /** The value before the first read, and on the server. */
  initial: T
  read(): Promise<T>
  events: readonly QueueEventName[]
  /** Given the current value; the default reads again on every listed event. */
  onEvent?(event: QueueEventName, payload: any, current: T): EventOutcome<T>
}

/**
 * An external store over a queue: subscribed, it listens to the queue's events (which come from
 * every context of the database) and reads storage again when one concerns it. Reads coalesce:
 * at most one is in flight, and every event that arrives meanwhile asks for one more read, not
 * one each, so a burst of 1,000 events costs a few reads and a few renders. Listeners are added
 * with the first subscriber and removed with the last, as strict mode's double mount expects.
 */
export function queueStore<J, T>(queue: Queue<J>, spec: StoreSpec<T>): ExternalStore<T> {
  const subscribers = new Set<() => void>()
  let value = spec.initial
  let reading = false
  let readAgain = false
  // Bumped by every value taken from an event: a read that began before it is stale.
  let version = 0

  function set(next: T): void {
    if (sameValue(value, next)) return
    value = next
    for (const notify of [...subscribers]) notify()
  }

  function read(): void {
    if (reading) return void (readAgain = true)
    reading = true
    const started = version
    spec.read().then(
      (next) => {
        if (started === version && subscribers.size > 0) set(next)
      },
      // The queue reports its own faults through its `error` event; the view keeps what it had.
      () => {},
    ).finally(() => {
      reading = false
      if (readAgain && subscribers.size > 0) {
        readAgain = false
        read()
      }
    })
  }

  const handlers = spec.events.map((event) => {
    const handler = (payload: unknown): void => {
      const outcome = spec.onEvent ? spec.onEvent(event, payload, value) : { read: true as const }
      if (!outcome) return
      if ('value' in outcome) {
        version++
        // A read in flight is now stale and is dropped: another one follows it.
        if (reading) readAgain = true
        set(outcome.value)
      } else read()
    }
    return [event, handler] as const
  })

  return {
    subscribe(onChange) {
      subscribers.add(onChange)
      if (subscribers.size === 1) {
        for (const [event, handler] of handlers) queue.on(event as never, handler as never)
        read()
      }
      return () => {
        subscribers.delete(onChange)
        if (subscribers.size === 0) for (const [event, handler] of handlers) queue.off(event as never, handler as never)
      }
    },
    getSnapshot: () => value,
  }
}
