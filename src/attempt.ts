import { TimeoutError } from './errors.js'
import type { RunOutcome } from './execute-job.js'
import type { SchedulerOptions } from './scheduler-types.js'
import type { JobRecord } from './types.js'

/**
 * Runs one attempt of a launched job on the runner: starts its timeout, passes progress on,
 * stores log rows as they come (a `ctx.log()` resolves once its row is stored), and resolves
 * with the outcome, at the latest a grace period after the signal fired.
 */
export async function runAttempt(
  record: JobRecord,
  signal: AbortSignal,
  o: Pick<SchedulerOptions, 'runner' | 'gracePeriod' | 'storage' | 'emit' | 'now'>,
  on: { timedOut(error: TimeoutError): void; progress(value: unknown): void },
): Promise<RunOutcome> {
  const timer = record.timeout === undefined ? undefined : setTimeout(() => {
    on.timedOut(new TimeoutError(`Attempt ${record.attempts} exceeded its timeout of ${record.timeout} ms`))
  }, record.timeout)
  try {
    return await o.runner.run(
      { id: record.id, name: record.name, queue: record.queue, data: record.data, attempt: record.attempts, maxAttempts: record.maxAttempts },
      {
        signal,
        gracePeriod: o.gracePeriod,
        onProgress: on.progress,
        onLog: async (row) => {
          const at = o.now()
          await o.storage.appendLogs([{ id: record.id, at, row }])
          o.emit('log', { record, row: { at, row } })
        },
      },
    )
  } finally {
    clearTimeout(timer)
  }
}
