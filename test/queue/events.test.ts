import type { JobState, LogEntry } from 'docket'
import { describe, expect, it } from 'vitest'
import { queueFixture } from '../support/queue-fixture'
import { nextEvent } from '../support/queue-events'
import { runners } from '../support/runner-option'

const steps = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]

describe.each(runners)('events (%s runner)', (runner) => {
  const fixture = queueFixture(runner)

  it('emits progress in the order the handler reported it, to the queue and to the job', async () => {
    const queue = await fixture.open()
    const fromQueue: unknown[] = []
    const snapshots: unknown[] = []
    queue.on('progress', ({ job, progress }) => {
      fromQueue.push(progress)
      snapshots.push(job.progress)
    })
    const job = await queue.add('progress', { steps: 10 })
    const fromJob: unknown[] = []
    job.on('progress', (value) => fromJob.push(value))

    expect(await job.waitForResult()).toBe(11)
    expect(fromQueue).toEqual(steps)
    expect(fromJob).toEqual(steps)
    // Each event's job snapshot carries the progress it reports.
    expect(snapshots).toEqual(steps)
    // The last value is stored with the job.
    expect(job.progress).toBe(100)
    expect((await queue.get(job.id))!.progress).toBe(100)
  })

  it('delivers a progress reported just before the handler returns, before the job settles', async () => {
    // A worker's reports and its result cross on different message ports, which engines need
    // not keep in order with each other (Firefox delivers the result first): docket must.
    const queue = await fixture.open({ concurrency: 4 })
    const values = [10, 50, 100]
    const jobs = await queue.addBulk(Array.from({ length: 20 }, () => ({ name: 'reportAndReturn' as const, data: { values } })))
    const seen = new Map<string, unknown[]>(jobs.map((job) => [job.id, []]))
    const settledAfter = new Map<string, unknown[]>()
    queue.on('progress', ({ job, progress }) => seen.get(job.id)!.push(progress))
    queue.on('completed', ({ job }) => settledAfter.set(job.id, [...seen.get(job.id)!]))

    await Promise.all(jobs.map((job) => job.waitForResult()))
    for (const job of jobs) {
      expect(settledAfter.get(job.id)).toEqual(values)
      expect((await queue.get(job.id))!.progress).toBe(100)
    }
  })

  it('emits and stores log rows in the order written', async () => {
    const queue = await fixture.open()
    const rows = Array.from({ length: 20 }, (_, i) => `row ${i}`)
    const events: LogEntry[] = []
    queue.on('log', ({ row, at }) => events.push({ at, row }))
    const job = await queue.add('logs', { rows })

    expect(await job.waitForResult()).toBe(20)
    expect(events.map((e) => e.row)).toEqual(rows)
    const stored = await job.getLogs()
    expect(stored).toEqual(events)
    for (let i = 1; i < stored.length; i++) expect(stored[i]!.at).toBeGreaterThanOrEqual(stored[i - 1]!.at)

    // A row written from the page goes after the worker's.
    await job.log({ note: 'checked' })
    expect((await job.getLogs()).map((e) => e.row)).toEqual([...rows, { note: 'checked' }])
  })

  it('emits added, active, completed with their payloads, then idle', async () => {
    const queue = await fixture.open()
    const seen: string[] = []
    queue.on('added', ({ job }) => seen.push(`added ${job.state}`))
    queue.on('active', ({ job }) => seen.push(`active ${job.state} ${job.attempts}`))
    queue.on('completed', ({ job, result }) => seen.push(`completed ${job.state} ${String(result)} ${String(job.result)}`))
    const idle = new Promise<void>((resolve) => queue.on('idle', () => resolve()))

    const job = await queue.add('double', { n: 4 })
    await job.waitForResult()
    await idle
    expect(seen).toEqual(['added waiting', 'active active 1', 'completed completed 8 8'])
  })

  it('emits failed with the error and willRetry, and retrying with the next runAt', async () => {
    const queue = await fixture.open()
    const seen: unknown[] = []
    queue.on('failed', ({ job, error, willRetry }) => seen.push(['failed', job.state, error.message, error.attempt, willRetry]))
    queue.on('retrying', ({ job, error, runAt }) => seen.push(['retrying', job.state, error.attempt, runAt === job.runAt]))
    // The retry is a minute ahead while the events arrive, however busy the machine; then the
    // test moves the queue's clock past it, and start() (already started) looks for due jobs.
    const retrying = nextEvent(queue, 'retrying')
    const job = await queue.add('fail', { message: 'nope' }, { attempts: 2, backoff: { type: 'fixed', delay: 60_000 } })
    await retrying
    fixture.clock.advance(60_000)
    await queue.start()
    await job.waitForResult().catch(() => undefined)

    expect(seen).toEqual([
      ['failed', 'delayed', 'nope', 1, true],
      ['retrying', 'delayed', 1, true],
      ['failed', 'failed', 'nope', 2, false],
    ])
  })

  it('tells a job listener every state it goes through', async () => {
    const queue = await fixture.open()
    const job = await queue.add('flaky', { failures: 1 }, { attempts: 2, backoff: { type: 'fixed', delay: 60_000 } })
    const states: JobState[] = []
    const delayed = new Promise<void>((resolve) => job.on('state', (state: JobState) => {
      states.push(state)
      if (state === 'delayed') resolve()
    }))
    // As above: the listener hears `delayed` a minute before the retry; then the clock moves on.
    await delayed
    fixture.clock.advance(60_000)
    await queue.start()
    await job.waitForResult()
    // `waiting` between the backoff's end and the claim is not a stored transition.
    expect(states).toEqual(['active', 'delayed', 'active', 'completed'])
  })
})
