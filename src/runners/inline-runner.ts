import { executeJob } from './execute-job.js'
import type { JobHandlers } from './handlers.js'
import { abandoned, type JobRunner } from './runner.js'

/**
 * Runs handlers in the calling thread (service workers, edge runtimes, tests). A handler
 * here can only be stopped through its signal: one that ignores it is abandoned after the
 * grace period (its job settles) but keeps running until it returns by itself.
 */
export function inlineRunner(handlers: JobHandlers): JobRunner {
  return {
    run(request, options) {
      return new Promise((resolve) => {
        let timer: ReturnType<typeof setTimeout> | undefined
        const onAbort = (): void => {
          timer = setTimeout(() => resolve(abandoned(options.signal.reason)), options.gracePeriod)
        }
        if (options.signal.aborted) onAbort()
        else options.signal.addEventListener('abort', onAbort, { once: true })
        void executeJob(handlers, request, { progress: options.onProgress, log: options.onLog, step: options.onStep }, options.signal).then((outcome) => {
          clearTimeout(timer)
          options.signal.removeEventListener('abort', onAbort)
          resolve(outcome)
        })
      })
    },
    async destroy() {},
  }
}
