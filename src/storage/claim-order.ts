import type { JobRecord } from '../job/record.js'

/**
 * The order in which due jobs are claimed: priority (as `rank`, so ascending), then `runAt`,
 * then insertion order. The IndexedDB `ready` index sorts by the same keys, so a page read
 * from it and jobs sorted here interleave exactly.
 */
export function compareReady(a: JobRecord, b: JobRecord): number {
  return a.rank - b.rank || a.runAt - b.runAt || (a.seq ?? 0) - (b.seq ?? 0)
}
