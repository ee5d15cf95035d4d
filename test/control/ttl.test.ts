// `ttl`: a job not started within `ttl` ms of its add never runs; the claim that finds it
// fails it with ExpiredError, without retries. Time passes on the test clock, never by waiting.
import { DependencyFailedError, ExpiredError, ValidationError } from 'docket'
import { describe, expect, it, vi } from 'vitest'
import { collect } from '../support/queue-events'
import { queueFixture } from '../support/queue-fixture'

const backoff = { type: 'fixed', delay: 10 } as const

describe('ttl', () => {
  const fixture = queueFixture()

  it('fails a job whose ttl passed before any scheduler claimed it, without running it', async () => {
    const queue = await fixture.open({ autostart: false })
    const active = collect(queue, 'active')
    const failed = collect(queue, 'failed')
    const job = await queue.add('double', { n: 1 }, { ttl: 1000, attempts: 5 })
    expect(job.expiresAt).toBe(job.createdAt + 1000)
    fixture.clock.advance(1001)
    await queue.start()
    const error = await job.waitForResult().catch((reason: unknown) => reason)
    expect((error as Error & { cause?: unknown }).cause).toMatchObject({ name: 'ExpiredError' })
    await queue.whenIdle()
    expect(await job.refresh()).toMatchObject({ state: 'failed', attempts: 0, error: { name: 'ExpiredError' } })
    expect(active).toEqual([])
    expect(failed.map(({ job: { id }, error: { name }, willRetry }) => ({ id, name, willRetry }))).toEqual([{ id: job.id, name: 'ExpiredError', willRetry: false }])
    expect(await queue.counts()).toMatchObject({ waiting: 0, failed: 1 })
  })

  it('fails on the next open a job whose ttl passed while every context was closed', async () => {
    const first = await fixture.open({ autostart: false })
    const job = await first.add('double', { n: 2 }, { ttl: 60_000 })
    const kept = await first.add('double', { n: 3 })
    await first.close()
    fixture.clock.advance(60_000)
    const second = await fixture.open()
    const failed = collect(second, 'failed')
    expect(await (await second.get(kept.id))!.waitForResult()).toBe(6)
    await second.whenIdle()
    expect(await second.get(job.id)).toMatchObject({ state: 'failed', attempts: 0, error: { name: 'ExpiredError' } })
    expect(failed.map((payload) => payload.job.id)).toEqual([job.id])
  })

  it('runs a job claimed before its ttl, and takes `ttl` from `defaults`', async () => {
    const queue = await fixture.open({ defaults: { ttl: 5000 } })
    const job = await queue.add('double', { n: 4 })
    expect(job.expiresAt).toBe(job.createdAt + 5000)
    expect(await job.waitForResult()).toBe(8)
  })

  it('fails at once a job whose retry would come after its expiry, keeping the attempt error', async () => {
    const queue = await fixture.open()
    const job = await queue.add('flaky', { failures: 3 }, { ttl: 5000, attempts: 5, backoff: { type: 'fixed', delay: 10_000 } })
    await job.waitForResult().catch(() => undefined)
    expect(await job.refresh()).toMatchObject({ state: 'failed', attempts: 1, error: { name: 'ExpiredError' } })
    expect(job.errors.map((error) => error.name)).toEqual(['Error', 'ExpiredError'])
  })

  it('lets a delayed retry that comes due before the expiry run', async () => {
    const queue = await fixture.open()
    const job = await queue.add('flaky', { failures: 1 }, { ttl: 60_000, attempts: 3, backoff })
    expect(await job.waitForResult()).toBe(2)
  })

  it('fails the dependents of an expired prerequisite, as a failure does', async () => {
    const queue = await fixture.open({ autostart: false })
    const { a, b } = await queue.addFlow([
      { ref: 'a', name: 'double', data: { n: 1 }, options: { ttl: 100 } },
      { ref: 'b', name: 'double', data: { n: 2 }, dependsOn: ['a'] },
    ])
    fixture.clock.advance(200)
    await queue.start()
    await expect(b.waitForResult()).rejects.toMatchObject({ cause: { name: 'DependencyFailedError' } })
    expect(await a.refresh()).toMatchObject({ state: 'failed', error: { name: 'ExpiredError' } })
    expect(new DependencyFailedError('x').name).toBe('DependencyFailedError')
  })

  it('runs an expired job again on retry(), without the bound', async () => {
    const queue = await fixture.open({ autostart: false })
    const job = await queue.add('double', { n: 5 }, { ttl: 10 })
    fixture.clock.advance(20)
    await queue.start()
    await job.waitForResult().catch(() => undefined)
    await queue.whenIdle()
    await job.retry()
    expect(job.expiresAt).toBeUndefined()
    expect(await job.waitForResult()).toBe(10)
  })

  it('does not start a job claimed ahead whose ttl passed while it was held', async () => {
    const queue = await fixture.open({ autostart: false, concurrency: 1, prefetch: 4 })
    const active = collect(queue, 'active')
    const gate = await queue.add('gate', { channel: fixture.notes.channel, tag: 'slot' })
    const rest = await queue.addBulk(Array.from({ length: 5 }, (_, n) => ({ name: 'double' as const, data: { n }, options: { ttl: 5000 } })))
    await queue.start()
    await fixture.notes.next('slot', 'started')
    // The claim after the first saw a backlog: it claimed jobs ahead, held for the one slot.
    const storage = fixture.db.storage()
    await vi.waitFor(async () => expect((await storage.list({ states: ['active'], stored: true, limit: 10, offset: 0, order: 'asc', now: Date.now() })).filter((job) => job.held)).toHaveLength(4))
    await storage.close()
    fixture.clock.advance(6000)
    fixture.notes.release('slot')
    await gate.waitForResult()
    const outcomes = await Promise.all(rest.map((job) => job.waitForResult().catch((error: { cause?: { name?: string } }) => error.cause?.name)))
    expect(outcomes).toEqual(Array(5).fill('ExpiredError'))
    expect(active.map(({ job }) => job.id)).toEqual([gate.id])
    for (const job of rest) expect(await job.refresh()).toMatchObject({ state: 'failed', attempts: 0 })
    expect(await queue.counts()).toMatchObject({ waiting: 0, active: 0, failed: 5, completed: 1 })
  })

  it('validates ttl, naming the option, the expected and the received', async () => {
    const queue = await fixture.open({ autostart: false })
    await expect(queue.add('double', { n: 1 }, { ttl: 0 })).rejects.toThrow(new ValidationError('Expected `ttl` to be a finite number >= 1, got 0'))
    await expect(queue.add('double', { n: 1 }, { ttl: 100, delay: 100 })).rejects.toThrow(/Expected `ttl` to be more than the job's delay \(100 ms\), or it could never start, got 100/)
    await expect(fixture.open({ defaults: { ttl: -1 } })).rejects.toThrow('Expected `defaults.ttl` to be a finite number >= 1, got -1')
  })

  it('is an Error of its own name', () => {
    const error = new ExpiredError('late')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('ExpiredError')
  })
})
