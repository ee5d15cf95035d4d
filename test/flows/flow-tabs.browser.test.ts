// A flow split over two tabs (this page and an iframe, each its own connection): a dependent
// released by a settle in one tab is claimed by the other, and every job runs once. Each tab
// runs one job at a time, none held ahead, and no job ends until the test releases it, so
// which tab runs what is decided by the jobs the test holds, never by timing.
import { createQueue, indexedDBStorage, type Queue } from 'docket'
import { afterEach, expect, it } from 'vitest'
import { uniqueName } from '../support/env'
import { holdHandlers, runsOn } from '../coordination/support/held-jobs'

const frames: HTMLIFrameElement[] = []
const queues: Array<Queue<ReturnType<typeof holdHandlers>>> = []

afterEach(async () => {
  frames.splice(0).forEach((frame) => frame.remove())
  await Promise.all(queues.splice(0).map((queue) => queue.close()))
})

async function openFrame(db: string): Promise<void> {
  const frame = document.createElement('iframe')
  const url = new URL('./support/flow-frame.html', import.meta.url)
  url.search = new URLSearchParams({ db }).toString()
  frame.src = url.href
  frames.push(frame)
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }))
  document.body.append(frame)
  await loaded
}

it('runs a flow split over two tabs, each job once: the parts released in one tab run in both', async () => {
  const db = uniqueName('flow-tabs')
  const runs = runsOn(uniqueName('runs'))
  const queue = createQueue({ handlers: holdHandlers('page'), storage: indexedDBStorage({ name: db }), concurrency: 1, prefetch: 0 })
  queues.push(queue)
  await openFrame(db)
  const data = { channel: runs.name }
  const flow = await queue.addFlow([
    { ref: 'root', name: 'hold', data },
    { ref: 'left', name: 'hold', data, dependsOn: ['root'] },
    { ref: 'right', name: 'hold', data, dependsOn: ['root'] },
    { ref: 'join', name: 'hold', data, dependsOn: ['left', 'right'] },
  ])
  expect((await runs.until(1)).id).toBe(flow.root.id)
  runs.release(flow.root.id)
  // Both parts are released in the transaction that completes the root, in whichever tab ran
  // it; each tab runs one job at a time, so both run at once only if each tab took one.
  const parts = [await runs.until(2), await runs.until(3)]
  expect(parts.map((run) => run.id).sort()).toEqual([flow.left.id, flow.right.id].sort())
  expect(parts.map((run) => run.page).sort()).toEqual(['frame', 'page'])
  for (const part of parts) runs.release(part.id)
  expect((await runs.until(4)).id).toBe(flow.join.id)
  runs.release(flow.join.id)
  expect(await flow.join.waitForResult()).toMatchObject({ page: expect.any(String) })
  const jobs = await queue.list()
  expect(jobs.map((job) => [job.ref, job.state, job.attempts])).toEqual([['root', 'completed', 1], ['left', 'completed', 1], ['right', 'completed', 1], ['join', 'completed', 1]])
  expect(runs.runs).toHaveLength(4)
  runs.close()
})
