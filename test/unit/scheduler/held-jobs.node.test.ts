import { describe, expect, it } from 'vitest'
import type { JobRecord } from '../../../src/job/record.js'
import { activeRecord } from '../job/job-record.js'
import type { Entry } from '../../../src/scheduler/entry.js'
import type { Pending } from '../../../src/scheduler/group-commit.js'
import { createHeldJobs } from '../../../src/scheduler/held-jobs.js'
import type { SchedulerEvents } from '../../../src/scheduler/scheduler-events.js'

const NOW = 2_000_000

/** A job the scheduler claimed: its first attempt is counted. */
const claimed = (id: string): JobRecord => activeRecord(NOW - 5, { id, token: `token-${id}` })

function heldJobs(concurrency = 2) {
  const launched: string[] = []
  const written: Pending[] = []
  const events: Array<[keyof SchedulerEvents, unknown]> = []
  const state = { running: true }
  const jobs = createHeldJobs({
    concurrency,
    now: () => NOW,
    emit: (event, payload) => void events.push([event, payload]),
    writes: { write: (pending) => void written.push(pending) },
    running: () => state.running,
    launch: (entry) => void launched.push(entry.record.id),
  })
  return { jobs, launched, written, events, state }
}

const entry = (jobs: ReturnType<typeof heldJobs>['jobs'], id: string): Entry => jobs.get(id)!

describe('createHeldJobs', () => {
  it('launches held jobs in claim order while slots are free, and the next one when a slot frees', () => {
    const { jobs, launched } = heldJobs(2)
    for (const id of ['a', 'b', 'c']) jobs.hold(claimed(id))
    jobs.launchHeld()
    expect(launched).toEqual(['a', 'b'])
    expect([entry(jobs, 'a').launched, entry(jobs, 'c').launched]).toEqual([true, false])
    jobs.launchHeld()
    expect(launched).toEqual(['a', 'b'])
    jobs.finished(entry(jobs, 'b'))
    expect(launched).toEqual(['a', 'b', 'c'])
    expect(jobs.size()).toBe(2)
  })

  it('launches nothing while the scheduler is not running', () => {
    const { jobs, launched, state } = heldJobs()
    state.running = false
    jobs.hold(claimed('a'))
    jobs.launchHeld()
    expect(launched).toEqual([])
  })

  it('gives back every held job at stop, uncounted, and leaves running ones alone', async () => {
    const { jobs, written, events } = heldJobs(1)
    jobs.hold(claimed('a'))
    jobs.hold(claimed('b'))
    jobs.launchHeld()
    const given = entry(jobs, 'b')
    jobs.giveBackAll()
    expect(jobs.all().map((held) => held.record.id)).toEqual(['a'])
    expect(written.map((pending) => pending.update.id)).toEqual(['b'])
    const [giveBack] = written
    expect(giveBack!.update.token).toBe('token-b')
    const after = giveBack!.update.apply(claimed('b'))
    expect(after).toMatchObject({ state: 'waiting', attempts: 0, runAt: NOW })
    giveBack!.done({ id: 'b', after: after! })
    await given.settled
    expect(events).toEqual([])
  })

  it('cancels a held job in the write that gives it back, and says so once committed', () => {
    const { jobs, written, events } = heldJobs(0)
    jobs.hold(claimed('a'))
    jobs.cancel(entry(jobs, 'a'))
    expect(jobs.size()).toBe(0)
    const after = written[0]!.update.apply(claimed('a'))
    expect(after).toMatchObject({ state: 'canceled', attempts: 0, canceledAt: NOW })
    written[0]!.done({ id: 'a', after: after! })
    expect(events).toEqual([['canceled', { record: after }]])
  })

  it('lets go of a held job whose lease was lost, writing nothing', async () => {
    const { jobs, written } = heldJobs(0)
    jobs.hold(claimed('a'))
    const lost = entry(jobs, 'a')
    jobs.abort(lost, 'lost', new Error('lost'))
    await lost.settled
    expect(jobs.size()).toBe(0)
    expect(written).toEqual([])
  })

  it('aborts a running job once, with the first reason', () => {
    const { jobs, written } = heldJobs(1)
    jobs.hold(claimed('a'))
    jobs.launchHeld()
    const running = entry(jobs, 'a')
    const timeout = new Error('timeout')
    jobs.abort(running, 'timeout', timeout)
    jobs.cancel(running)
    expect(running.reason).toBe('timeout')
    expect(running.controller.signal.reason).toBe(timeout)
    expect(jobs.size()).toBe(1)
    expect(written).toEqual([])
  })
})
