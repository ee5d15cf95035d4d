/**
 * An index range of the table port as SQL: the prefix as `=`, the bounds as row-value
 * comparisons on the key components that follow, the order of the index, then `seq`.
 *
 * Key order is IndexedDB's where it matters: the columns have no type affinity, so a number
 * sorts before a string as in IndexedDB. Strings compare by their UTF-8 bytes (SQLite's
 * `BINARY`), IndexedDB by UTF-16 code units: the two differ only between characters above
 * U+FFFF and those from U+E000 to U+FFFF, which docket's keys (states, ids, queue names) do not
 * mix in one index range.
 * @module
 */
import { JOB_INDEXES, type JobIndex } from '../storage/core/job-indexes.js'
import type { IndexRange, KeyPart, RangeOptions } from '../storage/core/table.js'
import { ValidationError } from '../errors.js'
import { DEPS, JOBS } from './schema.js'

/** How one index reads: its rows, the SQL of each key component in order (`seq` last), and the filter of rows that are in it. */
interface IndexSource {
  from: string
  keys: string[]
  present: string[]
}

const quoted = (field: string) => `job."${field}"`

function sourceOf(index: JobIndex): IndexSource {
  const declared: { fields: readonly string[]; multiEntry?: boolean } = JOB_INDEXES[index]
  if (declared.multiEntry) {
    // One row per element of the array, kept by the schema's triggers (`docket_job_deps`).
    return { from: `${DEPS} AS entry JOIN ${JOBS} AS job ON job.seq = entry.seq`, keys: ['entry.prerequisite', 'entry.seq'], present: [] }
  }
  const fields = declared.fields.filter((field) => field !== 'seq')
  return {
    from: `${JOBS} AS job`,
    // `seq` orders equal keys, whether or not the index names it last.
    keys: [...fields.map(quoted), 'job.seq'],
    // A row lacking a field is not in the index (as in IndexedDB); these match the partial indexes.
    present: fields.map((field) => `${quoted(field)} IS NOT NULL`),
  }
}

const SOURCES = Object.fromEntries(Object.keys(JOB_INDEXES).map((index) => [index, sourceOf(index as JobIndex)])) as Record<JobIndex, IndexSource>

/** A statement and its parameters. */
export interface SqlQuery {
  sql: string
  params: KeyPart[]
}

const tuple = (items: string[]) => `(${items.join(', ')})`

function bound(source: IndexSource, index: JobIndex, from: number, parts: KeyPart[], operator: '>' | '<=', name: string): string {
  const columns = source.keys.slice(from, from + parts.length)
  if (columns.length < parts.length) {
    throw new ValidationError(`Expected \`${name}\` of index ${index} to have at most ${source.keys.length - from} components after the prefix, got ${parts.length}`)
  }
  return `${tuple(columns)} ${operator} ${tuple(columns.map(() => '?'))}`
}

/** The WHERE clause of a range, and its parameters. */
function where(index: JobIndex, range: IndexRange): SqlQuery {
  const source = SOURCES[index]
  const { prefix } = range
  if (prefix.length > source.keys.length) throw new ValidationError(`Expected the prefix of index ${index} to have at most ${source.keys.length} components, got ${prefix.length}`)
  const terms = [...source.present, ...prefix.map((_, i) => `${source.keys[i]} = ?`)]
  const params: KeyPart[] = [...prefix]
  if (range.after?.length) {
    terms.push(bound(source, index, prefix.length, range.after, '>', 'after'))
    params.push(...range.after)
  }
  if (range.upTo?.length) {
    terms.push(bound(source, index, prefix.length, range.upTo, '<=', 'upTo'))
    params.push(...range.upTo)
  }
  return { sql: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params }
}

/**
 * The rows (`seq`, `body`) of `range` in index order.
 * @example rangeQuery('state', { prefix: ['waiting'] }, { limit: 10 }) // … WHERE job."state" = ? ORDER BY job."state", job.seq LIMIT ?
 */
export function rangeQuery(index: JobIndex, range: IndexRange, options: RangeOptions = {}): SqlQuery {
  const source = SOURCES[index]
  const filter = where(index, range)
  const direction = options.reverse ? ' DESC' : ''
  const order = source.keys.map((key) => key + direction).join(', ')
  // LIMIT -1: no limit, so that a range of one shape is one cached statement whatever its limit.
  const limit = options.limit === undefined ? -1 : checkedLimit(options.limit)
  return { sql: `SELECT job.seq AS seq, job.body AS body FROM ${source.from} ${filter.sql} ORDER BY ${order} LIMIT ?`, params: [...filter.params, limit] }
}

/** How many rows `range` holds. */
export function countQuery(index: JobIndex, range: IndexRange): SqlQuery {
  const source = SOURCES[index]
  const filter = where(index, range)
  return { sql: `SELECT count(*) AS n FROM ${source.from} ${filter.sql}`, params: filter.params }
}

/** The distinct first components of an index, in order. */
export function distinctQuery(index: JobIndex): SqlQuery {
  const source = SOURCES[index]
  const first = source.keys[0]!
  const filter = source.present.length ? `WHERE ${source.present.join(' AND ')}` : ''
  return { sql: `SELECT DISTINCT ${first} AS k FROM ${source.from} ${filter} ORDER BY ${first}`, params: [] }
}

function checkedLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 0) throw new ValidationError(`Expected \`limit\` to be an integer >= 0, got ${String(limit)}`)
  return limit
}
