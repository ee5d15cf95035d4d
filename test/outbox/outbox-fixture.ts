// The fixture of the outbox tests: per test a fresh database (real IndexedDB in the browsers,
// fake-indexeddb in Node) and outboxes on it, closed after the test; scenarios on the real
// fault server (test/support/fault-server.ts) that the global setup started.
import { createOutbox, type CreateOutboxOptions, type Outbox } from 'docket/outbox'
import { afterEach, beforeEach, inject } from 'vitest'
import type { Arrival } from '../support/fault-server'
import { idbFactory, uniqueName, type IdbEnv } from '../support/env'
import { indexedDBStorage } from 'docket'

/** One scenario of the fault server: its URL (with its script) and what reached it. */
export interface Scenario {
  url: string
  arrivals(): Promise<Arrival[]>
}

/** A scenario whose n-th request gets the n-th entry of `script` (then 200). */
export function scenario(script: string[] = [], path = ''): Scenario {
  const origin = inject('faultServer')
  const id = uniqueName('s')
  return {
    url: `${origin}/s/${id}${path}${script.length ? `?script=${script.join(',')}` : ''}`,
    arrivals: async () => (await (await fetch(`${origin}/log/${id}`)).json()) as Arrival[],
  }
}

/** Options the tests use unless they say otherwise: retries without waiting. */
export const fastRetries = { defaults: { backoff: { type: 'fixed', delay: 0 } } } satisfies CreateOutboxOptions

export interface OutboxFixture {
  /** The test's database: its name and its IndexedDB (for reading what is stored, raw). */
  readonly db: { name: string; env: IdbEnv }
  /** An outbox on the test's database, closed after the test. */
  open(options?: Omit<CreateOutboxOptions, 'storage'>): Outbox
}

export function outboxFixture(): OutboxFixture {
  let db: { name: string; env: IdbEnv } | undefined
  const opened: Outbox[] = []
  beforeEach(async () => {
    db = { name: uniqueName('outbox'), env: await idbFactory() }
  })
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((outbox) => outbox.close()))
  })
  return {
    get db() {
      return db!
    },
    open(options = {}) {
      const outbox = createOutbox({ ...fastRetries, ...options, storage: indexedDBStorage({ name: db!.name, ...db!.env }) })
      opened.push(outbox)
      return outbox
    },
  }
}

/** Every value stored in the database, raw, from every object store. */
export async function everythingStored(db: { name: string; env: IdbEnv }): Promise<unknown[]> {
  const connection = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = db.env.indexedDB.open(db.name)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
  try {
    const names = [...connection.objectStoreNames]
    const tx = connection.transaction(names, 'readonly')
    const all = await Promise.all(names.map((name) => new Promise<unknown[]>((resolve, reject) => {
      const request = tx.objectStore(name).getAll()
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })))
    return all.flat()
  } finally {
    connection.close()
  }
}

/** Every string in a stored value, bytes decoded as UTF-8 too. */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (value instanceof ArrayBuffer) out.push(new TextDecoder().decode(value))
  else if (ArrayBuffer.isView(value)) out.push(new TextDecoder().decode(value))
  else if (Array.isArray(value)) value.forEach((item) => stringsIn(item, out))
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) { out.push(key); stringsIn(item, out) }
  return out
}

/** Bytes as base64, as the fault server logs bodies. */
export function base64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  let text = ''
  for (const byte of view) text += String.fromCharCode(byte)
  return btoa(text)
}
