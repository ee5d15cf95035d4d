// The cells and the layout of the printed tables: each figure formatted once, by its unit.

/** A figure as its table cell: its value in its unit, '—' where it was not measured. */
export const fmt = (figure) => {
  if (!figure) return '—'
  const { value, unit } = figure
  if (unit === 'ops/s') return `${Math.round(value).toLocaleString('en-US')}/s`
  if (unit === 'ms') return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`
  if (unit === 'MB') return `${value.toFixed(1)} MB`
  if (unit === '×') return `${value.toFixed(2)}×`
  if (unit === 'count') return String(Math.round(value))
  if (unit === '/min') return `${value.toFixed(1)}/min`
  if (unit === 'jobs') return `${Math.round(value).toLocaleString('en-US')} jobs`
  return `${value.toFixed(2)} kB`
}

/** The ratio of two figures' values as a cell. */
export const ratio = (a, b) => (a && b ? `${(a.value / b.value).toFixed(2)}×` : '—')

/** Rows under a header, columns padded: the first left-aligned, the others right-aligned. */
export function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)))
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)]
}
