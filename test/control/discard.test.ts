// discard(): no further attempts after the current one.
import { JobFailedError } from 'docket'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeQueues, collect, listen, newDb, openQueue, type Db, type Notes } from './support/control-queue'

let db: Db
let notes: Notes

beforeEach(async () => {
  db = await newDb()
  notes = listen()
})

afterEach(async () => {
  await closeQueues()
  notes.close()
})

const backoff = { type: 'fixed', delay: 10 } as const

describe('discard', () => {
  it('lets a running attempt finish, then gives no further attempt', async () => {
    const { queue } = openQueue(db)
    const failed = collect(queue, 'failed')
    const job = await queue.add('gate', { channel: notes.channel, tag: 'd', fail: 'boom' }, { attempts: 3, backoff })
    await notes.next('d', 'started')

    await job.discard()
    notes.release('d')
    await expect(job.waitForResult()).rejects.toBeInstanceOf(JobFailedError)
    await job.refresh()
    expect(job.state).toBe('failed')
    expect(job.attempts).toBe(1)
    expect(job.maxAttempts).toBe(3)
    expect(failed.map((p) => p.willRetry)).toEqual([false])
    expect(notes.tags('started')).toEqual(['d'])
  })

  it('limits a job that has not started to one attempt', async () => {
    const { queue } = openQueue(db, { autostart: false })
    const job = await queue.add('failsOnce', {}, { attempts: 3, backoff })
    await job.discard()
    expect(job.state).toBe('waiting')
    await queue.start()
    await expect(job.waitForResult()).rejects.toBeInstanceOf(JobFailedError)
    expect((await job.refresh()).attempts).toBe(1)
  })

  it('does not change a job that succeeds', async () => {
    const { queue } = openQueue(db)
    const job = await queue.add('gate', { channel: notes.channel, tag: 'ok' })
    await notes.next('ok', 'started')
    await job.discard()
    notes.release('ok')
    expect(await job.waitForResult()).toEqual({ tag: 'ok', attempt: 1 })
  })
})
