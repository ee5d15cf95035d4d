/**
 * Slot arithmetic, pure: which instants a schedule fires at.
 * @module
 */

/** The slots of one spec: `after(t)` is the first slot strictly after `t`, if any. */
export interface SlotSeries {
  after(time: number): number | undefined
  /**
   * The earliest slot from which `after` need be walked to reach the `count` slots at or
   * before `time`, where that is cheap to know (`every`); a walk from an older slot only
   * passes slots that would be dropped.
   */
  skipTo?(time: number, count: number): number
}

/**
 * Slots `every` ms apart, aligned to `anchor`: `anchor + k·every` for every integer `k`.
 * Aligned, not counted from a tick, so that every context computes the same slots.
 * @example everySlots(60_000, 0).after(90_000) // 120_000
 */
export function everySlots(every: number, anchor = 0): SlotSeries {
  const floor = (time: number): number => anchor + Math.floor((time - anchor) / every) * every
  return {
    after: (time) => floor(time) + every,
    skipTo: (time, count) => floor(time) - (count - 1) * every,
  }
}

/** The first slot at or after `time`. Times are whole milliseconds. */
export function slotAtOrAfter(series: SlotSeries, time: number): number | undefined {
  return series.after(time - 1)
}
