/** Formatting of times, durations and values for display (as text). */

const numbers = new Intl.NumberFormat('en-US')

/** 1234 → "1,234". */
export function count(n: number): string {
  return numbers.format(n)
}

function two(n: number): string {
  return String(n).padStart(2, '0')
}

/** Epoch ms → "14:03:27", or "—". */
export function clock(ms: number | undefined): string {
  if (ms === undefined) return '—'
  const d = new Date(ms)
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`
}

/** Epoch ms → "14:03:27.042", or "—". */
export function preciseClock(ms: number | undefined): string {
  return ms === undefined ? '—' : `${clock(ms)}.${String(new Date(ms).getMilliseconds()).padStart(3, '0')}`
}

/** Milliseconds → "840 ms", "2.31 s", "3 min 05 s", or "—". */
export function duration(ms: number | undefined): string {
  if (ms === undefined) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`
  return `${Math.floor(ms / 60_000)} min ${two(Math.round((ms % 60_000) / 1000))} s`
}

/** Any stored value as readable JSON text (typed arrays and the like summarized). */
export function json(value: unknown): string {
  if (value === undefined) return 'undefined'
  try {
    return JSON.stringify(value, (_key, v: unknown) => {
      if (ArrayBuffer.isView(v)) return `‹${v.constructor.name}, ${v.byteLength} bytes›`
      if (v instanceof ArrayBuffer) return `‹ArrayBuffer, ${v.byteLength} bytes›`
      if (v instanceof Date) return v.toISOString()
      if (v instanceof Map) return Object.fromEntries(v)
      if (v instanceof Set) return [...v]
      return v
    }, 2) ?? String(value)
  } catch {
    return String(value)
  }
}

/** The first characters of a nanoid: enough to tell jobs apart on screen. */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id
}

/** A numeric progress 0..100, or `undefined` when the job reported something else. */
export function percent(progress: unknown): number | undefined {
  return typeof progress === 'number' && Number.isFinite(progress) ? Math.max(0, Math.min(100, Math.round(progress))) : undefined
}
