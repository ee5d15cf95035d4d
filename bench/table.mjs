// Turns the collected figures into the printed tables and the target checks.

const fmt = (f) => {
  if (!f) return '—'
  const v = f.value
  if (f.unit === 'ops/s') return `${Math.round(v).toLocaleString('en-US')}/s`
  if (f.unit === 'ms') return `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`
  if (f.unit === 'MB') return `${v.toFixed(1)} MB`
  return `${v.toFixed(2)} kB`
}
const ratio = (a, b) => (a && b ? `${(a.value / b.value).toFixed(2)}×` : '—')

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)))
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)]
}

/** Which docket throughput figure is held against which limit and which peer figure. */
export const throughputRows = [
  ['add one by one (1,000)', 'docket.add.one-by-one', 'limit.put.one-per-tx', { workbox: 'workbox.push', workglow: 'workglow.submit' }],
  ['addBulk (1,000)', 'docket.addBulk', 'limit.put.batched', { workbox: 'workbox.push', workglow: 'workglow.submit' }],
  ['e2e workers c=1', 'docket.e2e.worker.1', 'limit.put.batched', { workbox: 'workbox.push-shift', workglow: 'workglow.e2e', 'p-queue': 'p-queue.e2e' }],
  ['e2e workers c=4', 'docket.e2e.worker.4', 'limit.put.batched', { workbox: 'workbox.push-shift', workglow: 'workglow.e2e', 'p-queue': 'p-queue.e2e' }],
  ['e2e workers c=16', 'docket.e2e.worker.16', 'limit.put.batched', { workbox: 'workbox.push-shift', workglow: 'workglow.e2e', 'p-queue': 'p-queue.e2e' }],
  ['e2e inline c=4', 'docket.e2e.inline.4', 'limit.put.batched', { workbox: 'workbox.push-shift', workglow: 'workglow.e2e', 'p-queue': 'p-queue.e2e' }],
]

export function render(results) {
  const f = results.figures
  const out = []
  out.push(`docket bench — ${results.date}`)
  out.push(`${results.machine.cpu} (${results.machine.cores} cores), ${results.machine.os}, Node ${results.machine.node}, ${results.machine.chromium}`)
  out.push(`IndexedDB: ${results.storage}`)
  out.push(`Noise: ${results.noise}`)
  out.push('')
  out.push('Throughput (docket, and its ratio to the raw limit and to each peer on the same work)')
  out.push(...table(['figure', 'docket', 'vs limit', 'vs workbox', 'vs workglow', 'vs p-queue'],
    throughputRows.map(([label, key, limit, peers]) => [
      label, fmt(f[key]), ratio(f[key], f[limit]),
      ratio(f[key], f[peers.workbox]), ratio(f[key], f[peers.workglow]), ratio(f[key], f[peers['p-queue']]),
    ])))
  out.push('')
  out.push('Limit and peers')
  out.push(...table(['figure', 'value', 'what'], Object.keys(f)
    .filter((k) => /^(limit|workbox|workglow|p-queue)\./.test(k))
    .map((k) => [k, fmt(f[k]), f[k].note ?? ''])))
  out.push('')
  out.push('Latency on an idle queue (module workers, c=4)')
  out.push(...table(['figure', 'p50', 'p99'], [
    ["add() → 'active' event", fmt(f['docket.latency.active.p50']), fmt(f['docket.latency.active.p99'])],
    ['add() → handler start in worker', fmt(f['docket.latency.handler.p50']), fmt(f['docket.latency.handler.p99'])],
  ]))
  out.push('')
  const stored = results.sizes.stored
  out.push(`Stored jobs: 100 vs ${stored.toLocaleString('en-US')} settled (medians)`)
  out.push(...table(['figure', '100 stored', `${stored.toLocaleString('en-US')} stored`, 'ratio'],
    ['claim', 'add-to-active', 'list', 'list-completed-desc', 'counts'].map((k) => {
      const a = f[`docket.stored-100.${k}`]
      const b = f[`docket.stored-${stored}.${k}`]
      return [k, fmt(a), fmt(b), ratio(b, a)]
    })))
  out.push('')
  out.push(`Heap of the page (performance.memory after gc(), ${results.sizes.heapN.toLocaleString('en-US')} jobs through workers)`)
  out.push(...table(['figure', 'value'], ['peak-growth', 'retained-open', 'retained-closed'].map((k) => [k, fmt(f[`docket.heap.${k}`])])))
  out.push('')
  out.push('Bundle size, min+gzip (esbuild)')
  out.push(...table(['entry', 'no deps', 'with deps'], ['docket', 'docket/worker', 'total', 'createQueue-only'].map((k) => [k, fmt(f[`bundle.${k}.no-deps`]), fmt(f[`bundle.${k}.with-deps`])])))
  if (results.profile) {
    out.push('')
    out.push('IndexedDB work per job (counted by wrapping the browser prototypes)')
    const rows = []
    for (const [label, p] of Object.entries(results.profile)) {
      const tx = Object.values(p.transactions).reduce((a, b) => a + b, 0)
      const rw = Object.entries(p.transactions).filter(([k]) => k.startsWith('readwrite')).reduce((a, [, v]) => a + v, 0)
      const req = Object.values(p.requests).reduce((a, b) => a + b, 0)
      rows.push([label, p.jobs, (tx / p.jobs).toFixed(3), (rw / p.jobs).toFixed(3), (req / p.jobs).toFixed(1), (p.channelPosts / p.jobs).toFixed(2)])
    }
    out.push(...table(['run', 'jobs', 'tx/job', 'rw tx/job', 'requests/job', 'channel posts/job'], rows))
    for (const [label, p] of Object.entries(results.profile)) {
      out.push(`  ${label} (${Math.round(p.wallMs)} ms wall): ${Object.entries(p.transactions).map(([k, v]) => {
        const ms = p.transactionMs[k] ?? 0
        return `${k} ×${v}, ${(ms / v).toFixed(2)} ms each, ${((ms / p.wallMs) * 100).toFixed(0)}% of wall`
      }).join('; ')}`)
    }
  }
  out.push('')
  out.push('Targets')
  out.push(...table(['target', 'measured', 'met'], targets(f, results.sizes.stored).map((t) => [t.target, t.measured, t.met ? 'yes' : `NO (${t.miss})`])))
  return out.join('\n')
}

/** The issue's targets, each with the measured figure and, when missed, by how much. */
export function targets(f, stored = 100_000) {
  const out = []
  const atLeast = (target, value, min, unit = '×') => {
    if (value === undefined || Number.isNaN(value)) return out.push({ target, measured: 'not measured', met: false, miss: 'no figure' })
    out.push({ target, measured: `${value.toFixed(2)}${unit}`, met: value >= min, miss: `${((value / min) * 100).toFixed(0)}% of the target` })
  }
  const atMost = (target, value, max, unit) => {
    if (value === undefined || Number.isNaN(value)) return out.push({ target, measured: 'not measured', met: false, miss: 'no figure' })
    out.push({ target, measured: `${value.toFixed(2)}${unit}`, met: value <= max, miss: `${(value / max).toFixed(2)}× the bound` })
  }
  const r = (a, b) => (f[a] && f[b] ? f[a].value / f[b].value : undefined)
  atLeast('add one by one ≥ 0.8 × raw one-put-per-tx', r('docket.add.one-by-one', 'limit.put.one-per-tx'), 0.8)
  atLeast('addBulk ≥ 0.7 × raw batched', r('docket.addBulk', 'limit.put.batched'), 0.7)
  for (const c of [1, 4, 16]) atLeast(`e2e workers c=${c} ≥ 0.25 × raw batched`, r(`docket.e2e.worker.${c}`, 'limit.put.batched'), 0.25)
  atMost("add→start p50 ≤ 2 ms ('active')", f['docket.latency.active.p50']?.value, 2, ' ms')
  atMost("add→start p99 ≤ 10 ms ('active')", f['docket.latency.active.p99']?.value, 10, ' ms')
  atMost('add→start p50 ≤ 2 ms (handler start)', f['docket.latency.handler.p50']?.value, 2, ' ms')
  atMost('add→start p99 ≤ 10 ms (handler start)', f['docket.latency.handler.p99']?.value, 10, ' ms')
  atLeast('e2e c=4 ≥ 5 × @workglow/job-queue e2e', r('docket.e2e.worker.4', 'workglow.e2e'), 5)
  atLeast("e2e c=4 ≥ 5 × workbox Queue push+shift", r('docket.e2e.worker.4', 'workbox.push-shift'), 5)
  atMost(`${stored} stored: claim ≤ 1.5 × 100 stored`, r(`docket.stored-${stored}.claim`, 'docket.stored-100.claim'), 1.5, '×')
  atMost(`${stored} stored: first page of list ≤ 1.5 × 100 stored`, r(`docket.stored-${stored}.list`, 'docket.stored-100.list'), 1.5, '×')
  atMost('docket + docket/worker ≤ 6 kB min+gzip, no deps', f['bundle.total.no-deps']?.value, 6, ' kB')
  return out
}
