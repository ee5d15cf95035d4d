import type { ScheduleRecord, ScheduleTemplate, StoredSpec } from './schedule-types.js'
import { slotAtOrAfter, type SlotSeries } from './slots.js'

/** Whether two JSON-like values (specs, templates) are equal, key order aside. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const aKeys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined)
  const bKeys = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined)
  return aKeys.length === bKeys.length && aKeys.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
}

/** The first slot of `spec` at or after `from` and its `startAt`, within its `endAt`. */
function firstSlot(spec: StoredSpec, series: SlotSeries, from: number): number | undefined {
  const slot = slotAtOrAfter(series, Math.max(from, spec.startAt ?? -Infinity))
  return slot !== undefined && slot <= (spec.endAt ?? Infinity) ? slot : undefined
}

/**
 * An upsert, pure, on the row as stored in its transaction: a new schedule starts at its first
 * slot from now; the same spec and template change nothing (no run is added, none is reset);
 * a new template applies to the next job; a new spec takes effect from the next slot after
 * both `now` and the last slot made, keeping `count`. `undefined`: nothing to store.
 * @example planUpsert(undefined, 'sync', { every: 60_000, catchUp: 'one' }, template, everySlots(60_000), now)
 */
export function planUpsert(current: ScheduleRecord | undefined, id: string, spec: StoredSpec, template: ScheduleTemplate, series: SlotSeries, now: number): ScheduleRecord | undefined {
  if (current && sameValue(current.spec, spec)) {
    return sameValue(current.template, template) ? undefined : { ...current, template, updatedAt: now }
  }
  const count = current?.count ?? 0
  const from = current?.lastSlot === undefined ? now : Math.max(now, current.lastSlot + 1)
  const next = spec.limit !== undefined && count >= spec.limit ? undefined : firstSlot(spec, series, from)
  const record: ScheduleRecord = { ...current, id, spec, template, count, createdAt: current?.createdAt ?? now, updatedAt: now }
  if (next === undefined) delete record.nextRunAt
  else record.nextRunAt = next
  return record
}
