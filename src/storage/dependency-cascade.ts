/**
 * Flows in storage: what a write to a prerequisite does to its dependents, in the same
 * transaction. A completion releases them, a failure (cancel, removal) fails them down the
 * chain, a rerun blocks them again. Pure: each storage reads the dependents through its index
 * (IndexedDB: the multiEntry index `dependsOn`) one level at a time and writes what this returns.
 * @module
 */
import { isSettled } from '../job/job-states.js'
import type { JobRecord } from '../job/record.js'
import { prerequisiteCompleted, prerequisiteFailed, prerequisiteRerun } from '../job/transitions.js'
import type { UpdateResult } from './storage.js'

/** A change of a prerequisite that concerns its dependents, and the write it came from. */
export interface Trigger {
  record: JobRecord
  how: 'completed' | 'failed' | 'canceled' | 'removed' | 'rerun'
  /** The result of the write that started the chain: its `cascaded` lists what followed. */
  origin: UpdateResult
}

const failedOrCanceled = (record: JobRecord): boolean => record.state === 'failed' || record.state === 'canceled'

/** What a write did to a job with dependents, for them; undefined when it does not concern them. */
export function cascadeTrigger(result: UpdateResult, origin: UpdateResult = result): Trigger | undefined {
  const { before, after } = result
  if (!before?.dependents?.length || after === undefined) return undefined
  if (after === null) return before.state === 'completed' || failedOrCanceled(before) ? undefined : { record: before, how: 'removed', origin }
  if (after.state === 'completed' && before.state !== 'completed') return { record: after, how: 'completed', origin }
  if (failedOrCanceled(after) && !failedOrCanceled(before)) return { record: after, how: after.state as 'failed' | 'canceled', origin }
  if (failedOrCanceled(before) && !isSettled(after.state)) return { record: after, how: 'rerun', origin }
  return undefined
}

/** The triggers among the results of a batch of writes. */
export function cascadeTriggers(results: readonly UpdateResult[]): Trigger[] {
  return results.flatMap((result) => cascadeTrigger(result) ?? [])
}

/** What one trigger makes of one dependent. */
function dependentChange(dependent: JobRecord, trigger: Trigger, now: number): JobRecord | undefined {
  if (trigger.how === 'completed') return prerequisiteCompleted(dependent, trigger.record, now)
  if (trigger.how === 'rerun') return prerequisiteRerun(dependent, trigger.record, now)
  return prerequisiteFailed(dependent, trigger.record, trigger.how, now)
}

/**
 * One level of the cascade: `dependents[i]` are the stored dependents of `level[i]`, as read
 * after the writes of the levels before. `latest` holds what this cascade wrote, so that a
 * dependent of two prerequisites that settle together sees both. Returns the records to write,
 * the record each replaces (`befores[i]`, for the counters), and the next level's triggers;
 * each change also lands in its origin's `cascaded`.
 */
export function cascadeLevel<Row extends JobRecord>(level: readonly Trigger[], dependents: readonly Row[][], latest: Map<string, Row>, now: number): { writes: Row[]; befores: Row[]; next: Trigger[] } {
  const writes: Row[] = []
  const befores: Row[] = []
  const next: Trigger[] = []
  level.forEach((trigger, i) => {
    for (const stored of dependents[i] ?? []) {
      const before = latest.get(stored.id) ?? stored
      const after = dependentChange(before, trigger, now) as Row | undefined
      if (!after) continue
      latest.set(after.id, after)
      writes.push(after)
      befores.push(before)
      const change: UpdateResult = { id: after.id, before, after }
      ;(trigger.origin.cascaded ??= []).push(change)
      const further = cascadeTrigger(change, trigger.origin)
      if (further) next.push(further)
    }
  })
  return { writes, befores, next }
}

/** Every result with the changes that cascaded from it, in order. */
export function withCascaded(results: readonly UpdateResult[]): UpdateResult[] {
  return results.flatMap((result) => [result, ...(result.cascaded ?? [])])
}
