// docket where there is no IndexedDB, no Worker, no window, no navigator and no
// BroadcastChannel, as in an edge runtime. Run: `node main.mjs` in an app with docket and
// fake-indexeddb installed.
// Node has a BroadcastChannel: drop it first, so that Node looks like such a runtime.
for (const name of ['indexedDB', 'Worker', 'window', 'navigator', 'BroadcastChannel']) delete globalThis[name]

const { createQueue, memoryStorage, indexedDBStorage, StorageError } = await import('docket')

const handlers = {
  async greet({ name }, ctx) {
    if (ctx.attempt === 1) throw new Error('flaky upstream') // retried after its backoff
    return `hello ${name} (attempt ${ctx.attempt})`
  },
}
const defaults = { backoff: { type: 'fixed', delay: 50 } }

// 1. No storage given and no IndexedDB here: docket says what to pass instead.
try {
  createQueue({ handlers })
} catch (error) {
  console.log(error instanceof StorageError, error.message)
}

// 2. In memory: one context, gone with the process.
const memory = createQueue({ handlers, defaults, storage: memoryStorage() })
const job = await memory.add('greet', { name: 'edge' }, { unique: true })
const same = await memory.add('greet', { name: 'edge' }, { unique: true })
console.log(same.id === job.id, await job.waitForResult())
await memory.close()

// 3. On an IndexedDB shim (fake-indexeddb here): the same database outlives a queue instance.
// Pass the shim's own exports, not 'fake-indexeddb/auto', which would install globals.
const { IDBFactory, IDBKeyRange } = await import('fake-indexeddb')
const shim = { indexedDB: new IDBFactory(), IDBKeyRange }
const first = createQueue({ handlers, defaults, storage: indexedDBStorage({ name: 'edge', ...shim }), autostart: false })
const { id } = await first.add('greet', { name: 'shim' })
await first.close()
const second = createQueue({ handlers, defaults, storage: indexedDBStorage({ name: 'edge', ...shim }) })
console.log(await (await second.get(id)).waitForResult())
await second.close()
