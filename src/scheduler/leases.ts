import type { SchedulerEmit } from './scheduler-events.js'
import type { Storage } from '../storage/storage.js'
import { stall } from '../job/transitions.js'

/**
 * Recovers jobs whose lease expired (their context closed, crashed or hung): each goes back to
 * `waiting` with the attempt counted, or fails when its attempts are spent, or is canceled if
 * a cancel was asked for it. The write is fenced by the job's token and re-checks the lease
 * inside the transaction, so a job whose owner renewed it meanwhile is never touched.
 * @returns how many jobs were recovered.
 */
export async function sweepExpired(
  storage: Storage,
  now: number,
  ownedHere: (id: string) => boolean,
  emit: SchedulerEmit,
): Promise<number> {
  const expired = (await storage.expired(now, 100)).filter((r) => !ownedHere(r.id))
  if (!expired.length) return 0
  const results = await storage.update(expired.map((r) => ({
    id: r.id,
    token: r.token,
    apply: (cur) => (cur.state === 'active' && (cur.leaseUntil ?? Infinity) < now ? stall(cur, now) : undefined),
  })))
  let n = 0
  for (const { after } of results) {
    if (!after) continue
    n++
    emit(after.state === 'canceled' ? 'canceled' : 'stalled', { record: after })
  }
  return n
}
