import { nextTask } from '../coordination/next-task.js'
import type { Storage, UpdateResult } from '../storage/storage.js'
import * as check from '../validate.js'

/**
 * The options of `queue.clear()`.
 * @example queue.clear({ queue: 'uploads', delayed: false })
 */
export interface ClearOptions {
  /** Only jobs of this named queue. @default every queue */
  queue?: string
  /** Remove delayed jobs too; `false` keeps those whose time has not come. @default true */
  delayed?: boolean
}

/**
 * Jobs removed per transaction: each transaction, and the events of its jobs, stay well under
 * a long task (50 ms) in a browser, and the page runs between them.
 */
export const CLEAR_BATCH = 500

/**
 * `queue.clear()`: removes waiting and delayed jobs, `CLEAR_BATCH` per transaction with a task
 * between transactions, until none is left; resolves to how many were removed. Jobs added
 * meanwhile may be removed too. `removed` hears each transaction's removals as they commit.
 */
export async function clearJobs(storage: Storage, options: unknown, now: () => number, removed: (results: UpdateResult[]) => void): Promise<number> {
  const { queue, delayed = true } = options === undefined ? {} : check.object<ClearOptions>('options', options)
  if (queue !== undefined) check.string('queue', queue)
  if (typeof delayed !== 'boolean') check.fail('delayed', 'a boolean', delayed)
  let total = 0
  for (;;) {
    const results = await storage.clear({ ...(queue !== undefined ? { queue } : {}), delayed, limit: CLEAR_BATCH, now: now() })
    total += results.length
    removed(results)
    if (results.length < CLEAR_BATCH) return total
    await nextTask()
  }
}
