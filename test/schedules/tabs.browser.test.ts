// Tabs as iframes (each its own document, connection and timer) tick one `every` schedule under
// one clock that the test moves: each slot gets exactly one job. A tab ticks on
// `visibilitychange`, as a page shown again does; the test sends it to every tab at each slot
// (this page, which made the schedule, gets none: the jobs are the tabs' work).
import { createQueue, indexedDBStorage, type Queue } from 'docket'
import { afterEach, expect, it, vi } from 'vitest'
import { uniqueName } from '../support/env'
import { openFrame } from '../support/open-frame'

type BeatQueue = Queue<{ beat: () => string }>
const minute = 60_000
let now = 0
;(window as unknown as { scheduleClock(): number }).scheduleClock = () => now
const frames: HTMLIFrameElement[] = []
const queues: BeatQueue[] = []

afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close()))
  frames.splice(0).forEach((frame) => frame.remove())
  vi.restoreAllMocks()
})

/** Opens a tab on `db`; resolves with its queue once its document has loaded. */
async function openTab(db: string): Promise<{ frame: HTMLIFrameElement; queue: BeatQueue }> {
  const frame = await openFrame(new URL('./support/schedule-frame.html', import.meta.url), { db }, frames)
  const queue = (frame.contentWindow as unknown as { queue: BeatQueue }).queue
  queues.push(queue)
  return { frame, queue }
}

it('makes exactly one job per slot when three tabs tick one schedule', async () => {
  now = Math.ceil(Date.now() / minute) * minute + 1
  vi.spyOn(Date, 'now').mockImplementation(() => now)
  const T0 = now - 1
  const db = uniqueName('schedule-tabs')
  const page: BeatQueue = createQueue({ handlers: { beat: () => 'beat' }, storage: indexedDBStorage({ name: db }), autostart: false })
  queues.push(page)
  await page.upsertScheduler('beat', { every: minute }, { name: 'beat', data: undefined })
  const tabs = [await openTab(db), await openTab(db), await openTab(db)]
  const faults: Error[] = []
  for (const tab of tabs) tab.queue.on('error', ({ error }) => faults.push(error))

  const slots = 20
  for (let k = 1; k <= slots; k++) {
    now = T0 + k * minute
    const id = `schedule:beat:${now}`
    // The job of the slot, made here or in a tab (its `added` event crosses tabs).
    const made = new Promise<void>((resolve) => page.on('added', ({ job }) => job.id === id && resolve()))
    for (const tab of tabs) tab.frame.contentDocument!.dispatchEvent(new Event('visibilitychange'))
    await made
  }
  // Closing waits for every tick under way: nothing more can be made after this.
  await Promise.all(queues.splice(0).map((queue) => queue.close()))

  const storage = indexedDBStorage({ name: db })
  const jobs = await storage.list({ limit: 1000, offset: 0, order: 'asc', now })
  await storage.close()
  expect(faults).toEqual([])
  expect(jobs.map((job) => job.schedule?.slot)).toEqual(Array.from({ length: slots }, (_, i) => T0 + (i + 1) * minute))
})
