import { toErrorShape } from '../job/error-data.js'
import type { RunOutcome, RunRequest } from './protocol.js'

/** What the scheduler hands a runner with each attempt. */
export interface RunOptions {
  /** Aborts on cancel, timeout and stop; `signal.reason` is the error the attempt ends with. */
  signal: AbortSignal
  /** Milliseconds an aborted handler may take before the runner gives up on it. */
  gracePeriod: number
  onProgress(value: unknown): void
  onLog(row: unknown): Promise<void>
  /** Stores a completed durable step of the attempt; resolves once committed, rejects if it was not. */
  onStep(name: string, result: unknown): Promise<void>
}

/**
 * Runs attempts somewhere: a pool of workers, or the calling thread. `run` always resolves,
 * at the latest `gracePeriod` ms after the signal aborted, so nothing hangs on a handler
 * that ignores its signal.
 */
export interface JobRunner {
  run(request: RunRequest, options: RunOptions): Promise<RunOutcome>
  /** Releases every worker; attempts still running resolve as aborted. */
  destroy(): Promise<void>
}

/** The outcome of an attempt abandoned after its grace period: it ends with its signal's reason. */
export function abandoned(reason: unknown): RunOutcome {
  return { ok: false, aborted: true, error: toErrorShape(reason ?? new Error('Aborted'), 'AbortError') }
}
