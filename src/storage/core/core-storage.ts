/**
 * docket's `Storage` over any table port: every algorithm is here once, and a backend (memory,
 * IndexedDB, SQLite) only implements `Table`. Each call is one transaction; each writing one
 * goes through one job writer, whose `finish` keeps the derived state (heads, counters).
 * @module
 */
import { nextPauseState, noPause, type PauseState } from '../pause.js'
import type { Storage } from '../storage.js'
import { claimJobs, PAUSED } from './claim.js'
import { clearJobs } from './clear.js'
import { readDueJobs } from './due-jobs.js'
import { insertJobs } from './insert.js'
import { fromRow } from './job-row.js'
import { openWriter, type JobWriter } from './job-writer.js'
import { countJobs, listJobs, readBlockedKeys } from './reads.js'
import { removeSettled } from './retention.js'
import { writeSchedule } from './schedules.js'
import type { Table, TableStore, TableTx } from './table.js'
import { appendLogs, applyUpdates } from './updates.js'

const JOBS: TableStore[] = ['jobs']
const META: TableStore[] = ['meta']
const JOBS_META: TableStore[] = ['jobs', 'meta']

const readPause = (tx: TableTx): Promise<PauseState> => tx.getMeta<PauseState>(PAUSED).then((value) => value ?? noPause())

/**
 * The storage of a table port.
 * @example createCoreStorage(memoryTable())
 */
export function createCoreStorage(table: Table): Storage {
  /**
   * A transaction that writes jobs: all through one writer, finished before commit. Its scope:
   * jobs and `meta` (the counters), logs where it may remove a job (a removal deletes its logs)
   * or append them, and `extra`.
   */
  const writing = <T>(doing: string, body: (writer: JobWriter) => Promise<T>, extra: TableStore[] = ['logs']): Promise<T> =>
    table.write(doing, async (tx) => {
      const writer = openWriter(tx)
      const result = await body(writer)
      await writer.finish()
      return result
    }, ['jobs', 'meta', ...extra])

  return {
    ...(table.name !== undefined ? { name: table.name } : {}),
    insert: (entries) => writing('adding jobs', (writer) => insertJobs(writer, entries), []),
    get: (id) => table.read('reading a job', async (tx) => {
      const row = await tx.byId(id)
      return row && fromRow(row)
    }, JOBS),
    list: (query) => table.read('listing jobs', (tx) => listJobs(tx, query), JOBS),
    count: (queue, now) => table.read('counting jobs', (tx) => countJobs(tx, queue, now), JOBS_META),
    update: (updates) => writing('updating jobs', (writer) => applyUpdates(writer, updates, Date.now())),
    claim: (request, updates = [], logs = []) => writing('claiming jobs', (writer) => claimJobs(writer, request, updates, logs)),
    clear: (request) => writing('clearing jobs', (writer) => clearJobs(writer, request)),
    removeSettled: (request) => writing('removing settled jobs', (writer) => removeSettled(writer, request)),
    dueJobs: (now, limit) => table.read('reading due jobs', (tx) => readDueJobs(tx, now, limit), JOBS_META),
    blockedKeys: () => table.read('reading blocked keys', readBlockedKeys, JOBS),
    appendLogs: (entries) => table.write('writing logs', (tx) => appendLogs(tx, entries), ['jobs', 'logs']),
    getLogs: (id) => table.read('reading logs', (tx) => tx.logs(id), ['logs']),
    setPaused: (queue, paused) => table.write('storing pause', async (tx) => {
      tx.putMeta(PAUSED, nextPauseState(await readPause(tx), queue, paused))
    }, META),
    getPaused: () => table.read('reading pause', readPause, META),
    getSchedules: () => table.read('reading schedules', (tx) => tx.schedules(), ['schedules']),
    writeSchedule: (write) => writing('writing a schedule', (writer) => writeSchedule(writer, write), ['schedules']),
    close: () => table.close(),
  }
}
