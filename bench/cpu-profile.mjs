// `--cpu-profile`: a CDP CPU profile of the page while a suite runs, summarised by self time.
// Only the page's thread is sampled: IndexedDB's own work runs in the browser process and
// shows here as idle time, worker handlers in their own threads.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

export async function startProfile(page) {
  const session = await page.context().newCDPSession(page)
  await session.send('Profiler.enable')
  await session.send('Profiler.setSamplingInterval', { interval: 100 })
  await session.send('Profiler.start')
  return async (file) => {
    const { profile } = await session.send('Profiler.stop')
    await session.detach()
    writeFileSync(file, JSON.stringify(profile))
    return summarise(profile)
  }
}

/** Self time per function (name, file, line), the top `top` of them, and the idle share. */
export function summarise(profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map()
  const deltas = profile.timeDeltas ?? []
  let total = 0
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)
    const dt = (deltas[i + 1] ?? 0) / 1000
    total += dt
    const { functionName, url, lineNumber } = node.callFrame
    const file = url ? url.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '') : ''
    const key = `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`
    self.set(key, (self.get(key) ?? 0) + dt)
  })
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)
  return { totalMs: total, rows: rows.map(([fn, ms]) => ({ fn, ms, share: ms / total })) }
}

export function profileFile(dir, suite) {
  return join(dir, `${suite.replace(/[^\w.-]/g, '_')}.cpuprofile`)
}
