/**
 * One transaction of the table port on SQLite. Every statement runs at once and synchronously
 * (each runtime's SQLite is synchronous), so reads resolve already settled and writes need no
 * awaiting; a failing write throws into the body, which rolls the transaction back.
 * @module
 */
import type { LogEntry } from '../job/record.js'
import type { ScheduleRecord } from '../schedules/schedule-types.js'
import type { JobIndex } from '../storage/core/job-indexes.js'
import type { JobRow } from '../storage/core/job-row.js'
import type { KeyPart, TableTx } from '../storage/core/table.js'
import type { SqliteDriver, SqlRow, SqlValue } from './driver.js'
import { countQuery, distinctQuery, rangeQuery } from './index-sql.js'
import { INDEX_COLUMNS, JOBS, LOGS, META, SCHEDULES } from './schema.js'
import { decode, encode } from './value-codec.js'

const COLUMNS = [...INDEX_COLUMNS.map((column) => `"${column}"`), '"dependsOn"', 'body']
const PLACES = COLUMNS.map(() => '?').join(', ')
const INSERT_JOB = `INSERT INTO ${JOBS} (${COLUMNS.join(', ')}) VALUES (${PLACES}) RETURNING seq`
const PUT_JOB = `INSERT INTO ${JOBS} (seq, ${COLUMNS.join(', ')}) VALUES (?, ${PLACES}) ON CONFLICT (seq) DO UPDATE SET ${COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ')}`
const JOB_BY_ID = `SELECT seq, body FROM ${JOBS} WHERE "id" = ?`
const JOB_BY_SEQ = `SELECT seq, body FROM ${JOBS} WHERE seq = ?`

/** A key value as IndexedDB would index it: a string or a number; anything else leaves the row out (NULL). */
function keyValue(value: unknown): SqlValue {
  if (typeof value === 'string') return value
  return typeof value === 'number' && !Number.isNaN(value) ? value : null
}

/** The column values of a row: its index fields, its prerequisites (for the triggers) and its encoding. */
function columnsOf(row: Omit<JobRow, 'seq'>): SqlValue[] {
  const fields = row as unknown as Record<string, unknown>
  const values = INDEX_COLUMNS.map((column) => keyValue(fields[column]))
  const prerequisites = Array.isArray(row.dependsOn) ? JSON.stringify(row.dependsOn.filter((id) => keyValue(id) !== null)) : null
  const { seq: _seq, ...stored } = row as JobRow
  values.push(prerequisites, encode(stored))
  return values
}

function rowOf(found: SqlRow | undefined): JobRow | undefined {
  if (!found) return undefined
  const row = decode<JobRow>(found.body as string)
  row.seq = Number(found.seq)
  return row
}

/**
 * The `TableTx` of one open SQLite transaction on `driver`.
 * @example await driver.transaction(() => body(sqliteTx(driver)), true)
 */
export function sqliteTx(driver: SqliteDriver): TableTx {
  const { all, run } = driver
  const first = (sql: string, params: SqlValue[]) => all(sql, params)[0]
  return {
    byId: async (id) => rowOf(first(JOB_BY_ID, [id])),
    bySeq: async (seq) => rowOf(first(JOB_BY_SEQ, [seq])),
    range: async (index: JobIndex, range, options) => {
      const query = rangeQuery(index, range, options)
      return all(query.sql, query.params).map((found) => rowOf(found)!)
    },
    count: async (index, range) => {
      const query = countQuery(index, range)
      return Number(first(query.sql, query.params)?.n ?? 0)
    },
    distinct: async (index) => {
      const query = distinctQuery(index)
      return all(query.sql, query.params).map((found) => found.k as KeyPart)
    },
    add: async (row) => Number(first(INSERT_JOB, columnsOf(row))!.seq),
    put: (row) => run(PUT_JOB, [row.seq, ...columnsOf(row)]),
    delete: (seq) => run(`DELETE FROM ${JOBS} WHERE seq = ?`, [seq]),

    getMeta: async <T>(key: string) => {
      const found = first(`SELECT value FROM ${META} WHERE key = ?`, [key])
      return found ? decode<T>(found.value as string) : undefined
    },
    putMeta: (key, value) => run(`INSERT INTO ${META} (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [key, encode(value)]),

    addLog: ({ id, at, row }) => run(`INSERT INTO ${LOGS} (id, at, row) VALUES (?, ?, ?)`, [id, at, encode(row)]),
    logs: async (id) => all(`SELECT at, row FROM ${LOGS} WHERE id = ? ORDER BY n`, [id]).map((found): LogEntry => ({ at: found.at as number, row: decode(found.row as string) })),
    deleteLogs: (id) => run(`DELETE FROM ${LOGS} WHERE id = ?`, [id]),

    schedule: async (id) => {
      const found = first(`SELECT body FROM ${SCHEDULES} WHERE id = ?`, [id])
      return found ? decode<ScheduleRecord>(found.body as string) : undefined
    },
    schedules: async () => all(`SELECT body FROM ${SCHEDULES} ORDER BY id`).map((found) => decode<ScheduleRecord>(found.body as string)),
    putSchedule: (record) => run(`INSERT INTO ${SCHEDULES} (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body`, [record.id, encode(record)]),
    deleteSchedule: (id) => run(`DELETE FROM ${SCHEDULES} WHERE id = ?`, [id]),
  }
}
