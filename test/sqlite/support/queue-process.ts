// One process of the multi-process tests: a queue on a shared SQLite file that adds its jobs,
// runs every job it claims (writing `<pid> <job id>` to its log as a run starts), and exits once
// `total` jobs of the file completed. Bundled by the test (esbuild) and started under the
// runtime that runs the test; its one argument is the JSON of `QueueProcess`.
import { appendFileSync } from 'node:fs'
import { createQueue } from 'docket'
import { sqliteStorage } from 'docket/sqlite'
import { openDatabase } from '../runtime-database.js'

/** What one process does. */
export interface QueueProcess {
  file: string
  /** Jobs this process adds (`<prefix>-<n>`), all in one `addBulk`. */
  add: number
  prefix: string
  /** Completed jobs of the whole file after which the process exits. */
  total: number
  leaseMs: number
  /** How long each run takes. */
  runMs: number
  log: string
  /** Instead: add this many jobs one at a time, logging `acked <id>` as each add resolves, and run none. */
  addOneByOne?: number
}

const settings = JSON.parse(process.argv[process.argv.length - 1]!) as QueueProcess
const database = await openDatabase(settings.file)
const queue = createQueue({
  storage: sqliteStorage(database.handle),
  autostart: settings.addOneByOne === undefined,
  concurrency: 8,
  leaseDuration: settings.leaseMs,
  handlers: {
    work: async (_data: { n: number }, ctx) => {
      appendFileSync(settings.log, `${process.pid} ${ctx.id}\n`)
      await new Promise((resolve) => setTimeout(resolve, settings.runMs))
      return ctx.id
    },
  },
})
if (settings.addOneByOne !== undefined) {
  for (let n = 0; n < settings.addOneByOne; n++) {
    const job = await queue.add('work', { n }, { id: `${settings.prefix}-${n}` })
    appendFileSync(settings.log, `acked ${job.id}\n`)
  }
  process.exit(0)
}
if (settings.add) {
  await queue.addBulk(Array.from({ length: settings.add }, (_, n) => ({ name: 'work' as const, data: { n }, options: { id: `${settings.prefix}-${n}` } })))
}
appendFileSync(settings.log, `${process.pid} added\n`)
// Jobs another process adds wake nothing here (no channel between processes): look now and then.
for (;;) {
  const counts = await queue.counts()
  if (counts.completed >= settings.total) break
  await new Promise((resolve) => setTimeout(resolve, 100))
}
await queue.close()
database.close()
