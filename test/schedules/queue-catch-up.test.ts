// A queue opening on a database whose schedule missed slots while every context was closed
// (issue 30: `every: 300`, closed for 1.5 s, so that several missed slots are each less than
// `scheduleLateness` old), under the test's clock: `catchUp` decides, whatever became of the
// job of the last slot made before the close. The queues do not start, so nothing claims but
// the test, and the reopening queue's upsert (as an app does at every load) resolves once the
// queue's first tick is done.
import type { Storage } from 'docket'
import { describe, expect, it } from 'vitest'
import { queueFixture } from '../support/queue-fixture'

const every = 300
const closedFor = 1550
const template = { name: 'double' as const, data: { n: 1 } }

/** Claims every due job for another context, as its scheduler would at `now`. */
async function claimAll(storage: Storage, now: number, leaseMs: number): Promise<void> {
  await storage.claim({ now, owner: 'other-context', leaseMs, limit: 10, queueLimits: {}, online: true, token: () => 'token' })
}

/** What became of the job of the last slot before the close, by the time the queue reopens. */
const leftovers: Record<string, (storage: Storage, closedAt: number, reopensAt: number) => Promise<void>> = {
  // Its queue closed before running it.
  'left waiting': async () => {},
  // A queue claims it as it starts, which may come before the first tick of its schedules.
  'claimed as the queue reopens': (storage, _, reopensAt) => claimAll(storage, reopensAt, 30_000),
  // A tab closed while running it: the record stays `active`, its lease ran out before the next slot.
  'left active by a closed tab, its lease run out': (storage, closedAt) => claimAll(storage, closedAt + 10, every - 100),
}

/** Slots made after the first, relative to it: 300 … 1500 were missed, only 1500 is recent enough to be on time. */
const expected = { none: [1500], one: [1500], all: [300, 600, 900, 1200, 1500] } as const

describe('catch-up when a queue opens after every context was closed', () => {
  const fixture = queueFixture()

  for (const [leftover, leave] of Object.entries(leftovers)) {
    for (const catchUp of ['none', 'one', 'all'] as const) {
      it(`'${catchUp}' makes ${expected[catchUp].length} job(s) when the last slot's job was ${leftover}`, async () => {
        fixture.clock.freeze()
        const t0 = Date.now()
        const spec = { every, startAt: t0, catchUp }
        const first = await fixture.open({ autostart: false }, { runner: 'inline' })
        await first.upsertScheduler('beat', spec, template)
        await first.close()

        fixture.clock.advance(closedFor)
        const storage = fixture.db.storage()
        await leave(storage, t0, t0 + closedFor)
        await storage.close()
        const reopened = await fixture.open({ autostart: false }, { runner: 'inline' })
        const schedule = await reopened.upsertScheduler('beat', spec, template)

        const slots = (await reopened.list({ limit: 100 })).map((job) => job.schedule!.slot - t0).sort((a, b) => a - b)
        expect(slots).toEqual([0, ...expected[catchUp]])
        expect(schedule).toMatchObject({ count: 1 + expected[catchUp].length, lastSlot: t0 + 1500, nextRunAt: t0 + 1800 })
      })
    }
  }
})
