/**
 * What a claim must read before it may start a job that waits on others: the head of its
 * ordering key and whether a job of that key runs; for a job unique in scope `'waiting'`
 * (keep-latest), whether a job of its unique key runs, since the waiting one is the newer
 * version and must not run beside, nor finish before, the older.
 * @module
 */
import type { JobRecord } from '../../job/record.js'
import { mayStart as headMayStart } from '../ordering.js'
import type { JobRow } from './job-row.js'
import type { TableTx } from './table.js'

/** The starters of one page of candidates, read at once, updated as the claim takes jobs. */
export interface Starters {
  /** Whether `row` may start now, as far as its ordering key and unique key tell. */
  mayStart(row: JobRecord): boolean
  /** This claim started `row`: later candidates of its keys wait. */
  started(row: JobRecord): void
}

const keepsLatest = (row: JobRecord): boolean => row.uniqueScope === 'waiting' && row.uniqueKey !== undefined

/** Reads, all at once, what the candidates' keys need. */
export async function readStarters(tx: TableTx, candidates: readonly JobRow[]): Promise<Starters> {
  const orderingKeys = [...new Set(candidates.flatMap((row) => row.orderingKey ?? []))]
  const uniqueKeys = [...new Set(candidates.filter(keepsLatest).map((row) => row.uniqueKey!))]
  const [heads, keyRuns, uniqueRuns] = await Promise.all([
    Promise.all(orderingKeys.map((key) => tx.range('ordering', { prefix: [key] }, { limit: 1 }).then((rows) => rows[0]))),
    Promise.all(orderingKeys.map((key) => tx.count('keyActive', { prefix: [key] }))),
    Promise.all(uniqueKeys.map((key) => tx.range('unique', { prefix: [key] }).then((rows) => rows.some((row) => row.state === 'active')))),
  ])
  const head = new Map(orderingKeys.map((key, i) => [key, heads[i]]))
  const keysRunning = new Set(orderingKeys.filter((_, i) => keyRuns[i]! > 0))
  const uniquesRunning = new Set(uniqueKeys.filter((_, i) => uniqueRuns[i]))
  return {
    mayStart(row) {
      const key = row.orderingKey
      if (key !== undefined && !headMayStart(row, head.get(key), keysRunning.has(key))) return false
      return !keepsLatest(row) || !uniquesRunning.has(row.uniqueKey!)
    },
    started(row) {
      if (row.orderingKey !== undefined) keysRunning.add(row.orderingKey)
      if (keepsLatest(row)) uniquesRunning.add(row.uniqueKey!)
    },
  }
}
