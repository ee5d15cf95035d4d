// queue.isPaused(): the stored pause state, read the way the dashboard needs it, across queues
// on one database.
import { createQueue, indexedDBStorage, memoryStorage, ValidationError } from 'docket'
import { describe, expect, it } from 'vitest'
import { idbFactory, uniqueName } from '../support/env'

const handlers = { noop: () => undefined }

describe('isPaused', () => {
  it('reports a named queue held by its own pause or by pausing every queue', async () => {
    const queue = createQueue({ handlers, storage: memoryStorage() })
    expect([await queue.isPaused(), await queue.isPaused('a')]).toEqual([false, false])
    await queue.pause('a')
    expect([await queue.isPaused(), await queue.isPaused('a'), await queue.isPaused('b')]).toEqual([false, true, false])
    await queue.pause()
    expect([await queue.isPaused(), await queue.isPaused('b')]).toEqual([true, true])
    await queue.resume()
    expect([await queue.isPaused(), await queue.isPaused('a'), await queue.isPaused('b')]).toEqual([false, false, false])
    await queue.close()
  })

  it('reads what another queue on the same database stored', async () => {
    const idb = await idbFactory()
    const name = uniqueName('is-paused')
    const first = createQueue({ handlers, storage: indexedDBStorage({ name, ...idb }), autostart: false })
    await first.pause('uploads')
    const second = createQueue({ handlers, storage: indexedDBStorage({ name, ...idb }), autostart: false })
    expect(await second.isPaused('uploads')).toBe(true)
    await Promise.all([first.close(), second.close()])
  })

  it('rejects a queue name that is not a non-empty string', async () => {
    const queue = createQueue({ handlers, storage: memoryStorage(), autostart: false })
    await expect(queue.isPaused('')).rejects.toThrow(ValidationError)
    await queue.close()
  })
})
