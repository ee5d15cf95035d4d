// Flows through the queue: jobs that wait for other jobs, on real storage and both runners
// (inline, and Web Workers or worker_threads, where `ctx.dependencies` crosses the thread).
import { JobFailedError, ValidationError } from 'docket'
import { describe, expect, it } from 'vitest'
import { queueFixture } from '../support/queue-fixture'
import { runners } from '../support/runner-option'

describe.each(runners)('flows (%s runner)', (runner) => {
  const fixture = queueFixture(runner)

  it('runs a diamond: D waits for B and C, which wait for A, and sees both results', async () => {
    const queue = await fixture.open({ concurrency: 2 })
    const flow = await queue.addFlow([
      { ref: 'a', name: 'sum', data: { n: 1 } },
      { ref: 'b', name: 'sum', data: { n: 10 }, dependsOn: ['a'] },
      { ref: 'c', name: 'sum', data: { n: 100 }, dependsOn: ['a'] },
      { ref: 'd', name: 'sum', data: { n: 1000 }, dependsOn: ['b', 'c'] },
    ])
    expect(Object.keys(flow)).toEqual(['a', 'b', 'c', 'd'])
    expect(flow.d.state).toBe('blocked')
    expect(flow.d.dependsOn).toEqual([flow.b.id, flow.c.id])
    expect(flow.a.dependents).toEqual([flow.b.id, flow.c.id])
    expect(await flow.d.waitForResult()).toEqual({ total: 1112, refs: ['b', 'c'] })
    await flow.d.refresh()
    expect(flow.d).toMatchObject({ state: 'completed', attempts: 1, dependencies: { b: { total: 11, refs: ['a'] }, c: { total: 101, refs: ['a'] } } })
  })

  it('runs a fan-in of 100 prerequisites, then their dependent once', async () => {
    const queue = await fixture.open({ concurrency: 4 })
    const refs = Array.from({ length: 100 }, (_, i) => `part-${i}`)
    const flow = await queue.addFlow([...refs.map((ref, i) => ({ ref, name: 'sum' as const, data: { n: i } })), { ref: 'all', name: 'sum', data: { n: 0 }, dependsOn: refs }])
    expect(await flow.all.waitForResult()).toEqual({ total: 4950, refs: [...refs].sort() })
    expect(await queue.counts()).toMatchObject({ completed: 101, blocked: 0 })
  })

  it('fails the dependents of a failed prerequisite down three levels, with DependencyFailedError and failed events', async () => {
    const queue = await fixture.open()
    const failed: Array<[string, string, boolean]> = []
    queue.on('failed', ({ job, error, willRetry }) => failed.push([job.ref!, error.name, willRetry]))
    const flow = await queue.addFlow([
      { ref: 'a', name: 'fail', data: { message: 'no source' }, options: { attempts: 1 } },
      { ref: 'b', name: 'sum', data: { n: 1 }, dependsOn: ['a'] },
      { ref: 'c', name: 'sum', data: { n: 1 }, dependsOn: ['b'] },
      { ref: 'd', name: 'sum', data: { n: 1 }, dependsOn: ['c'] },
    ])
    const error = await flow.d.waitForResult().catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(JobFailedError)
    expect((error as JobFailedError).cause).toMatchObject({ name: 'DependencyFailedError', message: `Prerequisite "c" (job ${flow.c.id}) failed` })
    expect(failed).toEqual([['a', 'BadInputError', false], ['b', 'DependencyFailedError', false], ['c', 'DependencyFailedError', false], ['d', 'DependencyFailedError', false]])
    expect(await queue.counts()).toMatchObject({ failed: 4, blocked: 0 })
    for (const job of [flow.b, flow.c, flow.d]) expect((await job.refresh()).attempts).toBe(0)
  })

  it("runs a dependent with onDependencyFailure 'continue' without the failed prerequisite's result", async () => {
    const queue = await fixture.open()
    const flow = await queue.addFlow([
      { ref: 'broken', name: 'fail', data: { message: 'gone' }, options: { attempts: 1 } },
      { ref: 'fine', name: 'sum', data: { n: 5 } },
      { ref: 'gallery', name: 'sum', data: { n: 0 }, dependsOn: ['broken', 'fine'], options: { onDependencyFailure: 'continue' } },
    ])
    expect(await flow.gallery.waitForResult()).toEqual({ total: 5, refs: ['fine'] })
  })

  it("gives a still-blocked 'continue' dependent the result of a failed prerequisite that retry() reran", async () => {
    const queue = await fixture.open({ concurrency: 2 })
    const { channel } = fixture.notes
    const flow = await queue.addFlow([
      { ref: 'broken', name: 'failsOnce', data: {}, options: { attempts: 1 } },
      { ref: 'slow', name: 'gate', data: { channel, tag: 'slow' } },
      { ref: 'gallery', name: 'sum', data: { n: 0 }, dependsOn: ['broken', 'slow'], options: { onDependencyFailure: 'continue' } },
    ])
    await expect(flow.broken.waitForResult()).rejects.toBeInstanceOf(JobFailedError)
    await fixture.notes.next('slow', 'started')
    expect((await flow.gallery.refresh()).state).toBe('blocked')
    await queue.retry(flow.broken.id)
    expect(await flow.broken.waitForResult()).toEqual({ attempt: 1, runs: 2 })
    fixture.notes.release('slow')
    expect(await flow.gallery.waitForResult()).toEqual({ total: 0, refs: ['broken', 'slow'] })
    expect((await flow.gallery.refresh()).dependencies).toEqual({ broken: { attempt: 1, runs: 2 }, slow: { tag: 'slow', attempt: 1 } })
  })

  it('retry() of a failed prerequisite blocks its failed dependents again, and they run once it completes', async () => {
    const queue = await fixture.open({ concurrency: 1 })
    const flow = await queue.addFlow([
      { ref: 'fetch', name: 'failsOnce', data: {}, options: { attempts: 1 } },
      { ref: 'use', name: 'sum', data: { n: 1 }, dependsOn: ['fetch'] },
      { ref: 'last', name: 'sum', data: { n: 1 }, dependsOn: ['use'] },
    ])
    await expect(flow.last.waitForResult()).rejects.toBeInstanceOf(JobFailedError)
    await queue.stop()
    await flow.fetch.retry()
    expect((await flow.use.refresh()).state).toBe('blocked')
    expect((await flow.last.refresh()).state).toBe('blocked')
    expect(flow.last.error).toBeUndefined()
    await queue.start()
    expect(await flow.last.waitForResult()).toEqual({ total: 2, refs: ['use'] })
    expect((await flow.use.refresh()).dependencies).toEqual({ fetch: { attempt: 1, runs: 2 } })
  })

  it('cancel of a prerequisite, or of a blocked job, fails the jobs that wait for it', async () => {
    const queue = await fixture.open({ autostart: false })
    const flow = await queue.addFlow([
      { ref: 'a', name: 'sum', data: { n: 1 } },
      { ref: 'b', name: 'sum', data: { n: 1 }, dependsOn: ['a'] },
      { ref: 'c', name: 'sum', data: { n: 1 }, dependsOn: ['b'] },
      { ref: 'x', name: 'sum', data: { n: 1 } },
      { ref: 'y', name: 'sum', data: { n: 1 }, dependsOn: ['x'] },
    ])
    expect((await queue.cancel(flow.b.id))?.state).toBe('canceled')
    expect(await flow.c.refresh()).toMatchObject({ state: 'failed', error: { name: 'DependencyFailedError', message: `Prerequisite "b" (job ${flow.b.id}) was canceled` } })
    await flow.x.cancel()
    expect((await flow.y.refresh()).error?.message).toBe(`Prerequisite "x" (job ${flow.x.id}) was canceled`)
    await queue.start()
    expect(await flow.a.waitForResult()).toEqual({ total: 1, refs: [] })
    expect(await queue.counts()).toMatchObject({ completed: 1, canceled: 2, failed: 2, blocked: 0 })
  })

  it('remove() of an unfinished prerequisite is a cancel for its dependents', async () => {
    const queue = await fixture.open({ autostart: false })
    const flow = await queue.addFlow([
      { ref: 'a', name: 'sum', data: { n: 1 } },
      { ref: 'b', name: 'sum', data: { n: 1 }, dependsOn: ['a'] },
      { ref: 'c', name: 'sum', data: { n: 1 }, dependsOn: ['b'] },
    ])
    expect(await flow.a.remove()).toBe(true)
    expect(await flow.b.refresh()).toMatchObject({ state: 'failed', error: { message: `Prerequisite "a" (job ${flow.a.id}) was removed` } })
    expect((await flow.c.refresh()).error?.message).toBe(`Prerequisite "b" (job ${flow.b.id}) failed`)
  })

  it('lists and counts blocked jobs, and says so in events', async () => {
    const queue = await fixture.open({ autostart: false })
    const added: string[] = []
    queue.on('added', ({ job }) => added.push(`${job.ref}:${job.state}`))
    const flow = await queue.addFlow([{ ref: 'a', name: 'sum', data: { n: 1 } }, { ref: 'b', name: 'sum', data: { n: 1 }, dependsOn: ['a'] }])
    expect(await queue.counts()).toMatchObject({ blocked: 1, waiting: 1 })
    expect((await queue.list({ state: 'blocked' })).map((job) => job.id)).toEqual([flow.b.id])
    expect(added).toEqual(['a:waiting', 'b:blocked'])
  })

  it('rejects a cycle or an unknown ref with a ValidationError, storing nothing', async () => {
    const queue = await fixture.open({ autostart: false })
    await expect(queue.addFlow([
      { ref: 'a', name: 'sum', data: { n: 1 }, dependsOn: ['b'] },
      { ref: 'b', name: 'sum', data: { n: 1 }, dependsOn: ['a'] },
    ])).rejects.toThrow(new ValidationError('Expected `flow` to have no cycle, got "a" → "b" → "a"'))
    await expect(queue.addFlow([{ ref: 'a', name: 'sum', data: { n: 1 }, dependsOn: ['nope'] }]))
      .rejects.toThrow(new ValidationError('Expected `flow[0].dependsOn` to be refs of jobs of the flow ("a"), got "nope"'))
    // @ts-expect-error: data that cannot be stored
    await expect(queue.addFlow([{ ref: 'a', name: 'sum', data: { n: 1 } }, { ref: 'b', name: 'sum', data: { n: () => 1 } }])).rejects.toBeInstanceOf(ValidationError)
    expect(await queue.list()).toEqual([])
  })
})

describe('flows over two contexts', () => {
  const fixture = queueFixture()

  it('runs every job of a flow split over two contexts of one database once', async () => {
    const [first, second] = [await fixture.open({ concurrency: 2 }), await fixture.open({ concurrency: 2 })]
    const refs = Array.from({ length: 12 }, (_, i) => `p${i}`)
    const flow = await first.addFlow([
      { ref: 'root', name: 'sum', data: { n: 1 } },
      ...refs.map((ref) => ({ ref, name: 'sum' as const, data: { n: 1 }, dependsOn: ['root'] })),
      { ref: 'join', name: 'sum', data: { n: 0 }, dependsOn: refs },
    ])
    // Each part sees the root's total (1) and adds its own.
    expect(await flow.join.waitForResult()).toEqual({ total: 24, refs: [...refs].sort() })
    const jobs = await second.list({ limit: 100 })
    expect(jobs).toHaveLength(14)
    expect(jobs.every((job) => job.state === 'completed' && job.attempts === 1 && job.stalls === 0)).toBe(true)
  })
})
