/**
 * Whether two values read from storage hold the same thing: structured clones of one record
 * are new objects on every read, and a hook that re-rendered for each would render on every
 * event even when nothing it shows changed.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  if (a instanceof Date) return a.getTime() === (b as Date).getTime()
  if (Array.isArray(a)) {
    const other = b as unknown[]
    return a.length === other.length && a.every((item, i) => sameValue(item, other[i]))
  }
  const proto = Object.getPrototypeOf(a)
  // Maps, sets, typed arrays and the like: treated as changed, which costs one render at most.
  if (proto !== Object.prototype && proto !== null) return false
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  return keys.every((key) => Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
}
