import { parseMessage, type ChannelMessage } from './channel-messages.js'
import { nextTask, SLICE } from './next-task.js'
import { unref } from './unref.js'

/** A channel between the contexts of one database. */
export interface Channel {
  post(message: ChannelMessage): void
  close(): void
}

/**
 * A BroadcastChannel per database: wake-ups and job events between tabs, workers and service
 * workers of an origin. Messages of one task are sent together, as one array, so a burst of
 * jobs costs one structured clone rather than one per event; at most `SLICE` messages a task.
 * Absent where the runtime has no BroadcastChannel or the storage is not shared.
 */
export function createChannel(name: string | undefined, onMessage: (message: ChannelMessage) => void): Channel | undefined {
  const BC = (globalThis as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel
  if (name === undefined || typeof BC !== 'function') return undefined
  const channel = new BC(`docket:${name}`)
  // Wake-ups from other contexts only keep the queue responsive: they must not hold a Node process open.
  unref(channel)
  // Messages not sent yet, in order; `flushing` while a flush is set or under way.
  const outbox: ChannelMessage[] = []
  let flushing = false
  /** Sends what waits, a slice per task: a burst of 10,000 events in one message would hold the page while it is cloned. */
  async function flush(): Promise<void> {
    while (outbox.length) {
      const messages = outbox.splice(0, SLICE)
      try {
        channel.postMessage(messages)
      } catch {
        // A payload that cannot be cloned (a result with a function) must not break the queue.
      }
      if (outbox.length) await nextTask()
    }
    flushing = false
  }
  channel.onmessage = (event: MessageEvent) => {
    if (!Array.isArray(event.data)) return
    for (const raw of event.data as unknown[]) {
      const message = parseMessage(raw)
      if (message) onMessage(message)
    }
  }
  return {
    post(message) {
      outbox.push(message)
      if (flushing) return
      flushing = true
      queueMicrotask(() => void flush())
    },
    close() {
      channel.close()
    },
  }
}
