import { TimeoutError } from '../errors.js'
import { timerDelay } from '../timer-limit.js'
import { timeoutMessage } from '../job/error-data.js'
import type { JobRecord } from '../job/record.js'
import { isExpired } from '../job/job-states.js'
import { defer, expire, setProgress, start } from '../job/transitions.js'
import type { RunOutcome } from '../runners/protocol.js'
import type { JobRunner } from '../runners/runner.js'
import type { Entry } from './entry.js'
import type { GroupCommit, Pending } from './group-commit.js'
import type { HeldJobs } from './held-jobs.js'
import { outcomeTransition, rateLimitHold, settleEvents } from './outcome.js'
import type { SchedulerEmit } from './scheduler-events.js'
import { writeStep } from './step-write.js'

/** What an attempt needs from its scheduler. */
export interface AttemptContext {
  runner: JobRunner
  gracePeriod: number
  now(): number
  emit: SchedulerEmit
  writes: Pick<GroupCommit, 'write' | 'log' | 'progressChanged'>
  jobs: Pick<HeldJobs, 'get' | 'abort' | 'finished'>
  wake(): void
  /** Holds a named queue until epoch ms `until`, in the next claim's transaction. */
  hold(queue: string, until: number): void
}

/**
 * Starts the attempt of a job just launched. Its progress and log rows, and at the end its
 * settle, wait for the next group commit; the settle is fenced by the job's token.
 */
export function startAttempt(entry: Entry, context: AttemptContext): void {
  const { now, emit, writes, jobs } = context
  const startedAt = now()
  if (entry.record.held && isExpired(entry.record, startedAt)) return expireHeld(entry, startedAt, context)
  if (entry.record.held) {
    // Claimed ahead: the start is stored with the next group commit, as a rule the one that
    // writes the settle whose slot this job takes, so `active` jobs stay the running ones.
    const { id, token, seq } = entry.record
    writes.write({ update: { id, token, ...(seq === undefined ? {} : { seq }), apply: (current) => (current.held ? start(current, startedAt) : undefined) }, done: () => undefined })
  }
  const record = (entry.record = { ...start(entry.record, startedAt), startedAt })
  emit('active', { record })
  void runAttempt(record, entry.startBy, entry.controller.signal, context, {
    // A durable step resolves once stored, fenced by this run's token.
    step: (name, result) => writeStep(entry, name, result, context),
    timedOut: (error) => jobs.abort(entry, 'timeout', error),
    // The handler's `ctx.log()` resolves once its row is stored.
    log: (row) => new Promise<void>((resolve) => {
      const at = now()
      const done = (): void => resolve(emit('log', { record: entry.record, row, at }))
      writes.log({ row: { id: record.id, at, row }, done })
    }),
    progress: (value) => {
      if (jobs.get(record.id) !== entry || entry.reason === 'lost') return
      entry.progress = { value }
      emit('progress', { record: { ...entry.record, progress: value }, progress: value })
      writes.progressChanged()
    },
  }).then((outcome) => finish(entry, outcome, context))
}

/**
 * A job claimed ahead whose `ttl` passed while it was held here: it must not start. Its slot
 * goes to the next, and it fails with `ExpiredError` in the next group commit, fenced by its token.
 */
function expireHeld(entry: Entry, at: number, { emit, writes, jobs }: AttemptContext): void {
  const { id, token, seq } = entry.record
  jobs.finished(entry)
  writes.write({
    update: { id, token, ...(seq === undefined ? {} : { seq }), apply: (current) => (current.held ? expire(defer(current, at), at) : undefined) },
    done: (result) => {
      if (result?.after?.error) emit('failed', { record: result.after, error: result.after.error, willRetry: false })
      entry.markSettled()
    },
  })
}

function finish(entry: Entry, outcome: RunOutcome, { now, emit, writes, jobs, wake, hold }: AttemptContext): void {
  const { id, token, startedAt } = entry.record
  // The attempt ends now, before the next one starts in the slot it frees.
  const endedAt = now()
  jobs.finished(entry)
  const settle = outcomeTransition(entry.reason, outcome, endedAt)
  const held = entry.reason === undefined ? rateLimitHold(outcome) : undefined
  if (held !== undefined) hold(entry.record.queue, endedAt + held)
  if (!settle) {
    entry.markSettled()
    return wake()
  }
  const settleWith = (ended: RunOutcome, transition: NonNullable<typeof settle>, progress = entry.progress): Pending => ({
    // The stored startedAt is the claim's; the attempt really started when it was launched.
    update: { id, token, apply: (record) => transition({ ...(progress ? setProgress(record, progress.value) : record), startedAt }) },
    done: (result) => {
      if (result?.after) settleEvents(result.after, ended, entry.reason, emit)
      entry.markSettled()
    },
  })
  writes.write({
    ...settleWith(outcome, settle),
    // Its result (or last progress) refused by the storage: the attempt fails, and for good, as
    // another attempt would return the same. Without the progress, which may be the cause.
    unstorable: (error) => {
      const refused: RunOutcome = { ok: false, final: true, error: { name: 'StorageError', message: `The attempt's result could not be stored: ${error.message}` } }
      const transition = outcomeTransition(entry.reason, refused, endedAt)
      return transition ? settleWith(refused, transition, undefined) : null
    },
  })
}

/**
 * Runs one attempt of a launched job on the runner: starts its timeout, passes progress and
 * log rows on, and resolves with the outcome, at the latest a grace period after the signal fired.
 */
async function runAttempt(
  record: JobRecord,
  startBy: number | undefined,
  signal: AbortSignal,
  { runner, gracePeriod }: Pick<AttemptContext, 'runner' | 'gracePeriod'>,
  on: { timedOut(error: TimeoutError): void; progress(value: unknown): void; log(row: unknown): Promise<void>; step(name: string, result: unknown): Promise<void> },
): Promise<RunOutcome> {
  const timer = record.timeout === undefined ? undefined : setTimeout(() => {
    on.timedOut(new TimeoutError(timeoutMessage(record.attempts, record.timeout)))
  }, timerDelay(record.timeout))
  try {
    return await runner.run(
      { id: record.id, name: record.name, queue: record.queue, data: record.data, attempt: record.attempts, maxAttempts: record.maxAttempts, ...(record.dependencies ? { dependencies: record.dependencies } : {}), ...(startBy === undefined ? {} : { startBy }), ...(record.steps?.length ? { steps: record.steps } : {}) },
      { signal, gracePeriod, onProgress: on.progress, onLog: on.log, onStep: on.step },
    )
  } finally {
    clearTimeout(timer)
  }
}
