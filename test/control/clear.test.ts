// queue.clear(): waiting and delayed jobs removed in bounded transactions, running ones kept.
import { JobCanceledError, ValidationError } from 'docket'
import { describe, expect, it } from 'vitest'
import { collect } from '../support/queue-events'
import { queueFixture } from '../support/queue-fixture'

describe('queue.clear()', () => {
  const fixture = queueFixture()

  it('removes waiting and delayed jobs, resolves to how many, and emits removed for each', async () => {
    const queue = await fixture.open({ autostart: false })
    const removed = collect(queue, 'removed')
    const jobs = await queue.addBulk(Array.from({ length: 1203 }, (_, n) => ({ name: 'double' as const, data: { n }, options: n % 3 ? {} : { delay: 60_000 } })))
    const waiting = jobs[1]!.waitForResult().catch((reason: unknown) => reason)
    expect(await queue.clear()).toBe(1203)
    expect(removed).toHaveLength(1203)
    expect(await waiting).toBeInstanceOf(JobCanceledError)
    expect(await queue.counts()).toMatchObject({ waiting: 0, delayed: 0 })
    expect(await queue.list()).toEqual([])
  })

  it('keeps running jobs, and delayed ones with { delayed: false }, and clears one named queue', async () => {
    const queue = await fixture.open({ concurrency: 1, prefetch: 0 })
    const running = await queue.add('gate', { channel: fixture.notes.channel, tag: 'run' })
    await fixture.notes.next('run', 'started')
    const later = await queue.add('double', { n: 1 }, { delay: 60_000 })
    const other = await queue.add('double', { n: 2 }, { queue: 'other' })
    await queue.add('double', { n: 3 })
    expect(await queue.clear({ queue: 'default', delayed: false })).toBe(1)
    expect((await queue.list()).map((job) => job.id).sort()).toEqual([running.id, later.id, other.id].sort())
    expect(await queue.clear({ queue: 'other' })).toBe(1)
    expect(await queue.clear()).toBe(1)
    expect(await running.getState()).toBe('active')
    fixture.notes.release('run')
    await running.waitForResult()
  })

  it('validates its options, naming the option', async () => {
    const queue = await fixture.open({ autostart: false })
    await expect(queue.clear({ delayed: 1 as never })).rejects.toThrow(new ValidationError('Expected `delayed` to be a boolean, got 1'))
    await expect(queue.clear({ queue: '' })).rejects.toThrow('Expected `queue` to be a non-empty string, got ""')
  })
})
