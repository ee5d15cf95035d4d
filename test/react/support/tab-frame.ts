// Another tab for the hooks and the devtools: an iframe (its own document, its own connection)
// with a queue of the test jobs on the test's database. Query: `db` (database).
import { createQueue, indexedDBStorage } from 'docket'
import { jobs } from '../../support/jobs'

// Vitest's browser mode routes every dynamic `import()` through a helper that only its test
// page defines: this page's imports go straight.
const scope = window as unknown as { __vitest_browser_runner__?: { wrapDynamicImport(load: () => unknown): unknown } }
scope.__vitest_browser_runner__ ??= { wrapDynamicImport: (load) => load() }

;(window as unknown as { queue: unknown }).queue = createQueue({
  handlers: jobs,
  storage: indexedDBStorage({ name: new URLSearchParams(location.search).get('db')! }),
  autostart: false,
})
