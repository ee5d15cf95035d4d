// The scale table: each figure of a large store next to the same figure of a store of 100 jobs
// measured in the same run, against the bounds (≤ 1.5×; the heap within 10 MB).
import { fmt, table } from './table-cells.mjs'

/** The larger stores of a run (results.json before 2026-12 held one, `sizes.stored`). */
export const storedSizesOf = (sizes) => sizes?.storedSizes ?? (sizes?.stored ? [sizes.stored] : [])

/** The figures of the scale suite, in the table's order, with the bound each is held to. */
export const scaleRows = [
  ['claim', 'storage.claim() of the one due job', '≤ 1.5×'],
  ['add-to-active', "add() → 'active'", ''],
  ['list', 'list(): first page', '≤ 1.5×'],
  ['list-completed-desc', "list({ state: 'completed', order: 'desc' })", '≤ 1.5×'],
  ['list-waiting', "list({ state: 'waiting' }) (none waiting)", '≤ 1.5×'],
  ['counts', 'counts()', '≤ 1.5×'],
  ['heap', 'page heap, queue open (after gc)', '≤ +10 MB'],
]

const thousands = (n) => n.toLocaleString('en-US')

/** A large store's figure against the store of 100: a ratio, or for the heap the difference in MB. */
function against(key, large, small) {
  if (!large || !small) return '—'
  if (key === 'heap') return `${large.value - small.value >= 0 ? '+' : ''}${(large.value - small.value).toFixed(1)} MB`
  return `${(large.value / small.value).toFixed(2)}×`
}

/** The lines of the scale section of one engine's tables. */
export function renderScale(engine, run, figures) {
  const sizes = storedSizesOf(run.sizes)
  const out = []
  const of = (n, key) => figures[`docket.stored-${n}.${key}`]
  out.push(`Stored jobs: 100 vs ${sizes.map(thousands).join(' vs ')} settled, in ${engine} (medians; each held against the store of 100 of the same run)`)
  const header = ['figure', '100 stored', ...sizes.flatMap((n) => [`${thousands(n)} stored`, 'vs 100']), 'bound']
  const rows = scaleRows.map(([key, label, bound]) => [label, fmt(of(100, key)), ...sizes.flatMap((n) => [fmt(of(n, key)), against(key, of(n, key), of(100, key))]), bound])
  rows.push(['fill (rows/s straight into the store)', fmt(of(100, 'fill')), ...sizes.flatMap((n) => [fmt(of(n, 'fill')), '']), ''])
  out.push(...table(header, rows))
  if (![100, ...sizes].some((n) => of(n, 'heap'))) out.push(`Heap: not measured in ${engine} (performance.memory and gc() exist only in Chromium).`)
  for (const n of [100, ...sizes]) {
    const check = of(n, 'fill-check')
    if (check && check.value !== 0) out.push(`WARNING (${thousands(n)} stored): ${check.note}`)
  }
  return out
}

/** Warnings of the fill check, for the end of a run: a filled store whose counts() disagree with what was written. */
export function fillWarnings(figures) {
  return Object.entries(figures ?? {})
    .filter(([key, figure]) => key.endsWith('.fill-check') && figure.value !== 0)
    .map(([key, figure]) => `${key.slice(0, -'.fill-check'.length)}: ${figure.note}`)
}
