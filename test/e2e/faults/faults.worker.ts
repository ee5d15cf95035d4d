import { serveJobs, type JobContext } from 'docket/worker'
import { addRun, openRuns } from './runs'

// The page names its workers `<db>|<page>`, so each run row says where it ran.
const [db = 'faults', page = 'unknown'] = self.name.split('|')
let runs: Promise<IDBDatabase> | undefined

async function recordRun(ctx: JobContext): Promise<void> {
  runs ??= openRuns(db)
  await addRun(await runs, { job: ctx.id, page, attempt: ctx.attempt, at: Date.now() })
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A handler that never yields again: its abort message can never be read. */
function spin(): never {
  for (;;) {
    // Busy on purpose.
  }
}

export const jobs = {
  /**
   * Records its run, then works `ms` in `steps`, reporting progress after each. With
   * `holdFirstAttempt`, the first attempt reports progress `'held'` and never ends: the test
   * closes its tab mid-run whenever it likes, on no clock, and a later attempt does the work.
   */
  async work(data: { ms?: number; steps?: number; holdFirstAttempt?: boolean }, ctx: JobContext) {
    await recordRun(ctx)
    if (data.holdFirstAttempt && ctx.attempt === 1) {
      ctx.progress('held')
      await new Promise<never>(() => {})
    }
    const steps = Math.max(1, data.steps ?? 1)
    for (let i = 1; i <= steps; i++) {
      if (data.ms) await sleep(data.ms / steps)
      if (data.steps) ctx.progress(Math.round((i * 100) / steps))
    }
    return { page }
  },
  /** Records its run, reports progress, then hangs forever while `ctx.attempt <= attempts`. */
  async hang(data: { attempts?: number }, ctx: JobContext) {
    await recordRun(ctx)
    ctx.progress('spinning')
    if (ctx.attempt <= (data.attempts ?? Infinity)) spin()
    return { page }
  },
}

export type Jobs = typeof jobs
serveJobs(jobs)
