// "Nothing touches a global at import time": every global a runtime may lack is replaced by a
// getter that records reads while docket's modules load for the first time in this file.
import { afterAll, expect, it } from 'vitest'

const watched = ['indexedDB', 'IDBKeyRange', 'Worker', 'window', 'self', 'document', 'navigator', 'BroadcastChannel', 'addEventListener', 'location', 'fetch', 'Request', 'Headers', 'FormData', 'Blob']
const saved = new Map<string, PropertyDescriptor | undefined>()
const reads: string[] = []

afterAll(() => {
  for (const [name, descriptor] of saved) {
    delete (globalThis as Record<string, unknown>)[name]
    if (descriptor) Object.defineProperty(globalThis, name, descriptor)
  }
})

it('reads none of indexedDB, Worker, window, navigator, BroadcastChannel (and kin) while its entry points load', async () => {
  for (const name of watched) {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, name)
    saved.set(name, descriptor)
    const value = descriptor && 'value' in descriptor ? descriptor.value : descriptor?.get?.call(globalThis)
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        reads.push(name)
        return value
      },
    })
  }
  const [docket, worker, sw, outbox, sqlite] = await Promise.all([import('docket'), import('docket/worker'), import('../../src/service-worker.js'), import('docket/outbox'), import('docket/sqlite')])
  expect(reads).toEqual([])
  expect(typeof docket.createQueue).toBe('function')
  expect(typeof worker.serveJobs).toBe('function')
  expect(typeof sw.serveQueueInServiceWorker).toBe('function')
  expect(typeof outbox.createOutbox).toBe('function')
  // It imports no runtime's SQLite: the handle is given (this Node has none).
  expect(typeof sqlite.sqliteStorage).toBe('function')
})
