// The targets for the bench figures: each checked against what was measured.

/** The targets, each with the measured figure and, when missed, by how much. */
export function targets(figures, storedSizes = [100_000]) {
  const out = []
  const atLeast = (target, value, min, unit = '×') => {
    if (value === undefined || Number.isNaN(value)) return out.push({ target, measured: 'not measured', met: false, miss: 'no figure' })
    out.push({ target, measured: `${value.toFixed(2)}${unit}`, met: value >= min, miss: `${((value / min) * 100).toFixed(0)}% of the target` })
  }
  const atMost = (target, value, max, unit) => {
    if (value === undefined || Number.isNaN(value)) return out.push({ target, measured: 'not measured', met: false, miss: 'no figure' })
    out.push({ target, measured: `${value.toFixed(2)}${unit}`, met: value <= max, miss: `${(value / max).toFixed(2)}× the bound` })
  }
  /** The ratio of figure `mine` to `reference`: the paired one when measured, else the ratio of medians. */
  const ratioOf = (mine, reference) => {
    const paired = reference.startsWith('limit.') ? figures[`paired.${mine}`] : figures[`paired.${mine}.vs.${reference}`]
    return paired ? paired.value : figures[mine] && figures[reference] ? figures[mine].value / figures[reference].value : undefined
  }
  atLeast('add one by one ≥ 0.8 × raw one-put-per-tx', ratioOf('docket.add.one-by-one', 'limit.put.one-per-tx'), 0.8)
  atLeast('addBulk ≥ 0.7 × raw batched', ratioOf('docket.addBulk', 'limit.put.batched'), 0.7)
  for (const c of [1, 4, 16]) atLeast(`e2e workers c=${c} ≥ 0.25 × raw batched`, ratioOf(`docket.e2e.worker.${c}`, 'limit.put.batched'), 0.25)
  atMost("add→start p50 ≤ 2 ms ('active')", figures['docket.latency.active.p50']?.value, 2, ' ms')
  atMost("add→start p99 ≤ 10 ms ('active')", figures['docket.latency.active.p99']?.value, 10, ' ms')
  atMost('add→start p50 ≤ 2 ms (handler start)', figures['docket.latency.handler.p50']?.value, 2, ' ms')
  atMost('add→start p99 ≤ 10 ms (handler start)', figures['docket.latency.handler.p99']?.value, 10, ' ms')
  atLeast('e2e c=4 ≥ 5 × @workglow/job-queue e2e (same n)', ratioOf('docket.e2e.peer-size', 'workglow.e2e'), 5)
  atLeast('e2e c=4 ≥ 5 × workbox Queue push+shift (same n)', ratioOf('docket.e2e.peer-size', 'workbox.push-shift'), 5)
  atLeast('addBulk ≥ 5 × workbox pushRequest', ratioOf('docket.addBulk', 'workbox.push'), 5)
  atLeast('addBulk ≥ 5 × workglow submitBatch', ratioOf('docket.addBulk', 'workglow.submit'), 5)
  atLeast('add one by one ≥ 5 × workbox pushRequest', ratioOf('docket.add.one-by-one', 'workbox.push'), 5)
  atLeast('add one by one ≥ 5 × workglow submit', ratioOf('docket.add.one-by-one', 'workglow.submit'), 5)
  for (const stored of storedSizes) {
    const n = stored.toLocaleString('en-US')
    for (const [key, what] of [['claim', 'claim'], ['list', 'first page of list'], ['list-completed-desc', 'first page of list by state'], ['counts', 'counts']]) {
      atMost(`${n} stored: ${what} ≤ 1.5 × 100 stored`, ratioOf(`docket.stored-${stored}.${key}`, `docket.stored-100.${key}`), 1.5, '×')
    }
    // The heap exists in Chromium only: elsewhere there is nothing to hold to the bound.
    const heap = [figures[`docket.stored-${stored}.heap`], figures['docket.stored-100.heap']]
    if (heap[0] || heap[1]) atMost(`${n} stored: page heap ≤ 100 stored + 10 MB`, heap[0] && heap[1] ? heap[0].value - heap[1].value : undefined, 10, ' MB')
  }
  atMost('ordering: claim among 1,000 keys ≤ 1.5 × 1 key', figures['paired.docket.ordering.claim.1000-keys']?.value, 1.5, '×')
  atMost('ordering: claim beside 10,000 in a key ≤ 1.5 × 1 key', figures['paired.docket.ordering.claim.10000-in-key']?.value, 1.5, '×')
  // A quiet main thread: the longest task where the engine reports tasks, else the ticker's longest gap.
  const stall = (key) => figures[`${key}.longest-task`]?.value ?? figures[`${key}.longest-gap`]?.value
  atMost('burst: longest main-thread task ≤ 50 ms', stall('docket.main-thread.burst'), 50, ' ms')
  atMost('burst, devtools shown: longest main-thread task ≤ 50 ms', stall('docket.main-thread.burst-devtools'), 50, ' ms')
  atMost('idle: 0 timers per minute (beyond the delayed job\'s, which has not come)', figures['docket.idle.timers-per-minute']?.value, 0, '/min')
  atMost('idle: 0 transactions per minute', figures['docket.idle.transactions-per-minute']?.value, 0, '/min')
  atMost('docket + docket/worker ≤ 6 kB min+gzip, no deps', figures['bundle.total.no-deps']?.value, 6, ' kB')
  return out
}
