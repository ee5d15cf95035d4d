import { expect, it, vi } from 'vitest'
import type { E2EPage } from '../support/driver.ts'
import { call } from './support'

/**
 * Schedules, flows, durable steps and health in the service worker (sw.ts), where `import()` is
 * disallowed and a bundler's preload helper finds no `document`: the tests of every engine,
 * on Vite's dev server and on Vite's build. `fresh` opens the page with its worker active.
 */
export function schedulesAndFlowsInServiceWorker(fresh: () => Promise<E2EPage>): void {
  it('upserts a schedule inside the service worker, which ticks it', async () => {
    const page = await fresh()
    const answer = await call(page, 'upsertInWorker', 'in-worker', { every: 100, limit: 2 }, { name: 'local', data: { n: 4 } })
    expect(answer).toMatchObject({ ok: true, value: { id: 'in-worker' } })
    await vi.waitFor(async () => {
      const jobs = await call(page, 'jobsOfSchedule', 'in-worker')
      expect(jobs.map((job) => [job.state, job.result])).toEqual([['completed', 8], ['completed', 8]])
    }, { timeout: 10_000, interval: 100 })
    expect((await call(page, 'probe')).errors).toEqual([])
  })

  it('adds a flow inside the service worker and runs it', async () => {
    const page = await fresh()
    const answer = await call(page, 'addFlowInWorker', [
      { ref: 'a', name: 'local', data: { n: 1 } },
      { ref: 'b', name: 'local', data: { n: 2 } },
      { ref: 'total', name: 'sum', data: null, dependsOn: ['a', 'b'] },
    ])
    expect(answer.ok, answer.error).toBe(true)
    const { total } = answer.value as { total: string }
    expect((await call(page, 'event', 'completed', total)).result).toBe(6)
    expect((await call(page, 'probe')).errors).toEqual([])
  })

  it('runs durable steps in the service worker', async () => {
    const page = await fresh()
    const id = await call(page, 'add', 'twoSteps', { n: 2 }, { attempts: 1 })
    await vi.waitFor(async () => expect(await call(page, 'state', id)).toMatch(/completed|failed/), { timeout: 10_000, interval: 100 })
    expect((await call(page, 'eventsOf', id)).find((e) => e.event === 'completed' || e.event === 'failed')).toMatchObject({ event: 'completed', result: 30 })
    expect((await call(page, 'probe')).errors).toEqual([])
  })

  it('reads the queue\'s health inside the service worker', async () => {
    const page = await fresh()
    const answer = await call(page, 'healthInWorker')
    expect(answer.ok, answer.error).toBe(true)
    expect(answer.value).toBe(0)
  })

  it('ticks a schedule that a page upserts, without an error event in the service worker', async () => {
    const page = await fresh()
    await call(page, 'upsertScheduler', 'from-page', { every: 100, limit: 2 }, { name: 'local', data: { n: 5 } })
    await vi.waitFor(async () => {
      const jobs = await call(page, 'jobsOfSchedule', 'from-page')
      expect(jobs.map((job) => [job.state, job.result])).toEqual([['completed', 10], ['completed', 10]])
    }, { timeout: 10_000, interval: 100 })
    expect((await call(page, 'probe')).errors).toEqual([])
    expect(await page.errors()).toEqual([])
  })
}
