import type { WorkerLike } from 'docket'
import { describe, expect, it } from 'vitest'
import { isBrowser } from '../support/env'
import { queueFixture } from '../support/queue-fixture'
import { runnerOption, runners } from '../support/runner-option'

describe.each(runners)('where jobs run (%s runner)', (runner) => {
  const fixture = queueFixture(runner)

  it('runs handlers in a worker with the worker runner, in this thread with the inline one', async () => {
    const queue = await fixture.open()
    const job = await queue.add('thread', null)
    expect(await job.waitForResult()).toBe(runner === 'worker' ? 'worker' : 'main')
  })

  it('passes data and results through structured clone', async () => {
    const queue = await fixture.open()
    const value = { date: new Date(5), map: new Map([[1, 'a']]), bytes: new Uint8Array([1, 2]), nested: { list: [null, true] } }
    const result = await (await queue.add('echo', { value })).waitForResult()
    expect(result.value).toEqual(value)
  })
})

describe('the worker pool', () => {
  const fixture = queueFixture('worker')

  it('starts no more workers than `concurrency`, reuses them, and releases them on close', async () => {
    const { worker } = await runnerOption('worker')
    let started = 0
    const exited: Array<Promise<unknown>> = []
    const factory = (): WorkerLike => {
      const w = worker!()
      started++
      // In Node each worker is a thread, which must exit once the queue closed.
      const thread = w as unknown as { once?(event: 'exit', fn: () => void): void }
      if (!isBrowser) exited.push(new Promise<void>((resolve) => thread.once!('exit', resolve)))
      return w
    }
    const queue = await fixture.open({ concurrency: 2 }, { runner: { worker: factory } })
    const jobs = await Promise.all(Array.from({ length: 8 }, (_, n) => queue.add('double', { n })))
    expect(await Promise.all(jobs.map((job) => job.waitForResult()))).toEqual([0, 2, 4, 6, 8, 10, 12, 14])
    expect(started).toBeGreaterThanOrEqual(1)
    expect(started).toBeLessThanOrEqual(2)

    const more = await queue.add('double', { n: 10 })
    expect(await more.waitForResult()).toBe(20)
    expect(started).toBeLessThanOrEqual(2)

    await queue.close()
    await Promise.all(exited)
  })
})
