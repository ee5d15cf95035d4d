import type { RecordEvents } from '../job/record-events.js'
import type { UpdateResult } from '../storage/storage.js'

/** How cascade events are reported: the record events of the dependents that changed. */
export interface CascadeEmit {
  (event: 'failed', payload: RecordEvents['failed']): void
  (event: 'updated', payload: RecordEvents['updated']): void
}

/**
 * Emits what the flows' cascade did to dependents, in the transaction of `results`: a
 * dependent failed by its prerequisite emits `failed` (never retried); a released or
 * re-blocked one `updated`, so that handles refresh.
 * @returns whether a dependent became due, so that every context may run it.
 */
export function emitCascaded(results: ReadonlyArray<UpdateResult | undefined>, emit: CascadeEmit): boolean {
  let released = false
  for (const result of results) {
    for (const { before, after } of result?.cascaded ?? []) {
      if (!after) continue
      if (after.state === 'failed' && before?.state !== 'failed' && after.error) emit('failed', { record: after, error: after.error, willRetry: false })
      else emit('updated', { record: after })
      if (after.state === 'waiting' || after.state === 'delayed') released = true
    }
  }
  return released
}

/**
 * Emits `failed` for the jobs a claim found past their `ttl` (never retried), then what
 * cascaded from them. @returns whether a dependent became due.
 */
export function emitExpired(results: readonly UpdateResult[] | undefined, emit: CascadeEmit): boolean {
  for (const { after } of results ?? []) if (after?.error) emit('failed', { record: after, error: after.error, willRetry: false })
  return emitCascaded(results ?? [], emit)
}
