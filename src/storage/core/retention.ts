import type { RemoveSettledRequest } from '../storage.js'
import { storedInState } from '../counters.js'
import type { JobWriter } from './job-writer.js'

/** How many settled jobs one read brings. */
const PAGE = 256

/**
 * Retention in one transaction: the settled jobs of one state, oldest first through the
 * `timeline` index, that are older than `before` or beyond the newest `keep`. How many there
 * are comes from the counters, so a `keep` costs the same with 100 or 1,000,000 stored jobs.
 * Each removal goes through the writer: a failed job removed lets its ordering key go on.
 */
export async function removeSettled(writer: JobWriter, request: RemoveSettledRequest): Promise<string[]> {
  const total = request.keep === undefined ? 0 : storedInState(await writer.countsAtStart(), request.state)
  const excess = request.keep === undefined ? 0 : Math.max(0, total - request.keep)
  const limit = request.limit ?? Infinity
  const ids: string[] = []
  // Rows removed leave the range, so each page starts again at its beginning.
  for (let done = false; !done && ids.length < limit;) {
    const page = await writer.tx.range('timeline', { prefix: [request.state] }, { limit: Math.min(PAGE, limit - ids.length) })
    done = page.length === 0
    for (const row of page) {
      const old = request.before !== undefined && (row.settledAt ?? 0) < request.before
      if (ids.length >= excess && !old) {
        done = true
        break
      }
      ids.push(row.id)
      writer.delete(row)
    }
  }
  return ids
}
