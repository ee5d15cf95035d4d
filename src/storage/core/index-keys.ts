/**
 * Index keys as values, for backends that keep no index of their own (the memory port): the
 * keys of a row in an index, the order of keys, and whether a key lies in a range. The order
 * is IndexedDB's (numbers before strings), which the SQLite port's columns follow too.
 * @module
 */
import { JOB_INDEXES, type JobIndex } from './job-indexes.js'
import type { JobRow } from './job-row.js'
import type { IndexRange, KeyPart } from './table.js'

/** The keys of `row` in `index`: none if a field is missing, one per element for `multiEntry`. */
export function indexKeys(index: JobIndex, row: JobRow): KeyPart[][] {
  const spec = JOB_INDEXES[index]
  const values = spec.fields.map((field) => (row as unknown as Record<string, unknown>)[field])
  if ('multiEntry' in spec) return Array.isArray(values[0]) ? [...new Set(values[0] as KeyPart[])].map((value) => [value]) : []
  return values.every((value) => value !== undefined && value !== null) ? [values as KeyPart[]] : []
}

function comparePart(a: KeyPart, b: KeyPart): number {
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

/** Compares two keys component by component; a key that is a prefix of the other sorts first. */
export function compareKeys(a: readonly KeyPart[], b: readonly KeyPart[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = comparePart(a[i]!, b[i]!)
    if (order) return order
  }
  return a.length - b.length
}

/** Whether `key` lies in `range` (bounds compared on their own length). */
export function inRange(key: readonly KeyPart[], { prefix, after, upTo }: IndexRange): boolean {
  if (compareKeys(key.slice(0, prefix.length), prefix) !== 0) return false
  const rest = key.slice(prefix.length)
  if (after && compareKeys(rest.slice(0, after.length), after) <= 0) return false
  if (upTo && compareKeys(rest.slice(0, upTo.length), upTo) > 0) return false
  return true
}
