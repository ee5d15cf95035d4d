import { describe, expect, it } from 'vitest'
import { queueFixture } from '../support/queue-fixture'
import { runners } from '../support/runner-option'

// A page reload, played in one test: a queue is closed and a new one opens the same database
// (same name, same IndexedDB factory).
describe.each(runners)('jobs persist across a reload (%s runner)', (runner) => {
  const fixture = queueFixture(runner)

  it('runs the jobs that a closed queue added', async () => {
    const first = await fixture.open({ autostart: false })
    const added = await Promise.all([1, 2, 3].map((n) => first.add('double', { n }, { priority: n })))
    const bulk = await first.addBulk([{ name: 'echo', data: { value: 'bulk' } }])
    await first.close()

    const second = await fixture.open()
    const results = await Promise.all([...added, ...bulk].map(async ({ id }) => (await second.get(id))!.waitForResult()))
    expect(results).toEqual([2, 4, 6, expect.objectContaining({ value: 'bulk', attempt: 1 })])

    const done = await second.list({ state: 'completed' })
    expect(done.map((job) => job.id)).toEqual([...added, ...bulk].map((job) => job.id))
    expect(done.map((job) => job.priority)).toEqual([1, 2, 3, 0])
    expect(await second.counts()).toMatchObject({ waiting: 0, active: 0, completed: 4 })
  })

  it('keeps every field of a waiting job, and the outcome of a settled one', async () => {
    const first = await fixture.open()
    const settled = await first.add('flaky', { failures: 1 }, { attempts: 2, backoff: { type: 'fixed', delay: 10 } })
    await settled.waitForResult()
    const waiting = await first.add('double', { n: 5 }, { queue: 'q', priority: 7, attempts: 4, delay: 60_000, unique: { key: 'k' } })
    await first.close()

    const second = await fixture.open()
    expect({ ...(await second.get(waiting.id)) }).toEqual({ ...waiting })
    expect({ ...(await second.get(settled.id)) }).toEqual({ ...settled })
    expect(settled).toMatchObject({ state: 'completed', result: 2, attempts: 2, errors: [expect.objectContaining({ attempt: 1 })] })
    expect((await second.get(waiting.id))!.state).toBe('delayed')
  })

  it('puts a job claimed as the queue closes back to waiting, without counting the attempt', async () => {
    const first = await fixture.open()
    const job = await first.add('echo', { value: 'again' })
    // Closed at once: the claim that the add started is still in flight.
    await first.close()

    const second = await fixture.open({ autostart: false })
    expect(await second.get(job.id)).toMatchObject({ state: 'waiting', attempts: 0 })
    await second.start()
    expect(await (await second.get(job.id))!.waitForResult()).toMatchObject({ value: 'again', attempt: 1 })
  })

  it('keeps the pause of a queue across a reload', async () => {
    const first = await fixture.open()
    await first.pause('q')
    await first.close()

    const second = await fixture.open()
    const paused = await second.add('double', { n: 1 }, { queue: 'q' })
    const free = await second.add('double', { n: 2 })
    expect(await free.waitForResult()).toBe(4)
    await second.whenIdle()
    expect(await paused.getState()).toBe('waiting')

    await second.resume('q')
    expect(await paused.waitForResult()).toBe(2)
  })
})
