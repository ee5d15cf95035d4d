import { useCounts, useJob, useJobs } from 'docket/react'
import { describe, expect, it } from 'vitest'
import { queueFixture } from '../support/queue-fixture'
import { countListeners, renderProbe } from './render-probe'

// The hooks in a real React 19 root (strict mode: every effect mounts, unmounts and mounts
// again), over real queues on the test's IndexedDB database. "Another tab" is a second queue on
// the same database: its events reach the first one through docket's BroadcastChannel, as
// another tab's do.
describe('docket/react', () => {
  const fixture = queueFixture('inline')

  it('useCounts starts at zero, then follows jobs added in another context', async () => {
    const page = await fixture.open({ autostart: false })
    const other = await fixture.open({ autostart: false })
    const probe = renderProbe(() => useCounts(page))
    expect(probe.commits[0] ?? { waiting: 0 }).toMatchObject({ waiting: 0 })
    await other.add('double', { n: 1 })
    await other.add('double', { n: 2 }, { queue: 'images' })
    expect(await probe.until((counts) => counts.waiting === 2)).toMatchObject({ waiting: 2, active: 0, completed: 0 })
    const images = renderProbe(() => useCounts(page, { queue: 'images' }))
    expect(await images.until((counts) => counts.waiting === 1)).toMatchObject({ waiting: 1 })
    probe.unmount()
    images.unmount()
  })

  it('useJob follows one job to completed, and shows null once another context removes it', async () => {
    const page = await fixture.open({ autostart: false })
    const other = await fixture.open({ autostart: false })
    const job = await page.add('double', { n: 21 })
    const probe = renderProbe(() => useJob(page, job.id))
    expect(await probe.until((value) => value !== undefined)).toMatchObject({ id: job.id, state: 'waiting', name: 'double' })
    await other.start()
    const done = await probe.until((value) => value?.state === 'completed')
    expect(done).toMatchObject({ result: 42, isSettled: true })
    expect(Object.isFrozen(done)).toBe(true)
    await other.remove(job.id)
    expect(await probe.until((value) => value === null)).toBe(null)
    const missing = renderProbe(() => useJob(page, 'no-such-id'))
    expect(await missing.until((value) => value === null)).toBe(null)
    probe.unmount()
    missing.unmount()
  })

  it('useJobs shows the page that list() reads, and follows a job another context runs', async () => {
    const page = await fixture.open({ autostart: false })
    const other = await fixture.open({ autostart: false })
    await page.addBulk([1, 2, 3].map((n) => ({ name: 'double' as const, data: { n } })))
    const waiting = renderProbe(() => useJobs(page, { state: 'waiting', order: 'desc', limit: 2 }))
    const seen = await waiting.until((jobs) => jobs.length === 2)
    expect(seen.map((job) => job.data)).toEqual([{ n: 3 }, { n: 2 }])
    const completed = renderProbe(() => useJobs(page, { state: 'completed' }))
    await other.start()
    const all = await completed.until((jobs) => jobs.length === 3)
    // A union over the test jobs' names: `name` narrows `result` without a cast.
    const results = all.map((job) => (job.name === 'double' ? job.result : undefined))
    expect(results).toEqual([2, 4, 6])
    expect(await waiting.until((jobs) => jobs.length === 0)).toEqual([])
    waiting.unmount()
    completed.unmount()
  })

  it('stays consistent under a 1,000-job burst from another context, with a bounded number of renders', async () => {
    const page = await fixture.open({ autostart: false })
    const other = await fixture.open({ autostart: false })
    const counts = renderProbe(() => useCounts(page), { strict: false })
    const list = renderProbe(() => useJobs(page, { order: 'desc', limit: 10 }), { strict: false })
    await counts.until(() => true)
    await list.until(() => true)
    const before = { counts: counts.commits.length, list: list.commits.length }
    await other.addBulk(Array.from({ length: 1000 }, (_, n) => ({ name: 'double' as const, data: { n } })))
    expect(await counts.until((value) => value.waiting === 1000)).toMatchObject({ waiting: 1000 })
    const n = (job: (typeof list.commits)[number][number] | undefined) => (job?.name === 'double' ? job.data.n : undefined)
    const newest = await list.until((jobs) => n(jobs[0]) === 999)
    expect(newest.map(n)).toEqual([999, 998, 997, 996, 995, 994, 993, 992, 991, 990])
    // 1,000 `added` events: each hook reads once for the first event and once more for all the
    // rest (coalesced while the first read is in flight), so it commits at most twice.
    expect(counts.commits.length - before.counts).toBeLessThanOrEqual(2)
    expect(list.commits.length - before.list).toBeLessThanOrEqual(2)
    counts.unmount()
    list.unmount()
  })

  it('removes its queue listeners on unmount, strict mode double mount included', async () => {
    const page = await fixture.open({ autostart: false })
    const counted = countListeners(page)
    const job = await page.add('double', { n: 1 })
    const counts = renderProbe(() => useCounts(counted.queue))
    const one = renderProbe(() => useJob(counted.queue, job.id))
    const list = renderProbe(() => useJobs(counted.queue, { state: 'waiting' }))
    await list.until((jobs) => jobs.length === 1)
    await one.until((value) => value !== undefined)
    await counts.until((value) => value.waiting === 1)
    expect(counted.live()).toBeGreaterThan(0)
    for (const probe of [counts, one, list]) probe.unmount()
    expect(counted.live()).toBe(0)
  })
})
