// A rate limit at the handlers' starts with real workers and the real clock (issue 30, defect
// 7): two queues on one database, each with its own pool, where the first dispatch waits for
// a worker to load. The handler stamps its start by its own thread's clock. The property is
// checked for whatever delays the machine adds: a late dispatch puts its job back instead.
import { expect, it } from 'vitest'
import { queueFixture } from '../support/queue-fixture'

const fixture = queueFixture('worker')
// A generous allowance: a loaded machine may take long to load a worker, and a job that comes
// late only goes back and runs in a later window, which would make the test slower, not wrong.
const LIMIT = { max: 3, duration: 400, startWithin: 500 }

it('starts at most `max` handlers in workers per window of `duration`, across two queues', async () => {
  const options = { concurrency: 3, queues: { api: { rateLimit: LIMIT } } }
  const [a, b] = [await fixture.open(options), await fixture.open(options)]
  const jobs = await Promise.all([a, a, a, b, b, b].map((queue, n) => queue.add('stamp', { ms: 0, tag: String(n) }, { queue: 'api' })))
  const starts = (await Promise.all(jobs.map((job) => job.waitForResult()))).map(({ start }) => start).sort((x, y) => x - y)
  // A handler's first `Date.now()` may read one tick past the deadline its thread checked
  // right before calling it: windows one ms short of `duration`.
  const window = LIMIT.duration - 1
  for (const start of starts) {
    expect(starts.filter((other) => other >= start && other < start + window).length, `starts: ${starts.map((at) => at - starts[0]!).join(', ')} ms`).toBeLessThanOrEqual(LIMIT.max)
  }
})
