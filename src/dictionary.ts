/**
 * Records keyed by a user's strings (queue names, job names, refs). A plain object inherits
 * `Object.prototype`: `counts['constructor']` is a function and `counts['__proto__'] = row`
 * replaces the prototype instead of storing a row. So such records are built without a
 * prototype, and read through `own`, which also guards those read back from IndexedDB (a
 * structured clone of a null-prototype object is a plain object again).
 * @module
 */

/** A record with no prototype, from `entries` (an object's own entries, or pairs). */
export function dictionary<T>(entries: Iterable<readonly [string, T]> | Readonly<Record<string, T>> = []): Record<string, T> {
  const record = Object.create(null) as Record<string, T>
  const pairs = Symbol.iterator in entries ? (entries as Iterable<readonly [string, T]>) : Object.entries(entries)
  for (const [key, value] of pairs) record[key] = value
  return record
}

/** `record[key]` if it is the record's own, else undefined: never a member of `Object.prototype`. */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined
}
