// A second tab for the flow tests: an iframe (its own document and connection) running a queue
// on the test's database, one job at a time and none held ahead, so that a job it runs leaves
// the next one to the other tab. Query: `db` (database).
// (No dynamic import here: Vitest rewrites them to a helper that only its test page has.)
import { createQueue, indexedDBStorage } from 'docket'
import { holdHandlers } from '../../coordination/support/held-jobs'

const params = new URLSearchParams(location.search)
createQueue({ handlers: holdHandlers('frame'), storage: indexedDBStorage({ name: params.get('db')! }), concurrency: 1, prefetch: 0 })
