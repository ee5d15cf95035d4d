// Issue 30, defect 7: a rate limit must hold where a server sees it, at the handlers' starts,
// not only at the claims'. Two queues on one database stand for two tabs. The clock is frozen
// and moved by the test, and each handler records the clock as it starts, so the check is
// exact and no step has to finish within a wall-clock window.
import { createQueue, type Queue, type Storage } from 'docket'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { testClock } from '../support/test-clock'
import { testDatabase, type TestDatabase } from '../support/test-database'

const LIMIT = { max: 3, duration: 400 }
const clock = testClock()
let db: TestDatabase
const queues: Array<Queue<typeof handlers>> = []
let starts: number[] = []
let gate: Gate

interface Gate {
  started: Promise<void>
  open(): void
  wait(): Promise<void>
}

const handlers = {
  /** Records when it started, by the queue's clock. */
  call(): void {
    starts.push(Date.now())
  },
  /** Keeps its slot until the test opens the gate. */
  gate(): Promise<void> {
    return gate.wait()
  },
} as const

function newGate(): Gate {
  let started!: () => void
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { started: new Promise((resolve) => (started = resolve)), open, wait: () => (started(), opened) }
}

beforeEach(async () => {
  db = await testDatabase()
  starts = []
  gate = newGate()
  clock.freeze()
})
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close()))
  clock.restore()
})

function tab(storage: Storage = db.storage(), concurrency = 1): Queue<typeof handlers> {
  const queue = createQueue({ handlers, storage, concurrency, autostart: false, queues: { api: { rateLimit: LIMIT } } })
  queues.push(queue)
  return queue
}

/** The most handler starts that one window of the limit's duration holds. */
function busiestWindow(times: number[]): number {
  return Math.max(0, ...times.map((start) => times.filter((other) => other >= start && other < start + LIMIT.duration).length))
}

it('starts at most `max` handlers per window across two queues, though one claimed its jobs before a slot was free', async () => {
  const [a, b] = [tab(), tab()]
  // One slot in a, busy with the gate: jobs a claims beside it cannot start at their claim's time.
  await a.add('gate', undefined as never)
  for (let n = 0; n < 3; n++) await a.add('call', undefined as never, { queue: 'api' })
  for (let n = 0; n < 3; n++) await b.add('call', undefined as never, { queue: 'api' })
  void a.start()
  // The gate runs. Any claim a makes next has read the clock already (it does so as it launches).
  await gate.started
  clock.advance(300)
  gate.open()
  await a.whenIdle()
  // b finds the stored budget; the clock moves in steps until every job has run.
  for (let step = 0; step < 40 && starts.length < 6; step++) {
    clock.advance(100)
    await Promise.all([a, b].map((queue) => queue.start()))
    await Promise.all([a, b].map((queue) => queue.whenIdle()))
  }
  expect(starts).toHaveLength(6)
  expect(busiestWindow(starts), `handler starts: ${starts.map((at) => at - starts[0]!).join(', ')} ms`).toBeLessThanOrEqual(LIMIT.max)
})

it('puts back, unrun and its attempt unspent, a job whose handler would start past its claim + `startWithin`', async () => {
  // A claim that takes 150 ms, more than the 100 ms a start may lag its claim (`startWithin`'s
  // default): its jobs would start 150 ms after the time the stored log counted.
  let slowClaims = 1
  const real = db.storage()
  const slow: Storage = {
    ...real,
    claim: async (...args) => {
      const result = await real.claim(...args)
      if (result.claimed.length && slowClaims-- > 0) clock.advance(150)
      return result
    },
  }
  const [a, b] = [tab(slow, 3), tab(db.storage(), 3)]
  const jobs = [
    ...(await Promise.all([0, 1, 2].map(() => a.add('call', undefined as never, { queue: 'api' })))),
    ...(await Promise.all([0, 1, 2].map(() => b.add('call', undefined as never, { queue: 'api' })))),
  ]
  await a.start()
  await a.whenIdle()
  // Late: not run, and back to waiting with no attempt spent; its place in the budget is gone.
  expect(starts).toEqual([])
  expect(await a.counts({ queue: 'api' })).toMatchObject({ waiting: 6, active: 0 })
  for (let step = 0; step < 40 && starts.length < 6; step++) {
    clock.advance(100)
    await Promise.all([a, b].map((queue) => queue.start()))
    await Promise.all([a, b].map((queue) => queue.whenIdle()))
  }
  expect(starts).toHaveLength(6)
  expect(busiestWindow(starts)).toBeLessThanOrEqual(LIMIT.max)
  for (const job of jobs) expect(await job.refresh()).toMatchObject({ state: 'completed', attempts: 1 })
})
