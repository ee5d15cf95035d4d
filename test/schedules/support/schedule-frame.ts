// A tab for the schedules test: an iframe (its own document, its own connection) with a queue
// on the test's database, reading the test page's clock. Query: `db` (database).
import { createQueue, indexedDBStorage } from 'docket'

// Vitest's browser mode routes every dynamic `import()` (docket loads its schedules part that
// way) through a helper that only its test page defines: this page's imports go straight.
const scope = window as unknown as { __vitest_browser_runner__?: { wrapDynamicImport(load: () => unknown): unknown } }
scope.__vitest_browser_runner__ ??= { wrapDynamicImport: (load) => load() }

const clock = (window.parent as unknown as { scheduleClock(): number }).scheduleClock
// The queue reads `Date.now()` of this document: the test moves it.
Date.now = () => clock()
;(window as unknown as { queue: unknown }).queue = createQueue({
  handlers: { beat: () => 'beat' },
  storage: indexedDBStorage({ name: new URLSearchParams(location.search).get('db')! }),
  autostart: false,
})
