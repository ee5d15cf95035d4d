// job.changePriority() and job.changeDelay(): on a job that has not started, atomic against a
// claim in another context; a started job rejects with ValidationError.
import { ValidationError } from 'docket'
import { describe, expect, it } from 'vitest'
import { collect } from '../support/queue-events'
import { queueFixture } from '../support/queue-fixture'

describe('changePriority and changeDelay', () => {
  const fixture = queueFixture()

  it('reorders waiting jobs by their new priority', async () => {
    const queue = await fixture.open({ autostart: false, concurrency: 1, prefetch: 0 })
    const completed = collect(queue, 'completed')
    const [a, b, c] = await Promise.all([1, 2, 3].map((n) => queue.add('double', { n })))
    expect(await c!.changePriority(10)).toBe(c)
    expect(c).toMatchObject({ priority: 10, state: 'waiting' })
    await b!.changePriority(5)
    await queue.start()
    await Promise.all([a, b, c].map((job) => job!.waitForResult()))
    expect(completed.map(({ job }) => job.id)).toEqual([c!.id, b!.id, a!.id])
  })

  it('moves a delayed job to now, and a waiting one later', async () => {
    const queue = await fixture.open({ autostart: false })
    const later = await queue.add('double', { n: 2 }, { delay: 3_600_000 })
    const now = await queue.add('double', { n: 3 })
    await now.changeDelay(60_000)
    expect(now).toMatchObject({ state: 'delayed' })
    expect(now.runAt).toBeGreaterThanOrEqual(Date.now() + 59_000)
    await later.changeDelay(0)
    expect(later.state).toBe('waiting')
    await queue.start()
    expect(await later.waitForResult()).toBe(4)
    expect(await queue.counts()).toMatchObject({ delayed: 1, completed: 1 })
  })

  it('rejects for a running or settled job, and validates its argument', async () => {
    const queue = await fixture.open()
    const job = await queue.add('gate', { channel: fixture.notes.channel, tag: 'run' })
    await fixture.notes.next('run', 'started')
    await expect(job.changePriority(3)).rejects.toThrow(new ValidationError(`Expected job ${job.id} not to have started to change its priority, got 'active'`))
    await expect(job.changeDelay(10)).rejects.toBeInstanceOf(ValidationError)
    fixture.notes.release('run')
    await job.waitForResult()
    await expect(job.changeDelay(10)).rejects.toThrow(/got 'completed'/)
    await expect(job.changePriority(1.5)).rejects.toThrow('Expected `priority` to be an integer, got 1.5')
    await expect(job.changeDelay(-1)).rejects.toThrow('Expected `delay` to be a finite number >= 0, got -1')
  })

  it('races a claim in another context: a job is changed before it starts, or the call rejects', async () => {
    const adder = await fixture.open({ autostart: false })
    const runner = await fixture.open({ concurrency: 8 })
    let changed = 0
    let refused = 0
    for (let round = 0; round < 30; round++) {
      const job = await adder.add('double', { n: round })
      const outcome = await job.changePriority(7).then(() => 'changed', (error: unknown) => {
        expect(error).toBeInstanceOf(ValidationError)
        return 'refused'
      })
      if (outcome === 'changed') changed++
      else refused++
      await job.waitForResult()
      // What ran is what is stored: a change never lands on a job once it has started.
      expect((await job.refresh()).priority).toBe(outcome === 'changed' ? 7 : 0)
    }
    expect(changed + refused).toBe(30)
    await runner.whenIdle()
  })
})
