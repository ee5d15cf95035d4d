// The SQLite schema against the port's declared indexes: an SQL index per index of
// JOB_INDEXES over its fields in order, partial on them, used by every range read; the
// version row and its refusal of a newer docket; jobs kept across handles on one file.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sqliteStorage, sqliteTable } from 'docket/sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { JOB_INDEXES, type JobIndex } from '../../src/storage/core/job-indexes.js'
import type { IndexRange } from '../../src/storage/core/table.js'
import { rangeQuery } from '../../src/sqlite/index-sql.js'
import { SCHEMA_VERSION } from '../../src/sqlite/schema.js'
import { record } from '../storage/records.js'
import { openDatabase, runtime } from './runtime-database.js'

/** A table whose tables exist: the schema is opened by its first transaction. */
const opened = async (...args: Parameters<typeof sqliteTable>) => {
  const table = sqliteTable(...args)
  await table.read('opening', async () => undefined)
  return table
}

const dirs: string[] = []
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'docket-sqlite-'))
  dirs.push(dir)
  return join(dir, 'jobs.db')
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe(`SQLite schema (${runtime})`, () => {
  it('has an SQL index per declared index, over its fields in key order, partial on them', async () => {
    const db = await openDatabase()
    await opened(db.handle)
    for (const [index, { fields, ...rest }] of Object.entries(JOB_INDEXES)) {
      if ('multiEntry' in rest) continue
      const name = `docket_jobs_${index}`
      const columns = db.all(`SELECT name FROM pragma_index_info('${name}') ORDER BY seqno`).map((row) => row.name)
      // `seq` is the table's rowid, which every SQLite index ends with.
      expect(columns, index).toEqual(fields.filter((field) => field !== 'seq'))
      const [definition] = db.all(`SELECT sql FROM sqlite_master WHERE name = ?`, name)
      for (const field of fields.filter((field) => field !== 'seq' && index !== 'id')) expect(String(definition?.sql), index).toContain(`"${field}" IS NOT NULL`)
    }
    db.close()
  })

  it('reads every index range through its index, never a scan of the jobs table', async () => {
    const db = await openDatabase()
    await opened(db.handle)
    for (const index of Object.keys(JOB_INDEXES) as JobIndex[]) {
      const length = JOB_INDEXES[index].fields.length
      const prefix = Array.from({ length: Math.max(1, length - 2) }, () => 'x')
      const query = rangeQuery(index, { prefix, after: length > prefix.length ? [1] : [] }, { limit: 5 })
      const plan = db.all(`EXPLAIN QUERY PLAN ${query.sql}`, ...query.params).map((row) => String(row.detail)).join(' | ')
      expect(plan, index).not.toMatch(/SCAN (job|docket_jobs)\b/)
      expect(plan, index).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/)
    }
    // The core's hot reads: the claim's next page, due delayed jobs, a page of one named queue.
    const hot: [JobIndex, IndexRange][] = [
      ['runnable', { prefix: ['waiting'], after: [0, 5, 3] }],
      ['timeline', { prefix: ['delayed'], upTo: [100] }],
      ['queue', { prefix: ['mail', 'waiting'], after: [4] }],
    ]
    for (const [index, range] of hot) {
      for (const reverse of [false, true]) {
        const query = rangeQuery(index, range, { limit: 5, reverse })
        const plan = db.all(`EXPLAIN QUERY PLAN ${query.sql}`, ...query.params).map((row) => String(row.detail)).join(' | ')
        expect(plan, index).toMatch(new RegExp(`SEARCH job USING INDEX docket_jobs_${index} \\(.*[<>]`))
        expect(plan, index).not.toMatch(/TEMP B-TREE/)
      }
    }
    db.close()
  })

  it('writes its version and refuses a database of a newer docket', async () => {
    const db = await openDatabase()
    await opened(db.handle)
    expect(db.all('SELECT version FROM docket_schema')).toEqual([{ version: SCHEMA_VERSION }])
    await opened(db.handle)
    expect(db.all('SELECT version FROM docket_schema')).toEqual([{ version: SCHEMA_VERSION }])
    db.run('UPDATE docket_schema SET version = ?', SCHEMA_VERSION + 1)
    await expect(opened(db.handle)).rejects.toThrow(/schema version 2; this docket knows up to 1/)
    db.close()
  })

  it('keeps jobs, logs and pause in the file for the next handle', async () => {
    const file = tempFile()
    const first = await openDatabase(file)
    const storage = sqliteStorage(first.handle)
    const job = record({}, { at: new Date(5), tags: new Set(['a']) })
    await storage.insert([{ record: job, checkId: true }])
    await storage.appendLogs([{ id: job.id, at: 7, row: 'hello' }])
    await storage.setPaused('mail', true)
    await storage.close()
    first.close()

    const second = await openDatabase(file)
    const again = sqliteStorage(second.handle)
    const stored = await again.get(job.id)
    expect(stored?.data).toEqual({ at: new Date(5), tags: new Set(['a']) })
    expect(await again.getLogs(job.id)).toEqual([{ at: 7, row: 'hello' }])
    expect((await again.getPaused()).queues).toEqual(['mail'])
    await again.close()
    second.close()
  })

  it('puts a database file in WAL mode, and leaves the journal alone with wal: false', async () => {
    const walFile = await openDatabase(tempFile())
    await opened(walFile.handle)
    expect(walFile.all('PRAGMA journal_mode')[0]?.journal_mode).toBe('wal')
    walFile.close()
    const plain = await openDatabase(tempFile())
    await opened(plain.handle, { wal: false })
    expect(plain.all('PRAGMA journal_mode')[0]?.journal_mode).toBe('delete')
    plain.close()
  })
})
