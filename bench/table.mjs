// Turns the collected figures into the printed tables and the target checks.

const fmt = (f) => {
  if (!f) return '—'
  const v = f.value
  if (f.unit === 'ops/s') return `${Math.round(v).toLocaleString('en-US')}/s`
  if (f.unit === 'ms') return `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`
  if (f.unit === 'MB') return `${v.toFixed(1)} MB`
  if (f.unit === '×') return `${v.toFixed(2)}×`
  return `${v.toFixed(2)} kB`
}
const ratio = (a, b) => (a && b ? `${(a.value / b.value).toFixed(2)}×` : '—')

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)))
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)]
}

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
function peerRatio(f, key, pairedKey, peerKey) {
  if (!peerKey) return '—'
  const paired = f[`paired.${pairedKey ?? key}.vs.${peerKey}`]
  return paired ? `${paired.value.toFixed(2)}×` : ratio(f[key], f[peerKey])
}

export function render(results) {
  const f = results.figures
  const out = []
  out.push(`docket bench — ${results.date}`)
  out.push(`${results.machine.cpu} (${results.machine.cores} cores), ${results.machine.os}, Node ${results.machine.node}, ${results.machine.chromium}`)
  out.push(`IndexedDB: ${results.storage}`)
  out.push(`Noise: ${results.noise}`)
  out.push('')
  out.push('Throughput: docket and its ratios to the raw limit and to each peer on the same work. Ratios are paired (the')
  out.push('reference measured next to each run, median of per-run ratios) except vs p-queue. e2e = addBulk → whenIdle(), all persisted.')
  out.push(...table(['figure', 'docket', 'vs limit', 'vs workbox', 'vs workglow', 'vs p-queue'],
    rowsFor(results.sizes).map(([label, key, limit, peers, pairedKey]) => [
      label, fmt(f[key]), f[`paired.${key}`] ? `${f[`paired.${key}`].value.toFixed(2)}×` : limit ? ratio(f[key], f[limit]) : '—',
      peerRatio(f, key, pairedKey, peers.workbox), peerRatio(f, key, pairedKey, peers.workglow), peerRatio(f, key, pairedKey, peers['p-queue']),
    ])))
  out.push('')
  out.push('Limit and peers')
  out.push(...table(['figure', 'value', 'what'], Object.keys(f)
    .filter((k) => /^(limit|workbox|workglow|p-queue)\./.test(k) || k.startsWith('docket.e2e.peer-size'))
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
  out.push(`Heap of the page during e2e workers c=4 (${results.sizes.e2e} jobs; performance.memory, after gc() except the peak)`)
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
  const r = (a, b) => {
    const paired = b.startsWith('limit.') ? f[`paired.${a}`] : f[`paired.${a}.vs.${b}`]
    return paired ? paired.value : f[a] && f[b] ? f[a].value / f[b].value : undefined
  }
  atLeast('add one by one ≥ 0.8 × raw one-put-per-tx', r('docket.add.one-by-one', 'limit.put.one-per-tx'), 0.8)
  atLeast('addBulk ≥ 0.7 × raw batched', r('docket.addBulk', 'limit.put.batched'), 0.7)
  for (const c of [1, 4, 16]) atLeast(`e2e workers c=${c} ≥ 0.25 × raw batched`, r(`docket.e2e.worker.${c}`, 'limit.put.batched'), 0.25)
  atMost("add→start p50 ≤ 2 ms ('active')", f['docket.latency.active.p50']?.value, 2, ' ms')
  atMost("add→start p99 ≤ 10 ms ('active')", f['docket.latency.active.p99']?.value, 10, ' ms')
  atMost('add→start p50 ≤ 2 ms (handler start)', f['docket.latency.handler.p50']?.value, 2, ' ms')
  atMost('add→start p99 ≤ 10 ms (handler start)', f['docket.latency.handler.p99']?.value, 10, ' ms')
  atLeast('e2e c=4 ≥ 5 × @workglow/job-queue e2e (same n)', r('docket.e2e.peer-size', 'workglow.e2e'), 5)
  atLeast('e2e c=4 ≥ 5 × workbox Queue push+shift (same n)', r('docket.e2e.peer-size', 'workbox.push-shift'), 5)
  atLeast('addBulk ≥ 5 × workbox pushRequest', r('docket.addBulk', 'workbox.push'), 5)
  atLeast('addBulk ≥ 5 × workglow submitBatch', r('docket.addBulk', 'workglow.submit'), 5)
  atLeast('add one by one ≥ 5 × workbox pushRequest', r('docket.add.one-by-one', 'workbox.push'), 5)
  atLeast('add one by one ≥ 5 × workglow submit', r('docket.add.one-by-one', 'workglow.submit'), 5)
  atMost(`${stored} stored: claim ≤ 1.5 × 100 stored`, r(`docket.stored-${stored}.claim`, 'docket.stored-100.claim'), 1.5, '×')
  atMost(`${stored} stored: first page of list ≤ 1.5 × 100 stored`, r(`docket.stored-${stored}.list`, 'docket.stored-100.list'), 1.5, '×')
  atMost('docket + docket/worker ≤ 6 kB min+gzip, no deps', f['bundle.total.no-deps']?.value, 6, ' kB')
  return out
}
