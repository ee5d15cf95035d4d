import { DEFAULTS } from '../defaults.js'
import * as check from '../validate.js'

/**
 * The defaults of `mountDevtools`, written once: the `@default` tags below cite them.
 * @example mountDevtools(queue, element, { pageSize: DEVTOOLS_DEFAULTS.pageSize * 2 })
 */
export const DEVTOOLS_DEFAULTS = Object.freeze({
  /** Jobs in one page of the jobs view. */
  pageSize: 15,
  /** Milliseconds between two reads of storage at the least. */
  refreshGap: 200,
})

/** The options of `mountDevtools`. */
export interface DevtoolsOptions {
  /**
   * Named queues listed from the start, with their counts and a pause switch; others join the
   * list as their jobs' events arrive.
   * @default [DEFAULTS.queue], i.e. `['default']`
   * @example mountDevtools(queue, element, { queues: ['uploads', 'mail'] })
   */
  queues?: string[]
  /**
   * Jobs per page of the jobs view. Minimum: `1`.
   * @default DEVTOOLS_DEFAULTS.pageSize (15)
   */
  pageSize?: number
  /**
   * The least time between two reads of storage, in ms: events (thousands a second in a burst)
   * ask for a read, and reads coalesce to at most one per gap (more when reads get slow).
   * @default DEVTOOLS_DEFAULTS.refreshGap (200)
   */
  refreshGap?: number
  /**
   * A floating toggle in the corner that opens the panel over the page: one line to add the
   * panel to any app in development (`mountDevtools(queue, document.body, { floating: true })`).
   * @default false
   */
  floating?: boolean
  /**
   * With `floating`: whether the panel starts open.
   * @default false
   */
  open?: boolean
}

/** The options with their defaults, validated: a `ValidationError` names a bad one. */
export function devtoolsOptions(value: unknown): Required<DevtoolsOptions> {
  const options = value === undefined ? {} : check.object<DevtoolsOptions>('options', value)
  const queues = options.queues ?? [DEFAULTS.queue]
  if (!Array.isArray(queues)) check.fail('options.queues', 'an array of queue names', queues)
  queues.forEach((name, i) => check.string(`options.queues[${i}]`, name))
  const flag = (name: 'floating' | 'open'): boolean => {
    const flagValue = options[name] ?? false
    if (typeof flagValue !== 'boolean') check.fail(`options.${name}`, 'a boolean', flagValue)
    return flagValue
  }
  return {
    queues: [...queues],
    pageSize: check.integer('options.pageSize', options.pageSize ?? DEVTOOLS_DEFAULTS.pageSize, 1),
    refreshGap: check.duration('options.refreshGap', options.refreshGap ?? DEVTOOLS_DEFAULTS.refreshGap),
    floating: flag('floating'),
    open: flag('open'),
  }
}
