import { describe, expect, it } from 'vitest'
import { everySlots, slotAtOrAfter } from '../../../src/schedules/slots.js'
import { patternSlots } from '../../../src/schedules/pattern-slots.js'
import { ValidationError } from '../../../src/errors.js'

describe('every', () => {
  it('aligns slots to the anchor, the same for every context', () => {
    const series = everySlots(60_000)
    expect(series.after(0)).toBe(60_000)
    expect(series.after(90_000)).toBe(120_000)
    expect(series.after(120_000)).toBe(180_000)
    expect(slotAtOrAfter(series, 120_000)).toBe(120_000)
    expect(slotAtOrAfter(series, 120_001)).toBe(180_000)
    const anchored = everySlots(1000, 250)
    expect([anchored.after(0), anchored.after(250), slotAtOrAfter(anchored, 1250)]).toEqual([250, 1250, 1250])
  })

  it('knows where the latest `count` slots at or before a time start', () => {
    expect(everySlots(10, 0).skipTo!(1005, 3)).toBe(980)
  })
})

describe('pattern', () => {
  const hour = 3_600_000

  it('runs a daily time once per local day across the spring DST change (a 02:30 that does not exist runs at 03:00)', async () => {
    const series = await patternSlots('30 2 * * *', 'Europe/Paris')
    let time = Date.UTC(2026, 2, 27, 12)
    const runs: string[] = []
    for (let i = 0; i < 4; i++) runs.push(new Date((time = series.after(time)!)).toISOString())
    // CET is UTC+1 until 29 March 2026, 02:00, then CEST UTC+2.
    expect(runs).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z'])
  })

  it('runs a daily time once across the autumn DST change, though 02:30 happens twice', async () => {
    const series = await patternSlots('30 2 * * *', 'Europe/Paris')
    let time = Date.UTC(2026, 9, 24, 12)
    const runs: number[] = []
    for (let i = 0; i < 2; i++) runs.push((time = series.after(time)!))
    expect(runs.map((at) => new Date(at).toISOString())).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z'])
    expect(runs[1]! - runs[0]!).toBe(25 * hour)
  })

  it('runs an hourly pattern once per real hour through the repeated hour', async () => {
    const series = await patternSlots('0 * * * *', 'America/New_York')
    let time = Date.UTC(2026, 10, 1, 4, 30)
    const gaps: number[] = []
    for (let i = 0, last = time; i < 4; i++, last = time) gaps.push((time = series.after(time)!) - last)
    expect(gaps.slice(1)).toEqual([hour, hour, hour])
  })

  it('takes a slot at the exact millisecond as at or after it', async () => {
    const series = await patternSlots('0 3 * * *', 'UTC')
    const slot = Date.UTC(2026, 0, 2, 3)
    expect(slotAtOrAfter(series, slot)).toBe(slot)
    expect(series.after(slot)).toBe(slot + 24 * hour)
  })

  it('refuses a bad pattern or zone with a ValidationError naming the option', async () => {
    await expect(patternSlots('every day')).rejects.toThrow(ValidationError)
    await expect(patternSlots('every day')).rejects.toThrow(/`spec\.pattern`/)
    await expect(patternSlots('0 3 * * *', 'Mars/Olympus')).rejects.toThrow(/`spec\.tz`.*"Mars\/Olympus"/)
  })
})
