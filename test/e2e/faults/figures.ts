/** One line of the table the suite prints at its end. */
export interface Figure {
  scenario: string
  jobs: number
  runs: number
  /** Jobs that completed more than once (must be 0). */
  duplicates: number
  /** Jobs whose handler ran a second time after a recovery. */
  reRuns: number
  /** Lost jobs (must be 0). */
  lost: number
  /** The latency that matters to the scenario, already formatted. */
  latency: string
  note: string
}

export const figures: Figure[] = []

/** Prints the figures as a fixed-width table, headed by the engine they were measured in. */
export function printFigures(engine: string): void {
  if (!figures.length) return
  const columns = ['scenario', 'jobs', 'runs', 'duplicates', 'reRuns', 'lost', 'latency', 'note'] as const
  const cells = figures.map((f) => columns.map((c) => String(f[c])))
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)))
  const line = (row: readonly string[]): string => row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')
  console.log(['', `docket fault suite (${engine})`, line(columns), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line), ''].join('\n'))
}

/** Milliseconds with one decimal. */
export const ms = (value: number): string => `${value.toFixed(1)} ms`

/** min / median / max of some milliseconds. */
export function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b)
  if (!sorted.length) return '-'
  return `min ${ms(sorted[0]!)}, median ${ms(sorted[Math.floor(sorted.length / 2)]!)}, max ${ms(sorted[sorted.length - 1]!)}`
}
