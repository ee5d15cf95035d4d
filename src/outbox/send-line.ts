/**
 * Storing sends in the order they were called, batched. A send takes its place at once, before
 * its body is read (reads finish in any order: Firefox's often do), and is stored after every
 * earlier send: the order that ordering keys keep is the order of the calls. While one insert
 * transaction is in flight, the sends ready meanwhile wait and go together in the next
 * (`addBulk`, one transaction); a lone send waits for nothing.
 * @module
 */
import type { JobOptions } from '../job/job-options.js'
import type { Queue } from '../queue/queue.js'
import type { OutboxJob, OutboxJobs } from './create-outbox.js'
import type { StoredRequest } from './stored-request.js'

interface Place {
  entry?: { data: StoredRequest; options: JobOptions }
  dropped?: boolean
  resolve(job: OutboxJob): void
  reject(error: unknown): void
}

/** A place in the line of sends: filled once the request is read, or dropped if it could not be. */
export interface SendPlace {
  fill(data: StoredRequest, options: JobOptions): Promise<OutboxJob>
  drop(): void
}

/** Returns `reserve()`: call it synchronously in `send`, before anything is awaited. */
export function createSendLine(queue: Queue<OutboxJobs>, name: 'request') {
  const line: Place[] = []
  let inFlight = false

  /** The filled places at the head of the line, in order; dropped ones leave it. */
  function takeReady(): Array<Place & Required<Pick<Place, 'entry'>>> {
    const ready: Array<Place & Required<Pick<Place, 'entry'>>> = []
    while (line.length && (line[0]!.entry || line[0]!.dropped)) {
      const place = line.shift()!
      if (place.entry) ready.push(place as Place & Required<Pick<Place, 'entry'>>)
    }
    return ready
  }

  async function flush(): Promise<void> {
    if (inFlight) return
    const batch = takeReady()
    if (!batch.length) return
    inFlight = true
    try {
      if (batch.length === 1) {
        const [one] = batch
        await queue.add(name, one!.entry.data, one!.entry.options).then(one!.resolve, one!.reject)
      } else {
        try {
          const jobs = await queue.addBulk(batch.map(({ entry }) => ({ name, data: entry.data, options: entry.options })))
          batch.forEach((place, index) => place.resolve(jobs[index] as OutboxJob))
        } catch {
          // All or none failed: each on its own, in order, so that each gets its own answer.
          for (const place of batch) await queue.add(name, place.entry.data, place.entry.options).then(place.resolve, place.reject)
        }
      }
    } finally {
      inFlight = false
      void flush()
    }
  }

  return function reserve(): SendPlace {
    let place!: Place
    const stored = new Promise<OutboxJob>((resolve, reject) => {
      place = { resolve, reject }
    })
    line.push(place)
    return {
      fill(data, options) {
        place.entry = { data, options }
        void flush()
        return stored
      },
      drop() {
        place.dropped = true
        void flush()
      },
    }
  }
}
