// A second context for the liveness tests: an iframe (its own document, so its own Web Locks
// holder) that runs a queue on the test's database. The test closes or reloads it mid-job.
// Query: `db` (database), `lease` (leaseDuration ms), `locks=off` (a runtime without Web Locks).
// (No dynamic import here: Vitest rewrites them to a helper that only its test page has.)
import { createQueue, indexedDBStorage } from 'docket'
import { holdHandlers } from './held-jobs'

const params = new URLSearchParams(location.search)
// docket reads `navigator.locks` when a queue is made, not at import: this is a runtime without them.
if (params.get('locks') === 'off') Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true })

createQueue({
  handlers: holdHandlers(params.get('page') ?? 'frame'),
  storage: indexedDBStorage({ name: params.get('db')! }),
  leaseDuration: Number(params.get('lease')),
})
