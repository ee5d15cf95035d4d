// The SQLite table port read against the memory port, the reference of the port's key order:
// random rows (index fields of both key types, missing fields, repeated and shared
// prerequisites), random writes, then every index read by random ranges, both directions,
// with limits. Any difference in order, bounds, membership or counts fails with the case.
import fc from 'fast-check'
import { sqliteTable } from 'docket/sqlite'
import { describe, expect, it } from 'vitest'
import { memoryTable } from '../../src/storage/memory-table.js'
import { JOB_INDEXES, type JobIndex } from '../../src/storage/core/job-indexes.js'
import type { JobRow } from '../../src/storage/core/job-row.js'
import type { IndexRange, KeyPart, Table } from '../../src/storage/core/table.js'
import { openDatabase, runtime } from './runtime-database.js'

const INDEXES = Object.keys(JOB_INDEXES) as JobIndex[]

// Few distinct values, so that prefixes and bounds hit equal keys often.
const part = fc.oneof(fc.constantFrom('a', 'b', 'c', 'waiting', ''), fc.constantFrom(-1, 0, 1, 2.5, 1e12))
const maybe = (arbitrary: fc.Arbitrary<KeyPart>) => fc.option(arbitrary, { nil: undefined, freq: 3 })

const rowArbitrary = fc.record({
  state: maybe(fc.constantFrom('waiting', 'delayed', 'active', 'failed')),
  timeKey: maybe(part),
  queue: maybe(fc.constantFrom('q1', 'q2', 3)),
  uniqueKey: maybe(part),
  keyHold: maybe(part),
  keyActive: maybe(part),
  keyBlocked: maybe(part),
  runnable: maybe(fc.constantFrom('waiting')),
  rank: maybe(part),
  runAt: maybe(part),
  dependsOn: fc.option(fc.array(fc.constantFrom('p1', 'p2', 'p3'), { maxLength: 4 }), { nil: undefined }),
  data: fc.oneof(fc.constant(null), fc.date({ noInvalidDate: true }), fc.string()),
})

type Fields = typeof rowArbitrary extends fc.Arbitrary<infer R> ? R : never

function toJobRow(fields: Fields, n: number): Omit<JobRow, 'seq'> {
  const row: Record<string, unknown> = { id: `job-${n}`, name: 'send' }
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) row[key] = value
  return row as unknown as Omit<JobRow, 'seq'>
}

const rangeArbitrary = fc.record({
  index: fc.constantFrom(...INDEXES),
  prefixLength: fc.nat(2),
  prefix: fc.array(part, { maxLength: 2 }),
  after: fc.option(fc.array(fc.oneof(part, fc.nat(40)), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  upTo: fc.option(fc.array(fc.oneof(part, fc.nat(40)), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  limit: fc.option(fc.nat(5), { nil: undefined }),
  reverse: fc.boolean(),
})

/** The key length of an index (the memory port's keys are its fields, `seq` only where named). */
const keyLength = (index: JobIndex) => JOB_INDEXES[index].fields.length

async function fill(table: Table, rows: Omit<JobRow, 'seq'>[], deletes: number[], moves: [number, Fields][]): Promise<void> {
  await table.write('filling', async (tx) => {
    for (const row of rows) await tx.add(row)
    for (const [seq, fields] of moves) if (await tx.bySeq(seq)) tx.put({ ...toJobRow(fields, 1000 + seq), seq } as JobRow)
    for (const seq of deletes) tx.delete(seq)
  })
}

const ids = (rows: JobRow[]) => rows.map((row) => `${row.seq}:${row.id}`)

describe(`SQLite table port = memory port (${runtime})`, () => {
  it('reads every index in the same order, bounds, counts and distinct keys', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArbitrary, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(45), { maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(45), rowArbitrary), { maxLength: 6 }),
        fc.array(rangeArbitrary, { minLength: 1, maxLength: 12 }),
        async (fieldList, deletes, moves, ranges) => {
          const rows = fieldList.map(toJobRow)
          const memory = memoryTable()
          const database = await openDatabase()
          const sqlite = sqliteTable(database.handle)
          await fill(memory, rows, deletes, moves)
          await fill(sqlite, rows, deletes, moves)
          for (const index of INDEXES) {
            const [expected, actual] = await Promise.all([memory, sqlite].map((table) => table.read('distinct', (tx) => tx.distinct(index))))
            expect(actual, `distinct ${index}`).toEqual(expected)
          }
          for (const { index, prefixLength, prefix, after, upTo, limit, reverse } of ranges) {
            const free = keyLength(index) - Math.min(prefixLength, prefix.length)
            const range: IndexRange = { prefix: prefix.slice(0, prefixLength) }
            if (after && after.length <= free) range.after = after
            if (upTo && upTo.length <= free) range.upTo = upTo
            const options = { ...(limit === undefined ? {} : { limit }), reverse }
            const read = (table: Table) => table.read('range', async (tx) => [ids(await tx.range(index, range, options)), await tx.count(index, range)] as const)
            const [expected, actual] = await Promise.all([read(memory), read(sqlite)])
            expect(actual, `${index} ${JSON.stringify(range)} ${JSON.stringify(options)}`).toEqual(expected)
          }
          const everything = (table: Table) => table.read('all', async (tx) => Promise.all(rows.map((_, i) => tx.bySeq(i + 1))))
          expect(await everything(sqlite)).toEqual(await everything(memory))
          await sqlite.close()
          database.close()
        },
      ),
      { numRuns: 150, seed: 29 },
    )
  })
})
