import { createQueue, indexedDBStorage, type JobContext, type Queue } from 'docket'
import { afterEach, expect, it } from 'vitest'
import { uniqueName } from '../support/env'

const handlers = {
  async double(data: { n: number }, ctx: JobContext) {
    ctx.progress(50)
    return data.n * 2
  },
}

const EVENTS = ['added', 'active', 'progress', 'log', 'completed', 'failed', 'retrying', 'canceled', 'stalled', 'removed', 'duplicate', 'paused', 'resumed', 'error'] as const

const open: Queue<typeof handlers>[] = []
function queueOn(name: string, autostart = true): Queue<typeof handlers> {
  const queue = createQueue({ handlers, storage: indexedDBStorage({ name }), autostart })
  open.push(queue)
  return queue
}

/** Every event a queue emits, in order, as `[event, job id or payload]`. */
function record(queue: Queue<typeof handlers>): Array<[string, unknown]> {
  const seen: Array<[string, unknown]> = []
  for (const event of EVENTS) {
    queue.on(event, (payload: unknown) => {
      const p = payload as { job?: { id: string } } | undefined
      seen.push([event, p?.job ? p.job.id : payload])
    })
  }
  return seen
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((q) => q.close()))
})

it('ignores malformed channel messages and keeps working', async () => {
  const name = uniqueName('channel')
  const queue = queueOn(name)
  const seen = record(queue)
  const uncaught: unknown[] = []
  const onError = (event: ErrorEvent): void => void uncaught.push(event.error ?? event.message)
  window.addEventListener('error', onError)
  const record0 = { id: 'ghost', name: 'double', queue: 'default', state: 'completed', errors: [], runAt: 0 }
  const sender = new BroadcastChannel(`docket:${name}`)
  try {
    for (const message of [
      'wake', null, 42, { type: 'wake' },
      [null, 7, 'x', [], { type: 'bogus' }, { type: 'cancel' }, { type: 'cancel', id: 9 }],
      [{ type: 'event' }, { type: 'event', event: 'nope', record: record0 }, { type: 'event', event: 'toString', record: record0 }],
      // Job events without their job, or with a broken one.
      [{ type: 'event', event: 'completed' }, { type: 'event', event: 'progress', extra: { progress: 5 } }, { type: 'event', event: 'active', extra: {} }],
      [{ type: 'event', event: 'completed', record: { id: 1 } }, { type: 'event', event: 'failed', record: { ...record0, errors: 'none' } }],
      [{ type: 'event', event: 'completed', record: record0, extra: 'oops' }, { type: 'event', event: 'removed' }, { type: 'event', event: 'removed', extra: { id: 5 } }],
      [{ type: 'event', event: 'paused', extra: { queue: 3 } }],
    ]) sender.postMessage(message)
    // Delivered in order after the rest: once it arrives, every message above was handled.
    const sentinel = new Promise((resolve) => queue.on('resumed', resolve))
    sender.postMessage([{ type: 'event', event: 'resumed', extra: { queue: 'sentinel' } }])
    expect(await sentinel).toEqual({ queue: 'sentinel' })
    expect(seen).toEqual([['resumed', { queue: 'sentinel' }]])
    expect(uncaught).toEqual([])

    const job = await queue.add('double', { n: 21 })
    expect(await job.waitForResult()).toBe(42)
  } finally {
    sender.close()
    window.removeEventListener('error', onError)
  }
})

it('delivers the events of a second queue on the same database to the first', async () => {
  const name = uniqueName('channel')
  const watcher = queueOn(name, false)
  const runner = queueOn(name)
  await runner.whenIdle()
  const seen = record(watcher)
  const progress: unknown[] = []
  const completed = new Promise((resolve) => watcher.on('completed', resolve))

  // Added in the watcher, which never starts: the idle runner is woken through the channel.
  const job = await watcher.add('double', { n: 21 })
  job.on('progress', (value) => progress.push(value))
  expect(await completed).toMatchObject({ job: { id: job.id, state: 'completed' }, result: 42 })
  expect(seen).toEqual([['added', job.id], ['active', job.id], ['progress', job.id], ['completed', job.id]])
  expect(progress).toEqual([50])
  expect(job.state).toBe('completed')
  expect(await job.waitForResult()).toBe(42)
})
