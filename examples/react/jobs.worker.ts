// The handlers, served in a module Web Worker. The page imports only their type.
import { serveJobs, type JobContext } from 'docket/worker'

export const jobs = {
  /** Counts to `n`, reporting progress at each step. */
  async countTo(data: { n: number }, ctx: JobContext): Promise<number> {
    for (let i = 1; i <= data.n; i++) {
      ctx.progress(Math.round((i * 100) / data.n))
      await new Promise((resolve) => setTimeout(resolve, 30))
    }
    return data.n
  },
  /** Fails, to show an error in the list. */
  explode(data: { reason: string }): never {
    throw new Error(data.reason)
  },
}

export type Jobs = typeof jobs

serveJobs(jobs)
