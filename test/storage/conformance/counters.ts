import type { JobOptions, JobRecord, JobState, Storage } from 'docket'
import { describe, expect, it } from 'vitest'
import { planFlow } from '../../../src/flows/plan-flow.js'
import { visibleState, zeroCounts } from '../../../src/job/job-states.js'
import { cancel, complete, fail, rerun } from '../../../src/job/transitions.js'
import { T, change, claimRequest, entry } from '../records.js'
import { seeded } from '../../support/seeded.js'

const QUEUES = ['a', 'b', 'c'] as const

/** Counts from every stored job, one by one: what the counters must always equal. */
export async function fullCount(storage: Storage, queue: string | undefined, now: number): Promise<Record<JobState, number>> {
  const counts = zeroCounts()
  for (const job of await storage.list({ limit: 1_000_000, offset: 0, order: 'asc', now, ...(queue === undefined ? {} : { queue }) })) counts[visibleState(job, now)]++
  return counts
}

/** Checks `count()` of every queue and of all against a full count. */
export async function expectCountsExact(storage: Storage, now: number, step: string): Promise<void> {
  for (const queue of [undefined, ...QUEUES]) {
    expect(await storage.count(queue, now), `${step}: counts of ${queue ?? 'all queues'}`).toEqual(await fullCount(storage, queue, now))
  }
}

/**
 * One random operation of every kind that moves a job: inserts (delays, unique keys with each
 * `onDuplicate`, ordering keys, flows), claims (with queue limits), settles in the claim and
 * by `update` (complete, retry, fail for good, cancel), reruns, removals, retention.
 */
export async function randomStep(storage: Storage, random: () => number, now: number): Promise<string> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const all = await storage.list({ limit: 1_000_000, offset: 0, order: 'asc', now })
  const of = (...states: JobState[]): JobRecord[] => all.filter((job) => states.includes(job.state))
  const options = (): JobOptions => ({
    queue: pick(QUEUES),
    ...(random() < 0.3 ? { delay: pick([1, 40, 400]) } : {}),
    ...(random() < 0.3 ? { unique: { key: pick(['u1', 'u2']), onDuplicate: pick(['ignore', 'replace', 'debounce'] as const) } } : {}),
    ...(random() < 0.3 ? { orderingKey: pick(['k1', 'k2']) } : {}),
    ...(random() < 0.5 ? { attempts: 2, backoff: { type: 'fixed' as const, delay: 30 } } : {}),
  })
  const kind = pick(['insert', 'insert', 'flow', 'claim', 'claim', 'settle', 'update', 'rerun', 'remove', 'retention'] as const)
  const settle = (job: JobRecord): JobRecord => {
    const how = random()
    if (how < 0.4) return complete(job, 1, now)
    if (how < 0.8) return fail(job, { name: 'Error', message: 'boom', attempt: job.attempts, at: now }, now, how > 0.7, () => 0.5)
    return cancel(job, now)
  }
  switch (kind) {
    case 'insert':
      await storage.insert(Array.from({ length: 1 + Math.floor(random() * 4) }, () => entry(options(), { n: 1 }, 'send', now)))
      return kind
    case 'flow': {
      let n = 0
      const prefix = `flow-${Math.floor(random() * 1e9)}`
      const { entries } = planFlow([
        { ref: 'x', name: 'send', data: 1, options: { queue: pick(QUEUES) } },
        { ref: 'y', name: 'send', data: 2, options: { queue: pick(QUEUES) }, dependsOn: ['x'] },
        { ref: 'z', name: 'send', data: 3, dependsOn: ['x', 'y'], ...(random() < 0.5 ? { options: { onDependencyFailure: 'continue' as const } } : {}) },
      ], {}, () => `${prefix}-${++n}`, now)
      await storage.insert(entries)
      return kind
    }
    case 'claim':
      await storage.claim(claimRequest({ now, limit: 1 + Math.floor(random() * 4), queueLimits: random() < 0.5 ? { a: 1 } : {} }),
        of('active').filter(() => random() < 0.5).map((job) => change(job.id, settle, job.token)))
      return kind
    case 'settle':
    case 'update': {
      const targets = of('active').filter(() => random() < 0.6)
      if (kind === 'settle') await storage.claim(claimRequest({ now, limit: 0 }), targets.map((job) => change(job.id, settle, job.token)))
      else await storage.update(targets.map((job) => change(job.id, (record) => (record.state === 'active' ? settle(record) : undefined))))
      return kind
    }
    case 'rerun': {
      const failed = of('failed', 'canceled')
      if (failed.length) await storage.update([change(pick(failed).id, (record) => rerun(record, now))])
      return kind
    }
    case 'remove':
      if (all.length) await storage.update([change(pick(all).id, () => null)])
      return kind
    case 'retention':
      await storage.removeSettled({ state: pick(['completed', 'failed', 'canceled'] as const), keep: Math.floor(random() * 3) })
      return kind
  }
}

/** The counters behind `count()`: exact after any sequence of writes. */
export function counterCases(storage: () => Storage): void {
  describe('counters', () => {
    for (const seed of [1, 2]) {
      it(`counts() equals a full count after each of 60 random writes (seed ${seed})`, async () => {
        const random = seeded(seed)
        let now = T
        for (let i = 0; i < 60; i++) {
          now += Math.floor(random() * 60)
          const kind = await randomStep(storage(), random, now)
          await expectCountsExact(storage(), now, `step ${i} (${kind})`)
        }
        // A later `now` makes delayed jobs due: they count as waiting before any claim promotes them.
        await expectCountsExact(storage(), now + 10_000, 'after the delays')
      })
    }

    it('leaves the counters unchanged by a write that fails', async () => {
      await storage().insert([entry({ queue: 'a' })])
      const before = await storage().count(undefined, T)
      // Past validation (a storage is called with what it is given): the clone fails inside the write.
      const unclonable = entry({ queue: 'b' })
      unclonable.record = { ...unclonable.record, data: { fn: () => 1 } }
      await expect(storage().insert([entry({ queue: 'b' }), unclonable])).rejects.toThrow()
      expect(await storage().count(undefined, T)).toEqual(before)
      await expectCountsExact(storage(), T, 'after the failed insert')
    })
  })
}
