/** Bad arguments or options, or a payload that cannot be stored. Nothing was stored. */
export class ValidationError extends Error {
  override name = 'ValidationError'
}

/** No handler is defined for the job's name: the job fails at once, without retries. */
export class UnknownJobError extends Error {
  override name = 'UnknownJobError'
}

/**
 * The job's runs were interrupted (its page closed or reloaded, its context died) more than
 * its `maxStalls` times: it failed so that a job that kills its page cannot loop forever.
 */
export class StalledError extends Error {
  override name = 'StalledError'
}

/**
 * Thrown by a handler when the service it calls says "too many requests" (HTTP 429): the job
 * goes back without spending an attempt, and its whole named queue is held for `retryAfter`
 * ms in every context that shares the database.
 * @example
 * if (response.status === 429) throw new RateLimitError(Number(response.headers.get('Retry-After') ?? 1) * 1000)
 */
export class RateLimitError extends Error {
  override name = 'RateLimitError'
  /** Milliseconds to hold the named queue. */
  readonly retryAfter: number
  constructor(retryAfter: number, message = `Rate limited: retry after ${retryAfter} ms`) {
    super(message)
    if (typeof retryAfter !== 'number' || !Number.isFinite(retryAfter) || retryAfter < 0) {
      throw new ValidationError(`Expected \`retryAfter\` to be a finite number >= 0, got ${String(retryAfter)}`)
    }
    this.retryAfter = retryAfter
  }
}

/**
 * Thrown by a handler when another attempt cannot help (bad input, a resource that is gone):
 * the job fails at once, whatever attempts it has left, with no backoff. It is recognised by
 * its `name` once it has crossed from a worker, so a subclass must keep that name. A timeout,
 * cancel or stop that fired first still decides how the attempt ends.
 * @example
 * if (response.status === 404) throw new UnrecoverableError(`No image at ${data.url}`)
 */
export class UnrecoverableError extends Error {
  override name = 'UnrecoverableError'
}

/**
 * A prerequisite of the job (in its flow) failed for good, was canceled or was removed: the
 * job failed without running, and so do its own dependents, down the chain. The message
 * names the prerequisite. Retrying the prerequisite makes the job `blocked` again.
 * @example if (job.error?.name === 'DependencyFailedError') await queue.retry(prerequisiteId)
 */
export class DependencyFailedError extends Error {
  override name = 'DependencyFailedError'
}

/**
 * The job was not started within its `ttl` of being added (or a retry would have come after
 * that): it failed without running (again), whatever attempts it had left. Found in the claim's
 * transaction, so no context starts an expired job; its `failed` event comes from the context
 * that found it. `job.error.name` is `'ExpiredError'`.
 * @example queue.on('failed', ({ job, error }) => { if (error.name === 'ExpiredError') drop(job.id) })
 */
export class ExpiredError extends Error {
  override name = 'ExpiredError'
}

/** An attempt ran longer than its `timeout`. */
export class TimeoutError extends Error {
  override name = 'TimeoutError'
}

/** `waitForResult()` of a job that failed; `cause` is its last error, rebuilt. */
export class JobFailedError extends Error {
  override name = 'JobFailedError'
  constructor(
    message: string,
    /** The id of the failed job. */
    readonly jobId: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** `waitForResult()` of a job that was canceled or removed before it settled. */
export class JobCanceledError extends Error {
  override name = 'JobCanceledError'
  constructor(
    message: string,
    /** The id of the canceled job. */
    readonly jobId: string,
  ) {
    super(message)
  }
}

/** The storage refused (quota, lost connection, no IndexedDB); `cause` holds the original. */
export class StorageError extends Error {
  override name = 'StorageError'
}

/** Wraps a storage failure, keeping an existing `StorageError` or `ValidationError` as is. */
export function toStorageError(error: unknown, doing: string): Error {
  if (error instanceof StorageError || error instanceof ValidationError) return error
  const name = (error as { name?: string } | null)?.name
  if (name === 'DataCloneError') {
    return new ValidationError(`Expected job data to be structured-cloneable, ${doing} failed: ${String((error as Error).message)}`)
  }
  return new StorageError(`Storage failed while ${doing}: ${String((error as Error)?.message ?? error)}`, { cause: error })
}
