import { createQueue, memoryStorage, ValidationError, type JobOptions, type Queue } from 'docket'
import { describe, expect, it } from 'vitest'
import { jobs } from '../support/jobs'
import { queueFixture } from '../support/queue-fixture'

type Untyped = Queue<Record<string, (data: unknown) => unknown>>

/** Each bad input of the contract, with the option its error must name. */
const badAdds: Array<[label: string, option: string, name: unknown, data: unknown, options?: unknown]> = [
  ['data with a function', 'data', 'double', { n: 1, f: () => 1 }],
  ['data that is a symbol', 'data', 'double', Symbol('s')],
  ['a negative delay', 'delay', 'double', { n: 1 }, { delay: -1 }],
  ['an infinite delay', 'delay', 'double', { n: 1 }, { delay: Infinity }],
  ['a NaN delay', 'delay', 'double', { n: 1 }, { delay: NaN }],
  ['a fractional priority', 'priority', 'double', { n: 1 }, { priority: 1.5 }],
  ['an infinite priority', 'priority', 'double', { n: 1 }, { priority: -Infinity }],
  ['a NaN priority', 'priority', 'double', { n: 1 }, { priority: NaN }],
  ['zero attempts', 'attempts', 'double', { n: 1 }, { attempts: 0 }],
  ['negative attempts', 'attempts', 'double', { n: 1 }, { attempts: -2 }],
  ['fractional attempts', 'attempts', 'double', { n: 1 }, { attempts: 2.5 }],
  ['infinite attempts', 'attempts', 'double', { n: 1 }, { attempts: Infinity }],
  ['negative maxStalls', 'maxStalls', 'double', { n: 1 }, { maxStalls: -1 }],
  ['fractional maxStalls', 'maxStalls', 'double', { n: 1 }, { maxStalls: 0.5 }],
  ['an unknown backoff type', 'backoff.type', 'double', { n: 1 }, { backoff: { type: 'linear', delay: 10 } }],
  ['a negative timeout', 'timeout', 'double', { n: 1 }, { timeout: -5 }],
  ['an unknown unique scope', 'unique.scope', 'double', { n: 1 }, { unique: { key: 'k', scope: 'forever' } }],
  ['an invalid runAt', 'runAt', 'double', { n: 1 }, { runAt: 'tomorrow' }],
  ['an empty name', 'name', '', { n: 1 }],
]

describe('bad input is rejected with ValidationError, and nothing is stored', () => {
  const fixture = queueFixture('inline')

  it.each(badAdds)('add with %s names `%s`', async (_label, option, name, data, options) => {
    const queue = (await fixture.open()) as unknown as Untyped
    let pending: Promise<unknown> | undefined
    // Rejects, never throws.
    expect(() => (pending = queue.add(name as string, data, options as JobOptions))).not.toThrow()
    const error = await pending!.catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ValidationError)
    expect((error as Error).name).toBe('ValidationError')
    expect((error as Error).message).toContain(`\`${option}\``)
    expect(await queue.list()).toEqual([])
    expect(Object.values(await queue.counts()).every((n) => n === 0)).toBe(true)
  })

  it('says what was expected and what arrived', async () => {
    const queue = await fixture.open()
    await expect(queue.add('double', { n: 1 }, { priority: 1.5 })).rejects.toThrow('Expected `priority` to be an integer, got 1.5')
  })

  it('rejects a whole addBulk when one entry is bad: all or none', async () => {
    const queue = await fixture.open({ autostart: false })
    const bulk = queue.addBulk([
      { name: 'double', data: { n: 1 } },
      { name: 'double', data: { n: 2 } },
      { name: 'double', data: { n: 3 }, options: { attempts: 0 } },
    ])
    await expect(bulk).rejects.toThrow(ValidationError)
    await expect(bulk).rejects.toThrow('`attempts`')
    expect(await queue.list()).toEqual([])

    const added = await queue.addBulk([1, 2, 3].map((n) => ({ name: 'double' as const, data: { n } })))
    expect((await queue.list()).map((job) => job.id)).toEqual(added.map((job) => job.id))
    expect((await queue.counts()).waiting).toBe(3)
  })

  it('checks unique keys inside one addBulk', async () => {
    const queue = await fixture.open({ autostart: false })
    const [a, b] = await queue.addBulk([
      { name: 'double', data: { n: 1 }, options: { unique: { key: 'same' } } },
      { name: 'double', data: { n: 2 }, options: { unique: { key: 'same' } } },
    ])
    expect(b!.id).toBe(a!.id)
    expect(await queue.list()).toHaveLength(1)
  })
})

describe('createQueue throws synchronously for bad options', () => {
  const storage = (): ReturnType<typeof memoryStorage> => memoryStorage()

  it('with both worker and handlers, or neither', () => {
    const worker = (): Worker => {
      throw new Error('never started')
    }
    expect(() => createQueue({ handlers: jobs, worker, storage: storage() })).toThrow(ValidationError)
    expect(() => createQueue({ handlers: jobs, worker, storage: storage() })).toThrow(/`worker`.*`handlers`/)
    expect(() => createQueue({ storage: storage() })).toThrow(ValidationError)
    expect(() => createQueue({ storage: storage() })).toThrow(/neither/)
  })

  it.each([0, -1, 1.5, Infinity])('with concurrency %s', (concurrency) => {
    expect(() => createQueue({ handlers: jobs, concurrency, storage: storage() })).toThrow(ValidationError)
    expect(() => createQueue({ handlers: jobs, concurrency, storage: storage() })).toThrow('`concurrency`')
  })

  it('with a named queue of concurrency 0', () => {
    expect(() => createQueue({ handlers: jobs, queues: { q: { concurrency: 0 } }, storage: storage() })).toThrow('`queues.q.concurrency`')
  })

  it('with bad defaults', () => {
    expect(() => createQueue({ handlers: jobs, defaults: { attempts: 0 }, storage: storage() })).toThrow('`defaults.attempts`')
    expect(() => createQueue({ handlers: jobs, defaults: { backoff: { type: 'linear' as 'fixed', delay: 1 } }, storage: storage() })).toThrow(ValidationError)
  })
})
