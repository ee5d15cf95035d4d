/**
 * What a health check reads, written once: the oldest due job, the first due jobs a claim
 * would take, and the pause, in one read transaction of a few short index ranges.
 * @module
 */
import type { DueJobs } from '../storage.js'
import { noPause, type PauseState } from '../pause.js'
import { PAUSED } from './claim.js'
import { fromRow, type JobRow } from './job-row.js'
import type { TableTx } from './table.js'

/** Whether a due delayed row could be claimed once promoted: not a follower of an ordering key. */
const mayRun = (row: JobRow): boolean => row.orderingKey === undefined || row.keyHead === true

export async function readDueJobs(tx: TableTx, now: number, limit: number): Promise<DueJobs> {
  const [oldestWaiting, oldestDelayed, runnable, dueDelayed, paused] = await Promise.all([
    tx.range('timeline', { prefix: ['waiting'] }, { limit: 1 }),
    tx.range('timeline', { prefix: ['delayed'] }, { limit: 1 }),
    tx.range('runnable', { prefix: ['waiting'] }, { limit }),
    tx.range('timeline', { prefix: ['delayed'], upTo: [now] }, { limit }),
    tx.getMeta<PauseState>(PAUSED),
  ])
  const due = [oldestWaiting[0]?.runAt, oldestDelayed[0] && oldestDelayed[0].runAt <= now ? oldestDelayed[0].runAt : undefined]
    .filter((at): at is number => at !== undefined)
  return {
    ...(due.length ? { oldestDueAt: Math.min(...due) } : {}),
    runnable: [...runnable, ...dueDelayed.filter(mayRun)].map(fromRow),
    paused: paused ?? noPause(),
  }
}
