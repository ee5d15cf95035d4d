/** The benchmark's job handlers: the same map runs inline and in the module workers. */
export const jobs = {
  /** Does nothing: what is left is the queue's own cost. */
  noop(): void {},
  /** Returns when the handler started (epoch ms), so that add→start can be timed across threads. */
  stamp(): number {
    return performance.timeOrigin + performance.now()
  },
}

export type BenchJobs = typeof jobs
