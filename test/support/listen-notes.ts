// The test's side of the handlers' channel (`notes.ts`): it hears their notes and releases
// their held handlers.
import { uniqueName } from './env'
import type { Note, Release } from './notes'

/** What the handlers report, heard on a channel of the test's own. */
export interface Notes {
  /** The channel name to put in a job's data. */
  channel: string
  /** Every note so far, in arrival order. */
  all: Note[]
  /** Tags of the notes of one event, in arrival order. */
  tags(event: Note['event']): string[]
  /** The `nth` (1-based) note of `tag` and `event`, now or when it arrives. */
  next(tag: string, event: Note['event'], nth?: number): Promise<Note>
  /** The `nth` (1-based) note of `event`, whatever its tag, now or when it arrives. */
  nth(event: Note['event'], nth: number): Promise<Note>
  /** Lets the held handler of `tag` return. */
  release(tag: string): void
  close(): void
}

interface Waiter {
  matches(note: Note): boolean
  nth: number
  resolve(note: Note): void
}

/** Listens on a new channel until `close()`. */
export function listenNotes(): Notes {
  const name = uniqueName('notes')
  const channel = new BroadcastChannel(name)
  ;(channel as { unref?: () => void }).unref?.()
  const all: Note[] = []
  const waiters = new Set<Waiter>()
  const found = (waiter: Omit<Waiter, 'resolve'>): Note | undefined => all.filter(waiter.matches)[waiter.nth - 1]
  const wait = (waiter: Omit<Waiter, 'resolve'>): Promise<Note> => {
    const note = found(waiter)
    if (note) return Promise.resolve(note)
    return new Promise((resolve) => waiters.add({ ...waiter, resolve }))
  }
  channel.onmessage = (message: MessageEvent) => {
    all.push(message.data as Note)
    for (const waiter of waiters) {
      const note = found(waiter)
      if (!note) continue
      waiters.delete(waiter)
      waiter.resolve(note)
    }
  }
  return {
    channel: name,
    all,
    tags: (event) => all.filter((note) => note.event === event).map((note) => note.tag),
    next: (tag, event, nth = 1) => wait({ matches: (note) => note.tag === tag && note.event === event, nth }),
    nth: (event, nth) => wait({ matches: (note) => note.event === event, nth }),
    release(tag) {
      const message: Release = { release: tag }
      channel.postMessage(message)
    },
    close() {
      channel.close()
    },
  }
}
