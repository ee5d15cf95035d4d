import type { BackoffOptions } from './job-options.js'

type Strategy = (delay: number, failures: number) => number

const strategies: Record<BackoffOptions['type'], Strategy> = {
  fixed: (delay) => delay,
  exponential: (delay, failures) => delay * 2 ** (failures - 1),
}

/** Whether `type` names a known backoff strategy. */
export function isBackoffType(type: unknown): type is BackoffOptions['type'] {
  return typeof type === 'string' && Object.hasOwn(strategies, type)
}

/**
 * Milliseconds to wait after the `failures`-th failed attempt (1-based).
 * `maxDelay` caps every type; jitter `j` draws the wait uniformly from `[d·(1−j), d]`.
 */
export function backoffDelay(backoff: BackoffOptions, failures: number, random: () => number = Math.random): number {
  let wait = strategies[backoff.type](backoff.delay, Math.max(1, failures))
  if (backoff.maxDelay !== undefined) wait = Math.min(wait, backoff.maxDelay)
  const jitter = backoff.jitter ?? 0
  if (jitter > 0) wait -= wait * jitter * random()
  return Math.max(0, Math.round(wait))
}
