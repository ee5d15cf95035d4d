/**
 * How deep data may nest. Engines store deep values unfaithfully: Chromium's IndexedDB reads a
 * value nested 2,500 levels or more back as `null`, and a structured clone overflows the stack
 * at a few thousand. So data is refused past a depth every engine keeps, the same everywhere.
 * @module
 */

/** The deepest nesting of objects, arrays, maps and sets that `add` takes. */
export const MAX_DATA_DEPTH = 1000

/**
 * Whether `value` nests deeper than `max` levels (a top-level object is level 1). Walked with a
 * stack of its own, so the check itself cannot overflow; a value met twice (a cycle, a shared
 * child) is walked once, as a structured clone stores it once.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const seen = new WeakSet<object>()
  const stack: Array<[unknown, number]> = [[value, 1]]
  while (stack.length) {
    const [item, depth] = stack.pop()!
    if (!item || typeof item !== 'object' || seen.has(item)) continue
    if (depth > max) return true
    seen.add(item)
    const children = item instanceof Map ? [...item.keys(), ...item.values()] : item instanceof Set ? [...item] : ArrayBuffer.isView(item) ? [] : Object.values(item)
    for (const child of children) if (child && typeof child === 'object') stack.push([child, depth + 1])
  }
  return false
}
