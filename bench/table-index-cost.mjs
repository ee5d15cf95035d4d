// The index-cost table: raw puts of docket's rows into a store with each set of docket's
// indexes, each held against the store with no index in the same round.
import { fmt, table } from './table-cells.mjs'

const rank = (variant) => ['no-index', 'docket'].indexOf(variant) + 1 || 3

/** The lines of the index-cost section; nothing when the suite did not run. */
export function renderIndexCost(figures) {
  const variants = Object.keys(figures)
    .filter((key) => key.startsWith('index-cost.') && key.endsWith('.batched'))
    .map((key) => key.slice('index-cost.'.length, -'.batched'.length))
    // The references first, then each index removed, by name (the engines return figures in any order).
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  if (!variants.length) return []
  const at = (variant, what) => figures[`index-cost.${variant}.${what}`]
  const out = ['What each index costs: raw puts of docket-shaped rows (medians over rounds; ratios to no index in the same round)']
  out.push(...table(['store', 'batched puts', 'vs no index', 'three-put floor (jobs/s)', 'vs no index', 'floor vs batched'], variants.map((variant) => [
    variant, fmt(at(variant, 'batched')), fmt(at(variant, 'batched.vs-no-index')),
    fmt(at(variant, 'three-put')), fmt(at(variant, 'three-put.vs-no-index')), fmt(at(variant, 'three-put.vs-batched')),
  ])))
  const docket = figures['index-cost.docket.batched']
  if (docket?.note) out.push(`  ${docket.note}`)
  out.push('  three-put floor: insert, claim and settle puts of every job, each a batched transaction; floor vs batched is 0.33× when a claim or settle put costs what an insert does.')
  return out
}
