// stop({ timeout }): waits for running jobs, then defers the rest to `waiting` without
// counting their attempt; start() again after stop(); close() twice.
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

describe('stop', () => {
  it('defers an unfinished job, which a new queue then runs with its attempt count unchanged', async () => {
    const { queue: first } = openQueue(db, { abortGracePeriod: 1000 })
    const settled = [...collect(first, 'failed'), ...collect(first, 'canceled')]
    const job = await first.add('gate', { channel: notes.channel, tag: 's' })
    expect((await notes.next('s', 'started')).attempt).toBe(1)

    const t0 = performance.now()
    await first.stop({ timeout: 50 })
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45)
    await job.refresh()
    expect(job.state).toBe('waiting')
    expect(job.attempts).toBe(0)
    expect(job.errors).toEqual([])
    expect(settled).toEqual([])
    await first.close()

    const { queue: second } = openQueue(db)
    expect((await notes.next('s', 'started', 2)).attempt).toBe(1)
    notes.release('s')
    const again = await second.get(job.id)
    expect(await again!.waitForResult()).toEqual({ tag: 's', attempt: 1 })
    expect((await again!.refresh()).attempts).toBe(1)
  })

  it('waits for a running job that finishes within the timeout', async () => {
    const { queue } = openQueue(db)
    const job = await queue.add('gate', { channel: notes.channel, tag: 'w' })
    await notes.next('w', 'started')
    const stopped = queue.stop({ timeout: 10_000 })
    notes.release('w')
    await stopped
    await job.refresh()
    expect(job.state).toBe('completed')
    expect(job.attempts).toBe(1)
  })

  it('runs jobs again after start()', async () => {
    const { queue } = openQueue(db)
    await queue.stop()
    const job = await queue.add('record', { channel: notes.channel, tag: 'later' })
    await queue.whenIdle()
    expect(await job.getState()).toBe('waiting')
    await queue.start()
    expect(await job.waitForResult()).toBe('later')
  })

  it('closes twice without error, and refuses start() once closed', async () => {
    const { queue } = openQueue(db)
    await queue.add('echo', 1)
    await Promise.all([queue.close(), queue.close()])
    await queue.close()
    await expect(queue.start()).rejects.toThrow(/closed/)
  })
})
