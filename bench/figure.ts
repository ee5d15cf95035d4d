/** A figure as the page reports it, and the ways the suites make one. */
import { median } from './statistics.js'

/** A figure: a value, its unit, and the runs behind a median. */
export interface Figure {
  value: number
  unit: 'ops/s' | 'ms' | 'MB' | 'kB' | '×' | 'jobs' | 'count' | '/min'
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
