// `docket/outbox` loads in any runtime: no global a runtime may lack (fetch, Request, FormData,
// indexedDB, navigator, …) is read while its modules load for the first time in this file.
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

it('reads none of fetch, Request, FormData, indexedDB, navigator (and kin) while docket/outbox loads', async () => {
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
  const outbox = await import('docket/outbox')
  expect(reads).toEqual([])
  expect(typeof outbox.createOutbox).toBe('function')
})
