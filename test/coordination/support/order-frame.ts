// A tab for the order-and-pace tests: an iframe (its own document, connection and scheduler)
// that runs a queue on the test's database, with the named queue `api` limited to 5 starts
// per 500 ms. Each claim that takes jobs is told to the test on the channel `claims`, with the
// claim's own time: the time the rate limit counts. Query: `db`, `claims`.
import { createQueue, indexedDBStorage, type Storage } from 'docket'
import { orderHandlers } from './order-handlers'

const params = new URLSearchParams(location.search)
const claims = new BroadcastChannel(params.get('claims')!)
const storage = indexedDBStorage({ name: params.get('db')! })
// The real storage, watched: every claim still runs as it would.
const watched: Storage = {
  ...storage,
  async claim(request, updates, logs) {
    const result = await storage.claim(request, updates, logs)
    if (result.claimed.length) claims.postMessage({ now: request.now, queues: result.claimed.map((job) => job.queue) })
    return result
  },
}

createQueue({ handlers: orderHandlers, storage: watched, concurrency: 3, queues: { api: { rateLimit: { max: 5, duration: 500 } } } })
