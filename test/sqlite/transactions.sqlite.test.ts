// Transactions of the SQLite port: a body that throws stores nothing and fails as a
// StorageError naming what it did; two writes on one handle run one after the other; reads
// see the transaction's own writes; a closed storage refuses; a wrong handle is named.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sqliteTable } from 'docket/sqlite'
import { StorageError, ValidationError } from 'docket'
import { describe, expect, it } from 'vitest'
import type { JobRow } from '../../src/storage/core/job-row.js'
import { databaseOpener, openDatabase, runtime } from './runtime-database.js'

const row = (id: string, extra: Partial<JobRow> = {}) => ({ id, name: 'send', state: 'waiting', queue: 'default', ...extra }) as unknown as Omit<JobRow, 'seq'>

describe(`SQLite transactions (${runtime})`, () => {
  it('rolls back every write of a body that throws, and names what it did', async () => {
    const db = await openDatabase()
    const table = sqliteTable(db.handle)
    const failing = table.write('adding things', async (tx) => {
      await tx.add(row('a', { dependsOn: ['p'] }))
      tx.putMeta('m', 1)
      tx.addLog({ id: 'a', at: 1, row: 'x' })
      tx.putSchedule({ id: 's' } as never)
      throw new Error('boom')
    })
    await expect(failing).rejects.toThrow(StorageError)
    await expect(failing).rejects.toThrow(/adding things: boom/)
    for (const table of ['docket_jobs', 'docket_job_deps', 'docket_meta', 'docket_logs', 'docket_schedules']) {
      expect(db.all(`SELECT count(*) AS n FROM ${table}`)[0]?.n, table).toBe(0)
    }
    // The handle is usable after the rollback.
    expect(await table.write('adding', (tx) => tx.add(row('b')))).toBeGreaterThan(0)
    db.close()
  })

  it('reads its own writes, and never reuses a seq', async () => {
    const db = await openDatabase()
    const table = sqliteTable(db.handle)
    const seqs = await table.write('writing', async (tx) => {
      const first = await tx.add(row('a', { dependsOn: ['p', 'p', 'q'] }))
      const second = await tx.add(row('b', { dependsOn: ['p'] }))
      expect((await tx.byId('a'))?.seq).toBe(first)
      expect((await tx.range('dependsOn', { prefix: ['p'] })).map((found) => found.id)).toEqual(['a', 'b'])
      tx.put({ ...(await tx.bySeq(first))!, dependsOn: ['q'] })
      expect((await tx.range('dependsOn', { prefix: ['p'] })).map((found) => found.id)).toEqual(['b'])
      tx.delete(second)
      expect(await tx.count('dependsOn', { prefix: ['p'] })).toBe(0)
      return [first, second]
    })
    const third = await table.write('adding', (tx) => tx.add(row('c')))
    expect(third).toBeGreaterThan(seqs[1]!)
    db.close()
  })

  it('runs two writes on one handle one after the other', async () => {
    const db = await openDatabase()
    const table = sqliteTable(db.handle)
    const order: string[] = []
    const slow = table.write('first', async (tx) => {
      order.push('first starts')
      await tx.add(row('a'))
      await new Promise((resolve) => setTimeout(resolve, 20))
      order.push('first ends')
    })
    const fast = table.write('second', async (tx) => {
      order.push('second starts')
      await tx.add(row('b'))
    })
    await Promise.all([slow, fast])
    expect(order).toEqual(['first starts', 'first ends', 'second starts'])
    db.close()
  })

  it('opens a second handle on the file while the first is mid-transaction, in one thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docket-handles-'))
    const open = await databaseOpener()
    const file = join(dir, 'jobs.db')
    const first = sqliteTable(open(file).handle, { busyTimeout: 200 })
    let second: Promise<number> | undefined
    await first.write('first', async (tx) => {
      await tx.add(row('a'))
      // Between two microtasks of this transaction: another handle opens and writes (queued behind it).
      second = sqliteTable(open(file).handle, { busyTimeout: 200 }).write('second', (other) => other.add(row('b')))
      await tx.byId('a')
    })
    await expect(second).resolves.toBe(2)
    rmSync(dir, { recursive: true, force: true })
  })

  it('refuses a transaction once closed, after the running one committed', async () => {
    const db = await openDatabase()
    const table = sqliteTable(db.handle)
    const running = table.write('adding', (tx) => tx.add(row('a')))
    await table.close()
    await expect(running).resolves.toBeGreaterThan(0)
    await expect(table.read('reading', (tx) => tx.byId('a'))).rejects.toThrow(/closed/)
    expect(db.all('SELECT count(*) AS n FROM docket_jobs')[0]?.n).toBe(1)
    db.close()
  })

  it('names what it expected of a handle it cannot use, and checks its options', async () => {
    expect(() => sqliteTable({ exec() {} } as never)).toThrow(ValidationError)
    expect(() => sqliteTable({ exec() {} } as never)).toThrow(/node:sqlite DatabaseSync, a bun:sqlite Database or a Durable Object's ctx.storage/)
    expect(() => sqliteTable(null as never)).toThrow(/got null/)
    const db = await openDatabase()
    expect(() => sqliteTable(db.handle, { busyTimeout: -1 })).toThrow('Expected `busyTimeout` to be a finite number >= 0, got -1')
    expect(() => sqliteTable(db.handle, { name: '' })).toThrow('Expected `name` to be a non-empty string, got ')
    db.close()
  })
})
