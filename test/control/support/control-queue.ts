// Queues and notes for the control tests. In Chromium a queue runs the handlers in real module
// Workers (test/support/control.worker.ts); in Node it runs the same handlers inline.
import { afterEach, beforeEach } from 'vitest'
import { createQueue, indexedDBStorage, type CreateQueueOptions, type Queue, type QueueEvents } from 'docket'
import { idbFactory, isBrowser, uniqueName, type IdbEnv } from '../../support/env'
import { controlJobs, type ControlJobs, type Note, type Release } from './control-jobs'

/** One database: a name and the IndexedDB it lives in (real in Chromium, a fresh fake in Node). */
export interface Db {
  name: string
  env: IdbEnv
}

export async function newDb(): Promise<Db> {
  return { name: uniqueName('control'), env: await idbFactory() }
}

export type ControlQueue = Queue<ControlJobs>

type Options = Omit<CreateQueueOptions<ControlJobs>, 'worker' | 'handlers' | 'storage'>

const open = new Set<ControlQueue>()

/**
 * A queue on `db`. `spawned` counts the workers its pool started (always 0 inline), so that a
 * test can see a terminated worker replaced.
 */
export function openQueue(db: Db, options: Options = {}, runner: 'worker' | 'inline' = isBrowser ? 'worker' : 'inline'): { queue: ControlQueue; spawned: { count: number } } {
  const spawned = { count: 0 }
  const queue = createQueue<ControlJobs>({
    ...(runner === 'worker'
      ? {
          worker: () => {
            spawned.count += 1
            return new Worker(new URL('../../support/control.worker.ts', import.meta.url), { type: 'module' })
          },
        }
      : { handlers: controlJobs }),
    storage: indexedDBStorage({ name: db.name, indexedDB: db.env.indexedDB, IDBKeyRange: db.env.IDBKeyRange }),
    ...options,
  })
  open.add(queue)
  return { queue, spawned }
}

/** Closes every queue the test opened (terminating their workers). */
export async function closeQueues(): Promise<void> {
  const queues = [...open]
  open.clear()
  await Promise.all(queues.map((q) => q.close()))
}

/** The next `event` of `queue` whose payload passes `test`. */
export function nextEvent<K extends keyof QueueEvents<ControlJobs>>(
  queue: ControlQueue,
  event: K,
  test: (payload: QueueEvents<ControlJobs>[K]) => boolean = () => true,
): Promise<QueueEvents<ControlJobs>[K]> {
  return new Promise((resolve) => {
    const fn = (payload: QueueEvents<ControlJobs>[K]): void => {
      if (!test(payload)) return
      queue.off(event, fn)
      resolve(payload)
    }
    queue.on(event, fn)
  })
}

/** Every payload of `event`, in order. */
export function collect<K extends keyof QueueEvents<ControlJobs>>(queue: ControlQueue, event: K): Array<QueueEvents<ControlJobs>[K]> {
  const seen: Array<QueueEvents<ControlJobs>[K]> = []
  queue.on(event, (payload) => seen.push(payload))
  return seen
}

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
  /** Lets the `gate` handler of `tag` return. */
  release(tag: string): void
  close(): void
}

export function listen(): Notes {
  const name = uniqueName('notes')
  const channel = new BroadcastChannel(name)
  ;(channel as { unref?: () => void }).unref?.()
  const all: Note[] = []
  const waiting = new Set<{ tag: string; event: Note['event']; nth: number; resolve(note: Note): void }>()
  const matching = (tag: string, event: Note['event']): Note[] => all.filter((n) => n.tag === tag && n.event === event)
  channel.onmessage = (message: MessageEvent) => {
    all.push(message.data as Note)
    for (const w of waiting) {
      const found = matching(w.tag, w.event)[w.nth - 1]
      if (!found) continue
      waiting.delete(w)
      w.resolve(found)
    }
  }
  return {
    channel: name,
    all,
    tags: (event) => all.filter((n) => n.event === event).map((n) => n.tag),
    next(tag, event, nth = 1) {
      const found = matching(tag, event)[nth - 1]
      if (found) return Promise.resolve(found)
      return new Promise((resolve) => waiting.add({ tag, event, nth, resolve }))
    },
    release(tag) {
      const message: Release = { release: tag }
      channel.postMessage(message)
    },
    close() {
      channel.close()
    },
  }
}

/**
 * The per-test set-up every control test shares: a fresh database and a listener for the
 * handlers' notes before each test; every queue closed and the listener closed after it.
 */
export function controlFixture(): { db: Db; notes: Notes } {
  const fixture = {} as { db: Db; notes: Notes }
  beforeEach(async () => {
    fixture.db = await newDb()
    fixture.notes = listen()
  })
  afterEach(async () => {
    await closeQueues()
    fixture.notes.close()
  })
  return fixture
}
