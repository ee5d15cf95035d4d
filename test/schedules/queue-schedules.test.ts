// The schedules of a queue through its public methods: what `upsertScheduler` stores and
// refuses, the job a slot makes (its `schedule` field, its `added` event, its run).
import { ValidationError, type Job } from 'docket'
import { describe, expect, it } from 'vitest'
import { queueFixture } from '../support/queue-fixture'

const hour = 3_600_000

describe('queue schedules', () => {
  const fixture = queueFixture()

  it('makes the job of a slot due now at once: it carries `schedule`, is announced by `added`, and runs', async () => {
    fixture.clock.freeze()
    const now = Date.now()
    const queue = await fixture.open()
    const added: Job[] = []
    queue.on('added', ({ job }) => added.push(job))
    const schedule = await queue.upsertScheduler('doubling', { every: hour, startAt: now }, { name: 'double', data: { n: 21 }, options: { priority: 3 } })
    expect(schedule).toEqual({
      id: 'doubling', spec: { every: hour, startAt: now, catchUp: 'one' }, template: { name: 'double', data: { n: 21 }, options: { priority: 3 } },
      nextRunAt: now + hour, lastSlot: now, count: 1,
    })
    expect(added.map((job) => [job.id, job.schedule, job.priority])).toEqual([[`schedule:doubling:${now}`, { id: 'doubling', slot: now }, 3]])
    const job = (await queue.get(`schedule:doubling:${now}`))!
    expect(await job.waitForResult()).toBe(42)
    expect(await queue.getSchedulers()).toEqual([schedule])
  })

  it('shows schedules to every queue on the database, and removes them for all', async () => {
    const [a, b] = [await fixture.open(), await fixture.open()]
    await a.upsertScheduler('nightly', { pattern: '0 3 * * *', tz: 'UTC', catchUp: 'none' }, { name: 'double', data: { n: 1 } })
    const [seen] = await b.getSchedulers()
    expect(seen).toMatchObject({ id: 'nightly', count: 0, spec: { pattern: '0 3 * * *', tz: 'UTC', catchUp: 'none' } })
    expect(new Date(seen!.nextRunAt!).getUTCHours()).toBe(3)
    expect(await b.removeScheduler('nightly')).toBe(true)
    expect(await a.removeScheduler('nightly')).toBe(false)
    expect(await a.getSchedulers()).toEqual([])
  })

  it('refuses bad arguments with a ValidationError naming them, storing nothing', async () => {
    const queue = await fixture.open()
    const template = { name: 'double', data: { n: 1 } }
    const refused: Array<[unknown, unknown, unknown, RegExp]> = [
      ['', { every: 1000 }, template, /`id` to be a non-empty string, got ""/],
      ['s', { every: 1000, pattern: '* * * * *' }, template, /`spec` to be exactly one of `every` and `pattern`/],
      ['s', {}, template, /`spec` to be exactly one of `every` and `pattern`/],
      ['s', { every: 0 }, template, /`spec\.every` to be an integer >= 1, got 0/],
      ['s', { every: 1000, catchUp: 'some' }, template, /`spec\.catchUp` to be 'none', 'one' or 'all', got "some"/],
      ['s', { every: 1000, limit: 1.5 }, template, /`spec\.limit` to be an integer >= 1, got 1.5/],
      ['s', { every: 1000, startAt: 'soon' }, template, /`spec\.startAt` to be a Date or epoch milliseconds, got "soon"/],
      ['s', { every: 1000, startAt: 5000, endAt: 4000 }, template, /`spec\.endAt` to be a time at or after `startAt`/],
      ['s', { every: 1000, tz: 'UTC' }, template, /`spec\.tz` to be given only with `pattern`/],
      ['s', { every: 1000, hourly: true }, template, /`spec` to be only known options .*, got "hourly"/],
      ['s', { pattern: 'at noon' }, template, /`spec\.pattern` to be a cron pattern, got "at noon"/],
      ['s', { pattern: '0 12 * * *', tz: 'Mars/Olympus' }, template, /`spec\.tz` to be an IANA time zone, got "Mars\/Olympus"/],
      ['s', { every: 1000 }, { data: 1 }, /`template\.name` to be a non-empty string, got undefined/],
      ['s', { every: 1000 }, { name: 'double', data: () => 1 }, /`template\.data` to be structured-cloneable/],
      ['s', { every: 1000 }, { ...template, options: { id: 'fixed' } }, /`template\.options\.id` to be absent \(the schedule sets it\), got "fixed"/],
      ['s', { every: 1000 }, { ...template, options: { attempts: 0 } }, /`template.options.attempts` to be an integer >= 1, got 0/],
    ]
    for (const [id, spec, template, message] of refused) {
      const error: unknown = await queue.upsertScheduler(id as string, spec as never, template as never).catch((e: unknown) => e)
      expect(error, String(message)).toBeInstanceOf(ValidationError)
      expect((error as Error).message).toMatch(message)
    }
    expect(await queue.getSchedulers()).toEqual([])
    expect(await queue.list()).toEqual([])
  })
})
