/** Small helpers shared by the in-page measurements: timing, statistics, raw IndexedDB. */

/** Milliseconds since page start, with sub-millisecond resolution. */
export const now = (): number => performance.now()

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** The p-th percentile (0..100), nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** A figure as the page reports it: a value, its unit, and the runs behind a median. */
export interface Figure {
  value: number
  unit: 'ops/s' | 'ms' | 'MB' | 'kB' | '×'
  runs?: number[]
  note?: string
}

/** Runs `body` `runs` times; each run returns its own figure, the median is kept. */
export async function medianOf(runs: number, unit: Figure['unit'], body: (run: number) => Promise<number>, note?: string): Promise<Figure> {
  const values: number[] = []
  for (let i = 0; i < runs; i++) values.push(await body(i))
  return { value: median(values), unit, runs: values, ...(note ? { note } : {}) }
}

/**
 * A figure and its ratio to a reference measured right before it, run after run: on a noisy
 * machine the ratio of neighbours is steadier than the ratio of two medians taken minutes apart.
 */
export async function pairedWith(runs: number, unit: Figure['unit'], reference: () => Promise<number>, body: () => Promise<number>, note: string, refNote: string): Promise<[Figure, Figure]> {
  const values: number[] = []
  const ratios: number[] = []
  for (let i = 0; i < runs; i++) {
    const ref = await reference()
    const value = await body()
    values.push(value)
    ratios.push(value / ref)
  }
  return [
    { value: median(values), unit, runs: values, note },
    { value: median(ratios), unit: '×', runs: ratios, note: `median of per-run ratios to ${refNote} measured just before each run` },
  ]
}

/** Operations per second of `count` operations in `ms`. */
export const rate = (count: number, ms: number): number => (count * 1000) / ms

let counter = 0
/** A database name no earlier run of this page used. */
export function uniqueName(prefix: string): string {
  return `bench-${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`
}

export function requestDone<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

export function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'))
  })
}

/** Opens a database at version 1, creating its stores with `upgrade` the first time. */
export async function openRaw(name: string, upgrade: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  const open = indexedDB.open(name, 1)
  open.onupgradeneeded = () => upgrade(open.result)
  return requestDone(open)
}

/** Deletes a database; waits until it is gone so that disk space does not pile up between runs. */
export async function dropDatabase(name: string): Promise<void> {
  await requestDone(indexedDB.deleteDatabase(name) as IDBRequest<unknown>)
}

/** Yields to the event loop so that timers and messages queued by a previous step run first. */
export const settle = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
