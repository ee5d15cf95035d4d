import { ValidationError } from '../errors.js'
import * as check from '../validate.js'
import type { CatchUp, ScheduleTemplate, StoredSpec } from './schedule-types.js'

const specNames = new Set(['every', 'pattern', 'tz', 'startAt', 'endAt', 'limit', 'catchUp', 'overlap'])
const catchUps = new Set<unknown>(['none', 'one', 'all'] satisfies CatchUp[])

function time(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined
  const ms = value instanceof Date ? value.getTime() : value
  if (typeof ms !== 'number' || !Number.isFinite(ms)) check.fail(name, 'a Date or epoch milliseconds', value)
  return ms
}

/**
 * Checks the `spec` of `upsertScheduler` and stores times as epoch ms and `catchUp` filled in.
 * A pattern's syntax and `tz` are checked where croner reads them (`patternSlots`).
 */
export function scheduleSpec(value: unknown): StoredSpec {
  const spec = check.object<Record<string, unknown>>('spec', value)
  for (const key of Object.keys(spec)) if (!specNames.has(key)) check.fail('spec', `only known options (${[...specNames].join(', ')})`, key)
  if ((spec.every === undefined) === (spec.pattern === undefined)) check.fail('spec', 'exactly one of `every` and `pattern`', spec)
  const every = spec.every === undefined ? undefined : check.integer('spec.every', spec.every, 1)
  const pattern = spec.pattern === undefined ? undefined : check.string('spec.pattern', spec.pattern)
  const tz = spec.tz === undefined ? undefined : check.string('spec.tz', spec.tz)
  if (tz !== undefined && every !== undefined) check.fail('spec.tz', 'given only with `pattern`', tz)
  const startAt = time('spec.startAt', spec.startAt)
  const endAt = time('spec.endAt', spec.endAt)
  if (startAt !== undefined && endAt !== undefined && endAt < startAt) check.fail('spec.endAt', `a time at or after \`startAt\` (${startAt})`, spec.endAt)
  const limit = spec.limit === undefined ? undefined : check.integer('spec.limit', spec.limit, 1)
  if (spec.catchUp !== undefined && !catchUps.has(spec.catchUp)) check.fail('spec.catchUp', "'none', 'one' or 'all'", spec.catchUp)
  if (spec.overlap !== undefined && typeof spec.overlap !== 'boolean') check.fail('spec.overlap', 'a boolean', spec.overlap)
  const stored: StoredSpec = { catchUp: (spec.catchUp as CatchUp | undefined) ?? 'one' }
  const given = { every, pattern, tz, startAt, endAt, limit, overlap: spec.overlap as boolean | undefined }
  for (const [key, option] of Object.entries(given)) if (option !== undefined) (stored as unknown as Record<string, unknown>)[key] = option
  return stored
}

/** Checks the `template` of `upsertScheduler`: `{ name, data, options? }`, options as `add` takes them but `id`, `delay`, `runAt`. */
export function scheduleTemplate(value: unknown): ScheduleTemplate {
  const template = check.object<{ name?: unknown; data?: unknown; options?: unknown }>('template', value)
  check.knownKeys('template', template, ['name', 'data', 'options'])
  const name = check.string('template.name', template.name)
  check.cloneable('template.data', template.data)
  const options = check.jobOptions(template.options, 'template.options')
  for (const set of ['id', 'delay', 'runAt'] as const) {
    if (options[set] !== undefined) throw new ValidationError(`Expected \`template.options.${set}\` to be absent (the schedule sets it), got ${check.describe(options[set])}`)
  }
  return { name, data: template.data, ...(template.options !== undefined ? { options } : {}) }
}
