// Several contexts (a tab's queue each: its own connection, its own timer) tick the schedules of
// one database under the test's clock: every slot gets exactly one job, whoever ticks.
import type { JobRecord } from 'docket'
import { describe, expect, it } from 'vitest'
import { contexts, type Context } from './support/contexts'

const second = 1000
const minute = 60_000
/** A time on a whole minute (and second), so `every` slots fall on round numbers. */
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % minute)
const template = { name: 'echo', data: { hello: 'slot' } }
const slotsOf = (jobs: JobRecord[]): number[] => jobs.map((job) => job.schedule!.slot)
const range = (from: number, count: number, step: number): number[] => Array.from({ length: count }, (_, i) => from + i * step)

describe('schedules ticked by several contexts', () => {
  it('makes exactly one job per slot when 5 contexts tick 1,000 slots', async () => {
    const run = await contexts(T0 + 1)
    const tabs = Array.from({ length: 5 }, () => run.open())
    await tabs[0]!.schedules.upsertScheduler('pulse', { every: second }, template)
    await run.idle()
    for (let slot = 1; slot <= 1000; slot++) await run.advanceTo(T0 + slot * second)

    const jobs = await run.jobs()
    expect(jobs).toHaveLength(1000)
    expect(slotsOf(jobs)).toEqual(range(T0 + second, 1000, second))
    expect(jobs.every((job) => job.id === `schedule:pulse:${job.schedule!.slot}` && job.runAt === job.schedule!.slot)).toBe(true)
    // Each job was made by one context, and the contexts together made each once.
    expect(tabs.reduce((sum, tab) => sum + tab.made.length, 0)).toBe(1000)
    expect(await tabs[3]!.schedules.getSchedulers()).toMatchObject([{ id: 'pulse', count: 1000, lastSlot: T0 + 1000 * second, nextRunAt: T0 + 1001 * second }])
  }, 120_000)

  for (const [catchUp, expected] of [['none', []], ['one', [13]], ['all', range(4, 10, 1)]] as const) {
    it(`catches up 10 slots missed while every context was closed: '${catchUp}' makes ${expected.length}`, async () => {
      const run = await contexts(T0 + 1)
      const tabs = [run.open(), run.open()]
      await tabs[0]!.schedules.upsertScheduler('sync', { every: minute, catchUp }, template)
      await run.runUntil(T0 + 3 * minute)
      expect(slotsOf(await run.jobs())).toEqual(range(T0 + minute, 3, minute))
      for (const tab of tabs) await tab.close()

      // Slots 4 to 13 pass with no context open; one opens half a slot after the 13th.
      await run.advanceTo(T0 + 13 * minute + minute / 2)
      const reopened = run.open()
      await run.idle()
      const made = slotsOf(reopened.made)
      expect(made).toEqual(expected.map((n) => T0 + n * minute))
      // From then on it ticks as before.
      await run.advanceTo(T0 + 14 * minute)
      expect(slotsOf(reopened.made)).toEqual([...made, T0 + 14 * minute])
      expect(slotsOf(await run.jobs())).toEqual([...range(T0 + minute, 3, minute), ...made, T0 + 14 * minute])
    })
  }

  it("runs a slot that the context's timer waited for, however late the timer fired (a throttled tab)", async () => {
    const run = await contexts(T0 + 1)
    const tab = run.open()
    await tab.schedules.upsertScheduler('sync', { every: minute, catchUp: 'none' }, template)
    await run.advanceTo(T0 + minute + 20 * second)
    expect(slotsOf(tab.made)).toEqual([T0 + minute])
  })

  it('runs a pattern with a time zone once per local day across a DST change', async () => {
    const start = Date.UTC(2026, 2, 27, 12)
    const run = await contexts(start)
    const tabs = [run.open(), run.open(), run.open()]
    await tabs[1]!.schedules.upsertScheduler('nightly', { pattern: '30 2 * * *', tz: 'Europe/Paris' }, template)
    await run.runUntil(Date.UTC(2026, 2, 31, 12))
    // 02:30 in Paris: UTC+1 before 29 March, UTC+2 after; on the 29th 02:30 does not exist and runs at 03:00.
    expect(slotsOf(await run.jobs()).map((slot) => new Date(slot).toISOString())).toEqual([
      '2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z',
    ])
  })

  it('honours `startAt`, `limit` and `endAt`, then sets no timer', async () => {
    const run = await contexts(T0 + 1)
    const tab = run.open()
    await tab.schedules.upsertScheduler('limited', { every: second, startAt: T0 + 5500, limit: 3 }, template)
    await tab.schedules.upsertScheduler('ending', { every: second, endAt: new Date(T0 + 3 * second) }, template)
    await run.runUntil(T0 + 20 * second)
    const jobs = await run.jobs()
    expect(slotsOf(jobs.filter((job) => job.schedule!.id === 'limited'))).toEqual([T0 + 5500, T0 + 6500, T0 + 7500])
    expect(slotsOf(jobs.filter((job) => job.schedule!.id === 'ending'))).toEqual(range(T0 + second, 3, second))
    const schedules = await tab.schedules.getSchedulers()
    expect(schedules.map((schedule) => [schedule.id, schedule.count, schedule.nextRunAt])).toEqual([['ending', 3, undefined], ['limited', 3, undefined]])
    expect(run.time.nextTimer()).toBe(Infinity)
  })
})

describe('upsert and remove', () => {
  /** Jobs of the database made by the schedule `id`. */
  const madeBy = async (run: Awaited<ReturnType<typeof contexts>>, id: string) => slotsOf((await run.jobs()).filter((job) => job.schedule?.id === id))

  it('adds no run when an unchanged spec is upserted again, in any context', async () => {
    const run = await contexts(T0)
    const [a, b] = [run.open(), run.open()]
    // A slot due now (startAt: now) runs at once.
    await a.schedules.upsertScheduler('sync', { every: minute, startAt: T0 }, template)
    expect(await madeBy(run, 'sync')).toEqual([T0])
    await b.schedules.upsertScheduler('sync', { startAt: T0, every: minute }, { data: { hello: 'slot' }, name: 'echo' })
    await a.schedules.upsertScheduler('sync', { every: minute, startAt: T0 }, template)
    await run.advanceTo(T0 + minute / 2)
    expect(await madeBy(run, 'sync')).toEqual([T0])
    expect(await b.schedules.getSchedulers()).toMatchObject([{ count: 1, nextRunAt: T0 + minute }])
  })

  it('takes a changed spec from the next slot, keeping the count; a changed template from the next job', async () => {
    const run = await contexts(T0 + 1)
    const tab = run.open()
    await tab.schedules.upsertScheduler('sync', { every: minute }, template)
    await run.runUntil(T0 + 2 * minute)
    await tab.schedules.upsertScheduler('sync', { every: 10 * minute }, template)
    await run.runUntil(T0 + 21 * minute)
    expect(await madeBy(run, 'sync')).toEqual([T0 + minute, T0 + 2 * minute, T0 + 10 * minute, T0 + 20 * minute])
    await tab.schedules.upsertScheduler('sync', { every: 10 * minute }, { name: 'echo', data: { hello: 'new' } })
    await run.runUntil(T0 + 30 * minute)
    const jobs = await run.jobs()
    expect(jobs.map((job) => job.data)).toEqual([...Array(4).fill({ hello: 'slot' }), { hello: 'new' }])
    expect(await tab.schedules.getSchedulers()).toMatchObject([{ count: 5, lastSlot: T0 + 30 * minute }])
  })

  it('leaves made jobs when the schedule is removed, and the schedule when a made job is removed', async () => {
    const run = await contexts(T0 + 1)
    const [a, b] = [run.open(), run.open()]
    await a.schedules.upsertScheduler('keep', { every: minute }, template)
    await a.schedules.upsertScheduler('drop', { every: minute }, template)
    await run.runUntil(T0 + minute)
    const made = await run.jobs()
    expect(made).toHaveLength(2)
    // Removing the made job of `keep` leaves `keep` ticking.
    await b.storage.update([{ id: `schedule:keep:${T0 + minute}`, apply: () => null }])
    expect(await b.schedules.removeScheduler('drop')).toBe(true)
    expect(await a.schedules.removeScheduler('drop')).toBe(false)
    await run.runUntil(T0 + 3 * minute)
    expect(await madeBy(run, 'keep')).toEqual([T0 + 2 * minute, T0 + 3 * minute])
    expect(await madeBy(run, 'drop')).toEqual([T0 + minute])
    expect((await a.schedules.getSchedulers()).map((schedule) => schedule.id)).toEqual(['keep'])
  })

  it('lets slots pass while the previous run is still going, unless `overlap`', async () => {
    const run = await contexts(T0 + 1)
    const tab: Context = run.open()
    await tab.schedules.upsertScheduler('single', { every: minute }, template)
    await tab.schedules.upsertScheduler('parallel', { every: minute, overlap: true }, template)
    await run.advanceTo(T0 + minute)
    // Both first jobs start and keep running.
    await tab.storage.claim({ now: T0 + minute, owner: 'tab', leaseMs: 10 * minute, limit: 10, queueLimits: {}, online: true, token: () => 't' })
    await run.runUntil(T0 + 3 * minute)
    expect(await madeBy(run, 'single')).toEqual([T0 + minute])
    expect(await madeBy(run, 'parallel')).toEqual(range(T0 + minute, 3, minute))
  })
})
