import { TimeoutError } from '../errors.js'
import { timeoutMessage } from '../job/error-data.js'
import type { RunOutcome } from '../runners/protocol.js'
import type { SchedulerOptions } from './scheduler-options.js'
import type { JobRecord } from '../job/record.js'

/**
 * Runs one attempt of a launched job on the runner: starts its timeout, passes progress and
 * log rows on, and resolves with the outcome, at the latest a grace period after the signal fired.
 */
export async function runAttempt(
  record: JobRecord,
  signal: AbortSignal,
  o: Pick<SchedulerOptions, 'runner' | 'gracePeriod'>,
  on: { timedOut(error: TimeoutError): void; progress(value: unknown): void; log(row: unknown): Promise<void> },
): Promise<RunOutcome> {
  const timer = record.timeout === undefined ? undefined : setTimeout(() => {
    on.timedOut(new TimeoutError(timeoutMessage(record.attempts, record.timeout)))
  }, record.timeout)
  try {
    return await o.runner.run(
      { id: record.id, name: record.name, queue: record.queue, data: record.data, attempt: record.attempts, maxAttempts: record.maxAttempts },
      {
        signal,
        gracePeriod: o.gracePeriod,
        onProgress: on.progress,
        onLog: on.log,
      },
    )
  } finally {
    clearTimeout(timer)
  }
}
