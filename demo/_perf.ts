import { openDemoQueue } from './demo-queue'
const { queue } = openDemoQueue()
const out = document.getElementById('out')!
async function run(label: string) {
  const t0 = performance.now()
  await queue.addBulk(Array.from({ length: 1000 }, (_, i) => ({ name: 'noop' as const, data: { i }, options: { queue: 'bulk' } })))
  const t1 = performance.now()
  await new Promise((r) => setTimeout(r, 0))
  await queue.whenIdle()
  const t2 = performance.now()
  out.textContent += `${label}: insert ${(t1 - t0).toFixed(0)} ms, total ${(t2 - t0).toFixed(0)} ms, ${(1000 / ((t2 - t0) / 1000)).toFixed(0)} jobs/s\n`
}
await run('no listeners')
let n = 0
queue.on('completed', () => n++)
await run('completed listener')
document.documentElement.dataset.done = 'true'
