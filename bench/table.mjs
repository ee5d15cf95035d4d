// Turns the collected figures into the printed tables, the target checks included.
import { fmt, ratio, table } from './table-cells.mjs'
import { renderIndexCost } from './table-index-cost.mjs'
import { renderScale, storedSizesOf } from './table-scale.mjs'
import { targets } from './targets.mjs'

/** Which docket throughput figure is held against which limit, and which peer figures. */
const peers = { workbox: 'workbox.push', workglow: 'workglow.submit' }
const rowsFor = (sizes) => [
  [`add one by one (${sizes.single})`, 'docket.add.one-by-one', 'limit.put.one-per-tx', peers],
  ['addBulk (1000)', 'docket.addBulk', 'limit.put.batched', peers],
  [`e2e workers c=1 (${sizes.e2eC1})`, 'docket.e2e.worker.1', 'limit.put.batched', { 'p-queue': 'p-queue.e2e' }],
  [`e2e workers c=4 (${sizes.e2e})`, 'docket.e2e.worker.4', 'limit.put.batched', { 'p-queue': 'p-queue.e2e' }],
  [`e2e workers c=16 (${sizes.e2e})`, 'docket.e2e.worker.16', 'limit.put.batched', { 'p-queue': 'p-queue.e2e' }],
  [`e2e inline c=4 (${sizes.e2e})`, 'docket.e2e.inline.4', 'limit.put.batched', { 'p-queue': 'p-queue.e2e' }],
  [`e2e workers c=4 (${sizes.peerN}, next to workbox)`, 'docket.e2e.peer-size.workbox', undefined, { workbox: 'workbox.push-shift' }, 'docket.e2e.peer-size'],
  [`e2e workers c=4 (${sizes.peerN}, next to workglow)`, 'docket.e2e.peer-size.workglow', undefined, { workglow: 'workglow.e2e' }, 'docket.e2e.peer-size'],
]

/** A peer ratio: the paired one (measured run for run) when there is one, else the ratio of medians. */
function peerRatio(figures, key, pairedKey, peerKey) {
  if (!peerKey) return '—'
  const paired = figures[`paired.${pairedKey ?? key}.vs.${peerKey}`]
  return paired ? `${paired.value.toFixed(2)}×` : ratio(figures[key], figures[peerKey])
}

/** The ratio of docket figure `key` to the raw limit `limit` of the same engine: paired when measured so. */
const limitRatio = (figures, key, limit) =>
  figures[`paired.${key}`] ? `${figures[`paired.${key}`].value.toFixed(2)}×` : limit ? ratio(figures[key], figures[limit]) : '—'

/**
 * One engine's tables. `run` is a section of results.json (figures, sizes, profile, storage,
 * noise); the heap figures exist in Chromium only, the bundle sizes once, with Chromium's run.
 */
function renderEngine(engine, run, figures) {
  const out = []
  out.push(`IndexedDB: ${run.storage}`)
  out.push(`Noise: ${run.noise}`)
  if (run.timerResolutionMs !== undefined) out.push(`performance.now() resolution: ${run.timerResolutionMs >= 0.1 ? run.timerResolutionMs.toFixed(1) : run.timerResolutionMs.toFixed(4)} ms`)
  if (!run.sizes) {
    out.push(`No figures: ${JSON.stringify(run.errors ?? {})}`)
    return out
  }
  out.push('')
  out.push(`Throughput in ${engine}: docket and its ratios to ${engine}'s raw limit and to each peer on the same work, all measured in ${engine}`)
  out.push('in this run. Ratios are paired (the reference measured next to each run, median of per-run ratios) except vs p-queue.')
  out.push('e2e = addBulk → whenIdle(), all persisted.')
  out.push(...table(['figure', 'docket', 'vs limit', 'vs workbox', 'vs workglow', 'vs p-queue'],
    rowsFor(run.sizes).map(([label, key, limit, peers, pairedKey]) => [
      label, fmt(figures[key]), limitRatio(figures, key, limit),
      peerRatio(figures, key, pairedKey, peers.workbox), peerRatio(figures, key, pairedKey, peers.workglow), peerRatio(figures, key, pairedKey, peers['p-queue']),
    ])))
  out.push('')
  out.push('Limit and peers')
  out.push(...table(['figure', 'value', 'what'], Object.keys(figures)
    .filter((k) => /^(limit|counter-cost|workbox|workglow|p-queue)\./.test(k) || k.startsWith('docket.e2e.peer-size'))
    .map((k) => [k, fmt(figures[k]), figures[k].note ?? ''])))
  out.push('')
  out.push('Latency on an idle queue (module workers, c=4)')
  out.push(...table(['figure', 'p50', 'p99'], [
    ["add() → 'active' event", fmt(figures['docket.latency.active.p50']), fmt(figures['docket.latency.active.p99'])],
    ['add() → handler start in worker', fmt(figures['docket.latency.handler.p50']), fmt(figures['docket.latency.handler.p99'])],
  ]))
  out.push('')
  out.push(...renderScale(engine, run, figures))
  out.push('')
  out.push(...renderIndexCost(figures))
  out.push('')
  out.push('Ordering keys (claim medians; e2e with 16 keys, paired with the same run without keys)')
  out.push(...table(['figure', 'value', 'vs 1 key / vs no keys'], [
    ['claim, 1 key', fmt(figures['docket.ordering.claim.1-key']), ''],
    ['claim, 1,000 keys', fmt(figures['docket.ordering.claim.1000-keys']), fmt(figures['paired.docket.ordering.claim.1000-keys'])],
    ['claim, 10,000 waiting in a key', fmt(figures['docket.ordering.claim.10000-in-key']), fmt(figures['paired.docket.ordering.claim.10000-in-key'])],
    ['e2e inline c=4, 16 keys', fmt(figures['docket.ordering.e2e.inline.4']), fmt(figures['paired.docket.ordering.e2e.inline.4'])],
  ]))
  out.push('')
  if (engine === 'chromium') {
    out.push(`Heap of the page during e2e workers c=4 (${run.sizes.e2e} jobs; performance.memory, after gc() except the peak)`)
    out.push(...table(['figure', 'value'], ['peak-growth', 'retained-open', 'retained-closed'].map((k) => [k, fmt(figures[`docket.heap.${k}`])])))
    out.push('')
    out.push('Bundle size, min+gzip (esbuild)')
    out.push(...table(['entry', 'no deps', 'with deps'], ['docket', 'docket/worker', 'total', 'createQueue-only'].map((k) => [k, fmt(figures[`bundle.${k}.no-deps`]), fmt(figures[`bundle.${k}.with-deps`])])))
  } else {
    out.push('Heap: not measured in this engine (performance.memory and gc() exist only in Chromium). Bundle size: see Chromium.')
  }
  if (run.profile) {
    out.push('')
    out.push('IndexedDB work per job (counted by wrapping the browser prototypes)')
    const rows = []
    for (const [label, p] of Object.entries(run.profile)) {
      const tx = Object.values(p.transactions).reduce((a, b) => a + b, 0)
      const rw = Object.entries(p.transactions).filter(([k]) => k.startsWith('readwrite')).reduce((a, [, v]) => a + v, 0)
      const req = Object.values(p.requests).reduce((a, b) => a + b, 0)
      rows.push([label, p.jobs, (tx / p.jobs).toFixed(3), (rw / p.jobs).toFixed(3), (req / p.jobs).toFixed(1), (p.channelPosts / p.jobs).toFixed(2)])
    }
    out.push(...table(['run', 'jobs', 'tx/job', 'rw tx/job', 'requests/job', 'channel posts/job'], rows))
    for (const [label, p] of Object.entries(run.profile)) {
      out.push(`  ${label} (${Math.round(p.wallMs)} ms wall): ${Object.entries(p.transactions).map(([k, v]) => {
        const ms = p.transactionMs[k] ?? 0
        return `${k} ×${v}, ${(ms / v).toFixed(2)} ms each, ${((ms / p.wallMs) * 100).toFixed(0)}% of wall`
      }).join('; ')}`)
    }
  }
  out.push('')
  out.push('A quiet main thread and a quiet idle (stalls as ratios to the 50 ms target; idle as counts)')
  out.push(...table(['figure', 'value', 'how'], Object.keys(figures)
    .filter((k) => k.startsWith('docket.main-thread.') || k.startsWith('docket.idle.'))
    .map((k) => [k, fmt(figures[k]), figures[k].note ?? ''])))
  out.push('')
  out.push(`Targets (${engine})`)
  out.push(...table(['target', 'measured', 'met'], targets(figures, storedSizesOf(run.sizes)).map((t) => [t.target, t.measured, t.met ? 'yes' : `NO (${t.miss})`])))
  return out
}

/** The main ratios side by side, each engine's against its own limit. */
function summary(results) {
  const runs = Object.entries(results.engines ?? {})
  const rows = [
    ['add one by one vs limit', 'docket.add.one-by-one', 'limit.put.one-per-tx'],
    ['addBulk vs limit', 'docket.addBulk', 'limit.put.batched'],
    ['e2e workers c=1 vs limit', 'docket.e2e.worker.1', 'limit.put.batched'],
    ['e2e workers c=4 vs limit', 'docket.e2e.worker.4', 'limit.put.batched'],
    ['e2e workers c=16 vs limit', 'docket.e2e.worker.16', 'limit.put.batched'],
    ['e2e inline c=4 vs limit', 'docket.e2e.inline.4', 'limit.put.batched'],
  ].map(([label, key, limit]) => [label, ...runs.map(([, run]) => limitRatio(run.figures, key, limit))])
  // A flow held against the same number of independent jobs, run for run: what waiting costs.
  rows.push(['flow of 1000 vs 1000 independent', ...runs.map(([, run]) => fmt(run.figures['paired.docket.flow.1000']))])
  rows.push(["add→'active' p50", ...runs.map(([, run]) => fmt(run.figures['docket.latency.active.p50']))])
  rows.push(['raw limit, one put per tx', ...runs.map(([, run]) => fmt(run.figures['limit.put.one-per-tx']))])
  rows.push(['raw limit, batched', ...runs.map(([, run]) => fmt(run.figures['limit.put.batched']))])
  rows.push(['wall time', ...runs.map(([, run]) => `${Math.round(run.seconds)} s`)])
  return table(['figure', ...runs.map(([engine]) => engine)], rows)
}

export function render(results) {
  const out = []
  out.push(`docket bench — ${results.date}`)
  out.push(`${results.machine.cpu} (${results.machine.cores} cores), ${results.machine.os}, Node ${results.machine.node}`)
  out.push(`Noise: ${results.noise}`)
  // Before the engines' sections, results.json held Chromium's run alone, at its top level.
  const runs = results.engines ?? { chromium: { ...results, version: results.machine.chromium } }
  for (const [engine, run] of Object.entries(runs)) {
    out.push('')
    out.push(`=== ${engine}: ${run.version}${run.userAgent ? ` (${run.userAgent})` : ''}, ${Math.round(run.seconds ?? 0)} s${run.quick && !results.quick ? ', at the quick sizes' : ''}${run.date && run.date.slice(0, 16) !== results.date.slice(0, 16) ? `, run ${run.date}` : ''} ===`)
    const figures = engine === 'chromium' ? { ...results.figures, ...run.figures } : run.figures
    out.push(...renderEngine(engine, run, figures))
    const failed = Object.entries(run.errors ?? {})
    if (failed.length) out.push('', `Did not run in ${engine}: ${failed.map(([name, error]) => `${name} (${error})`).join('; ')}`)
  }
  if (results.engines) {
    out.push('')
    out.push("Main ratios per engine (each against that engine's raw limit, measured in the same run)")
    out.push(...summary(results))
  }
  return out.join('\n')
}
