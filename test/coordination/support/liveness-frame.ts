// A second context for the liveness tests: an iframe (its own document, so its own Web Locks
// holder) that runs a queue on the test's database. The test closes or reloads it mid-job.
// Query: `db` (database), `lease` (leaseDuration ms), `locks=off` (a runtime without Web Locks).
import { holdHandlers } from './held-jobs'

const params = new URLSearchParams(location.search)
if (params.get('locks') === 'off') Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true })
// Imported after Web Locks are gone, as in a runtime that never had them.
const { createQueue, indexedDBStorage } = await import('docket')

createQueue({
  handlers: holdHandlers(params.get('page') ?? 'frame'),
  storage: indexedDBStorage({ name: params.get('db')! }),
  leaseDuration: Number(params.get('lease')),
})
