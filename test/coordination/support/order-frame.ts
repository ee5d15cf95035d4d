// A tab for the order-and-pace tests: an iframe (its own document, connection and scheduler)
// that runs a queue on the test's database, with the named queue `api` limited to 5 starts
// per 500 ms. Each start of the rate-limited `call` handler is told to the test on the channel
// `claims`, with the time the handler started: what the rate limit promises (and what a server
// counting arrivals would see). Query: `db`, `claims`.
import { createQueue, indexedDBStorage } from 'docket'
import { orderHandlers } from './order-handlers'

const params = new URLSearchParams(location.search)
const claims = new BroadcastChannel(params.get('claims')!)

const handlers = {
  ...orderHandlers,
  call(data: { n: number }): number {
    claims.postMessage({ now: Date.now(), queues: ['api'] })
    return orderHandlers.call(data)
  },
}

createQueue({ handlers, storage: indexedDBStorage({ name: params.get('db')! }), concurrency: 3, queues: { api: { rateLimit: { max: 5, duration: 500 } } } })
