import { serveJobs, type JobContext } from 'docket/worker'
import { meetPages } from './meet-pages'
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

/** Resolves never; rejects once the signal aborts. */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))
}

export const jobs = {
  /**
   * Records its run, then works `ms` in `steps`, reporting progress after each. In the page
   * named `holdIn` it reports progress once and then holds: it is mid-run for as long as that
   * tab lives (or until aborted), so a test that closes the tab never races a timer. With
   * `meet`, it holds until workers of that many pages run jobs of its database: no tab can
   * run out of jobs before every tab has started one, however slowly a tab wakes.
   */
  async work(data: { ms?: number; steps?: number; holdIn?: string; meet?: number }, ctx: JobContext) {
    await recordRun(ctx)
    if (data.holdIn === page) {
      ctx.progress('held')
      await untilAborted(ctx.signal)
    }
    if (data.meet) await meetPages(db, page, data.meet)
    const steps = Math.max(1, data.steps ?? 1)
    for (let i = 1; i <= steps; i++) {
      if (data.ms) await sleep(data.ms / steps)
      if (data.steps) ctx.progress(Math.round((i * 100) / steps))
    }
    return { page }
  },
  /** Records its run, reports progress, then hangs forever: in the page `hangIn` if given, else in every page. */
  async hang(data: { hangIn?: string }, ctx: JobContext) {
    await recordRun(ctx)
    ctx.progress('spinning')
    if (data.hangIn === undefined || data.hangIn === page) spin()
    return { page }
  },
}

export type Jobs = typeof jobs
serveJobs(jobs)
