/**
 * The fence on updates: a write made on behalf of a run applies only while that run still
 * owns the job. Pure; both storages call it on the record they read in their transaction.
 * @module
 */
import type { JobRecord } from '../job/record.js'
import type { Update, UpdateResult } from './storage.js'

/**
 * Whether `update` may apply to `stored`: it carries no token, or the token is still the
 * stored one. A token that differs means the lease was taken over (or the job settled), and
 * the old owner must not overwrite the newer run.
 */
export function holdsFence(update: Pick<Update, 'token'>, stored: JobRecord): boolean {
  return update.token === undefined || stored.token === update.token
}

/**
 * What one update makes of the stored record `before` (undefined: no such job). `after` is
 * what `apply` returned, for the storage to write (`null`: delete); it is absent when the job
 * is missing, the fence refuses, or `apply` leaves the job as it is.
 */
export function applyFenced(update: Update, before: JobRecord | undefined): UpdateResult {
  if (!before || !holdsFence(update, before)) return { id: update.id, before }
  const after = update.apply(before)
  return after === undefined ? { id: update.id, before } : { id: update.id, before, after }
}
