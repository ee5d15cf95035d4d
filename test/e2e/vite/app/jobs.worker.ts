// The app's worker: the first module that imports `docket/worker`.
import { serveJobs, type JobContext } from 'docket/worker'

export const jobs = {
  async shout({ text }: { text: string }, ctx: JobContext) {
    ctx.progress(50)
    return text.toUpperCase()
  },
}
export type Jobs = typeof jobs
serveJobs(jobs)
