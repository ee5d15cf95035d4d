import { ValidationError } from '../errors.js'
import { lazyModules } from '../lazy/lazy-import.js'
import type { StoredSpec } from './schedule-types.js'
import { everySlots, type SlotSeries } from './slots.js'

/**
 * The slots of a cron pattern. croner is imported here, on first use, so that an app with no
 * pattern never loads it (`every` needs no parser). A bad pattern or zone is a
 * `ValidationError` naming the option.
 */
export function patternSlots(pattern: string, tz?: string): Promise<SlotSeries> {
  const key = `${pattern}\u0000${tz ?? ''}`
  const known = parsed.get(key) ?? parse(pattern, tz)
  parsed.set(key, known)
  // A refused pattern is not kept: the error is the caller's, the next upsert may fix it.
  known.catch(() => parsed.delete(key))
  return known
}

/** Patterns parsed by this context: a tick reads every schedule, and parses none twice. */
const parsed = new Map<string, Promise<SlotSeries>>()

async function parse(pattern: string, tz?: string): Promise<SlotSeries> {
  const { Cron } = lazyModules.croner ?? (await import('croner'))
  let cron: InstanceType<typeof Cron>
  try {
    cron = new Cron(pattern, { paused: true, ...(tz !== undefined ? { timezone: tz } : {}) })
    cron.nextRun()
  } catch (error) {
    const name = tz !== undefined && /zone/i.test((error as Error).message) ? 'spec.tz' : 'spec.pattern'
    throw new ValidationError(`Expected \`${name}\` to be ${name === 'spec.tz' ? 'an IANA time zone' : 'a cron pattern'}, got ${JSON.stringify(name === 'spec.tz' ? tz : pattern)}: ${(error as Error).message}`)
  }
  return { after: (time) => cron.nextRun(new Date(time))?.getTime() }
}

/** The slot series of a stored spec. */
export function slotSeries(spec: StoredSpec): Promise<SlotSeries> | SlotSeries {
  return spec.pattern !== undefined ? patternSlots(spec.pattern, spec.tz) : everySlots(spec.every!, spec.startAt)
}
