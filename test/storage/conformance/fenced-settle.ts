// Moved from test/coordination/fenced-settle.test.ts, assertions unchanged: the fence is a
// storage contract, so every storage runs it (memory, fake-indexeddb, Chromium's IndexedDB).
import type { ClaimRequest, JobRecord, Storage } from 'docket'
import { describe, expect, it } from 'vitest'
import { entry } from '../records.js'

const LEASE = 100
const T0 = 1_000_000

function request(owner: string, now: number): ClaimRequest {
  return { now, owner, leaseMs: LEASE, limit: 1, queueLimits: {}, online: true, token: () => `token-${owner}` }
}

function withoutLease(record: JobRecord): JobRecord {
  const { owner: _owner, leaseUntil: _leaseUntil, token: _token, ...rest } = record
  return rest
}

/** What the sweep does to an expired job, written out here: back to waiting, lease dropped. */
const expire = (record: JobRecord): JobRecord => ({ ...withoutLease(record), state: 'waiting' })

const settle = (result: string) => (record: JobRecord): JobRecord => ({ ...withoutLease(record), state: 'completed', result, settledAt: T0 })

/** The fence: after a takeover, nothing the old owner writes lands, alone or in a group commit. */
export function fencedSettleCases(storage: () => Storage): void {
  describe('fenced settle', () => {
    it("an old owner's late writes after a takeover change nothing", async () => {
      // A record as `queue.add` makes it; the rest goes straight to the storage.
      const [added] = await storage().insert([entry()])
      const id = added!.record.id
      const [a] = (await storage().claim(request('A', T0))).claimed
      expect(a).toMatchObject({ id, owner: 'A', token: 'token-A', leaseUntil: T0 + LEASE })

      // Past its lease, the sweep (which reads the active jobs, fenced by A's token) puts it back.
      const [stale] = await storage().list({ states: ['active'], limit: 10, offset: 0, order: 'asc', now: T0 + LEASE + 1 })
      expect(stale).toMatchObject({ id, leaseUntil: T0 + LEASE })
      await storage().update([{ id, token: stale!.token, apply: expire }])
      const [b] = (await storage().claim(request('B', T0 + LEASE + 2))).claimed
      expect(b).toMatchObject({ id, owner: 'B', token: 'token-B', attempts: 2 })

      // A wakes up: its renewal and its settle, alone or in a group commit, are refused.
      const refused = await storage().update([
        { id, token: 'token-A', apply: (r) => ({ ...r, leaseUntil: T0 + 10 * LEASE }) },
        { id, token: 'token-A', apply: settle('A') },
      ])
      expect(refused.map((r) => r.after)).toEqual([undefined, undefined])
      const grouped = await storage().claim(request('A', T0 + LEASE + 3), [{ id, token: 'token-A', apply: settle('A') }])
      expect(grouped.updated[0]?.after).toBeUndefined()
      expect(grouped.claimed).toEqual([])
      expect(await storage().get(id)).toMatchObject({ state: 'active', owner: 'B', token: 'token-B', leaseUntil: b!.leaseUntil })

      // B's settle stands, and A's settle after it is refused as well.
      const [done] = await storage().update([{ id, token: 'token-B', apply: settle('B') }])
      expect(done?.after).toMatchObject({ state: 'completed', result: 'B' })
      const [late] = await storage().update([{ id, token: 'token-A', apply: settle('A') }])
      expect(late?.after).toBeUndefined()
      expect(await storage().get(id)).toMatchObject({ state: 'completed', result: 'B' })
      expect((await storage().get(id))?.token).toBeUndefined()
    })
  })
}
