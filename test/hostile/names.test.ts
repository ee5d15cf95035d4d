// Hostile names (issue 31, defect 1): every place a user names something — a named queue and
// its options, a job name, a unique key, an ordering key, a flow ref, a schedule id, `unique:
// true` data — takes every `Object.prototype` member, `__proto__`, whitespace, a very long name
// and unicode controls, on each storage; a normal job still runs and `counts()` is exact.
import { createQueue, memoryStorage, ValidationError, type JobState, type Storage } from 'docket'
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../support/test-database'

/** Names generated from the prototype itself, so a member added to it is tested too. */
const hostileNames = [
  ...Object.getOwnPropertyNames(Object.prototype),
  ' ',
  '\t\n',
  'x'.repeat(5_000),
  '\u0000\u0007\u001b[31m\u202e\ufeff',
  '🙂\u200d🙂',
  'a.b[0]',
]

const storages: Array<[string, () => Promise<Storage>]> = [
  ['memory', async () => memoryStorage()],
  ['indexeddb', async () => (await testDatabase()).storage()],
]

const echo = async (data: unknown): Promise<unknown> => data

/** Handlers of `work` and of a job named `name`, without the prototype's help. */
function handlersFor(name: string): Record<string, typeof echo> {
  return Object.fromEntries([['work', echo], [name, echo]])
}

/** The jobs stored per state, by listing them, against which `counts()` must match. */
async function listed(queue: { list(options: { state: JobState; queue?: string; limit: number }): Promise<unknown[]> }, state: JobState, name?: string): Promise<number> {
  return (await queue.list({ state, limit: 1000, ...(name === undefined ? {} : { queue: name }) })).length
}

describe.each(storages)('hostile names on %s storage', (_kind, open) => {
  it.each(hostileNames.map((name) => [JSON.stringify(name).slice(0, 30), name]))('%s names a queue, a job, keys, a ref and a schedule', async (_label, name) => {
    const queue = createQueue({
      storage: await open(),
      handlers: handlersFor(name),
      queues: Object.fromEntries([[name, { concurrency: 2, rateLimit: { max: 100, duration: 1000 } }]]),
      autostart: false,
    })
    try {
      await queue.pause(name)
      expect(await queue.isPaused(name)).toBe(true)
      await queue.resume(name)
      expect(await queue.isPaused(name)).toBe(false)

      const schedule = await queue.upsertScheduler(name, { every: 3_600_000, startAt: Date.now() + 3_600_000 }, { name, data: {}, options: { queue: name } })
      expect(schedule.id).toBe(name)
      expect((await queue.getSchedulers()).map(({ id }) => id)).toEqual([name])
      expect(await queue.removeScheduler(name)).toBe(true)

      const named = await queue.add(name, { n: 1 }, { queue: name, unique: { key: name }, orderingKey: name })
      expect((await queue.add('work', {}, { unique: { key: name } })).id).toBe(named.id)
      const withKey = await queue.add('work', Object.fromEntries([[name, { x: 1 }]]), { unique: true })
      const empty = await queue.add('work', {}, { unique: true })
      expect(empty.id).not.toBe(withKey.id)
      const flow = await queue.addFlow([
        { ref: name, name: 'work', data: { step: 1 }, options: { queue: name } },
        { ref: 'after', name, data: { step: 2 }, dependsOn: [name] },
      ])
      expect(flow[name as 'after']?.ref).toBe(name)
      const normal = await queue.add('work', { normal: true })

      expect(await queue.counts()).toMatchObject({ waiting: 5, blocked: 1 })
      expect((await queue.counts({ queue: name })).waiting).toBe(await listed(queue, 'waiting', name))
      expect((await queue.counts({ queue: name })).waiting).toBe(2)

      await queue.start()
      expect(await normal.waitForResult()).toEqual({ normal: true })
      for (const job of [named, withKey, empty, flow.after!]) await job.waitForResult()
      const counts = await queue.counts()
      expect(counts.completed).toBe(6)
      for (const state of ['waiting', 'active', 'delayed', 'blocked', 'completed', 'failed'] as const) {
        expect(counts[state]).toBe(await listed(queue, state))
        expect((await queue.counts({ queue: name }))[state]).toBe(await listed(queue, state, name))
      }
      expect((await queue.counts({ queue: name })).completed).toBe(2)
    } finally {
      await queue.close()
    }
  })

  it('gives `unique: true` data `{"__proto__":{"x":1}}` and `{}` different keys', async () => {
    const queue = createQueue({ storage: await open(), handlers: { work: echo }, autostart: false })
    try {
      const hostile = await queue.add('work', JSON.parse('{"__proto__":{"x":1}}'), { unique: true })
      const empty = await queue.add('work', {}, { unique: true })
      expect(empty.id).not.toBe(hostile.id)
      expect(hostile.uniqueKey).toBe('work:{"__proto__":{"x":1}}')
      expect((await queue.counts()).waiting).toBe(2)
    } finally {
      await queue.close()
    }
  })

  it('rejects an empty name wherever a name is given, and still runs a normal job', async () => {
    const queue = createQueue({ storage: await open(), handlers: { work: echo } })
    try {
      await expect(queue.add('' as 'work', {})).rejects.toThrow(ValidationError)
      await expect(queue.add('work', {}, { queue: '' })).rejects.toThrow(/`queue`/)
      await expect(queue.add('work', {}, { orderingKey: '' })).rejects.toThrow(/`orderingKey`/)
      await expect(queue.add('work', {}, { unique: { key: '' } })).rejects.toThrow(/`unique.key`/)
      await expect(queue.addFlow([{ ref: '', name: 'work', data: {} }])).rejects.toThrow(/`flow\[0\].ref`/)
      await expect(queue.upsertScheduler('', { every: 1000 }, { name: 'work', data: {} })).rejects.toThrow(ValidationError)
      await expect(queue.pause('')).rejects.toThrow(/`queue`/)
      expect(await (await queue.add('work', 1)).waitForResult()).toBe(1)
    } finally {
      await queue.close()
    }
  })
})
