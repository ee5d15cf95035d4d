/**
 * The indexes of the jobs table, declared once: each backend builds them from this list
 * (IndexedDB key paths, SQL indexes, the memory port's sort keys). A row is in an index only
 * when every field of it is defined (as IndexedDB leaves out a row whose key path it lacks), so
 * each index holds just the rows it is for.
 * @module
 */

/** Each index: its fields in key order; `multiEntry`: one entry per element of the array field. */
export const JOB_INDEXES = {
  /** Point reads by job id (unique). */
  id: { fields: ['id'] },
  /** [state, timeKey]: due delayed jobs, the next `runAt`, retention oldest first. */
  timeline: { fields: ['state', 'timeKey'] },
  /** [state, seq]: list by state. */
  state: { fields: ['state', 'seq'] },
  /** [queue, state, seq]: list and count of one named queue. */
  queue: { fields: ['queue', 'state', 'seq'] },
  /** Jobs of a unique key: the insert's duplicate check, the claim's keep-latest check. */
  unique: { fields: ['uniqueKey'] },
  /** [keyHold, seq]: the jobs that hold an ordering key; the first is its head. */
  ordering: { fields: ['keyHold', 'seq'] },
  /** The running job of an ordering key. */
  keyActive: { fields: ['keyActive'] },
  /** Ordering keys held by a job that failed for good. */
  keyBlocked: { fields: ['keyBlocked'] },
  /** [runnable, rank, runAt, seq]: the claim's candidates in claim order (a key's followers are not in it). */
  runnable: { fields: ['runnable', 'rank', 'runAt', 'seq'] },
  /** Flows: a prerequisite's dependents. */
  dependsOn: { fields: ['dependsOn'], multiEntry: true },
} as const satisfies Record<string, { fields: readonly string[]; multiEntry?: boolean }>

/** The name of an index of the jobs table. */
export type JobIndex = keyof typeof JOB_INDEXES
