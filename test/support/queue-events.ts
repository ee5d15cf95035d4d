// A test queue's events as promises and lists, for tests that wait on what the queue tells.
import type { Queue, QueueEvents } from 'docket'
import type { Jobs } from './jobs'

type Events = QueueEvents<Jobs>

/** The next `event` of `queue` whose payload passes `test`. */
export function nextEvent<K extends keyof Events>(queue: Queue<Jobs>, event: K, test: (payload: Events[K]) => boolean = () => true): Promise<Events[K]> {
  return new Promise((resolve) => {
    const listener = (payload: Events[K]): void => {
      if (!test(payload)) return
      queue.off(event, listener)
      resolve(payload)
    }
    queue.on(event, listener)
  })
}

/** Every payload of `event` from now on, in order. */
export function collect<K extends keyof Events>(queue: Queue<Jobs>, event: K): Array<Events[K]> {
  const seen: Array<Events[K]> = []
  queue.on(event, (payload) => seen.push(payload))
  return seen
}
