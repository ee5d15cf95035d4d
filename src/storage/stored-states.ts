import type { JobState } from '../job/job-states.js'

/**
 * The stored states a query for visible states must read: a due `delayed` job shows as
 * `waiting` until a claim promotes it, so asking for `waiting` reads `delayed` rows too.
 */
export function storedStatesFor(states: readonly JobState[]): JobState[] {
  const stored = new Set<JobState>(states)
  if (stored.has('waiting')) {
    stored.add('delayed')
    stored.add('active')
  }
  return [...stored]
}
