/**
 * Group commit of sends: while one insert transaction is in flight, the sends that arrive meanwhile
 * wait and go together in the next (`addBulk`, one transaction), so a burst of sends costs a few
 * transactions, not one each, and a lone send waits for nothing.
 * @module
 */
import type { JobOptions } from '../job/job-options.js'
import type { Queue } from '../queue/queue.js'
import type { OutboxJob, OutboxJobs } from './create-outbox.js'
import type { StoredRequest } from './stored-request.js'

interface Waiting {
  data: StoredRequest
  options: JobOptions
  resolve(job: OutboxJob): void
  reject(error: unknown): void
}

/** Returns `add(data, options)`, which stores one request, batched with those sent meanwhile. */
export function createSendBatch(queue: Queue<OutboxJobs>, name: 'request') {
  let waiting: Waiting[] = []
  let inFlight = false

  async function flush(): Promise<void> {
    const batch = waiting
    waiting = []
    inFlight = true
    try {
      if (batch.length === 1) {
        const [one] = batch
        await queue.add(name, one!.data, one!.options).then(one!.resolve, one!.reject)
      } else {
        try {
          const jobs = await queue.addBulk(batch.map(({ data, options }) => ({ name, data, options })))
          batch.forEach((entry, index) => entry.resolve(jobs[index] as OutboxJob))
        } catch {
          // All or none failed: each send on its own, so that each gets its own answer.
          await Promise.all(batch.map((entry) => queue.add(name, entry.data, entry.options).then(entry.resolve, entry.reject)))
        }
      }
    } finally {
      inFlight = false
      if (waiting.length) void flush()
    }
  }

  return function add(data: StoredRequest, options: JobOptions): Promise<OutboxJob> {
    return new Promise<OutboxJob>((resolve, reject) => {
      waiting.push({ data, options, resolve, reject })
      if (!inFlight) void flush()
    })
  }
}
