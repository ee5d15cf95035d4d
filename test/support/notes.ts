// What a handler tells the test, and what the test tells a handler, over a BroadcastChannel
// named in the job's data. A channel carries messages from a module Worker to the page in
// Chromium, between worker_threads and the test's thread in Node, and within one thread.
import type { JobContext } from 'docket/worker'

/** What a handler reports: which job, which attempt, and what happened. */
export interface Note {
  tag: string
  id: string
  attempt: number
  event: 'started' | 'ran' | 'finished'
}

/** A message from the test that lets the held handler of `release` return. */
export interface Release {
  release: string
}

/** The part of a job's data that names its channel and the job to the test. */
export interface Tagged {
  channel: string
  tag: string
}

const channels = new Map<string, BroadcastChannel>()

/** One channel per name and thread; unref'd in Node so it never holds a thread open. */
function channel(name: string): BroadcastChannel {
  let found = channels.get(name)
  if (!found) {
    found = new BroadcastChannel(name)
    ;(found as { unref?: () => void }).unref?.()
    channels.set(name, found)
  }
  return found
}

/** Tells the test that `event` happened to this attempt of the job. */
export function postNote(data: Tagged, ctx: JobContext, event: Note['event']): void {
  const message: Note = { tag: data.tag, id: ctx.id, attempt: ctx.attempt, event }
  channel(data.channel).postMessage(message)
}

/** Resolves never; rejects with the signal's reason once it aborts. */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) return reject(signal.reason)
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
}

/** Resolves when the test posts `{ release: tag }`; rejects as soon as `signal` aborts, if given. */
export function whenReleased(data: Tagged, signal?: AbortSignal): Promise<void> {
  const ch = channel(data.channel)
  let onMessage!: (event: MessageEvent) => void
  const release = new Promise<void>((resolve) => {
    onMessage = (event) => {
      if ((event.data as Partial<Release>)?.release === data.tag) resolve()
    }
    ch.addEventListener('message', onMessage)
  })
  const held = signal ? Promise.race([release, untilAborted(signal)]) : release
  return held.finally(() => ch.removeEventListener('message', onMessage))
}
