import { expect, test } from 'vitest'
import { createQueue, memoryStorage, indexedDBStorage } from '../src/index.js'
import { idbFactory, uniqueName } from './support/env.js'

test('smoke', async () => {
  const { indexedDB, IDBKeyRange } = await idbFactory()
  for (const storage of [memoryStorage(), indexedDBStorage({ indexedDB, IDBKeyRange, name: uniqueName('s') })]) {
    const q = createQueue({ storage, handlers: { async double(n: number, ctx) { ctx.progress(50); await ctx.log('hi'); return n * 2 } } })
    const events: string[] = []
    q.on('progress', (e) => events.push('progress:' + String(e.progress)))
    q.on('completed', (e) => events.push('completed:' + String(e.result)))
    const job = await q.add('double', 21)
    expect(await job.waitForResult()).toBe(42)
    await q.whenIdle()
    const j = await q.get(job.id)
    expect(j?.state).toBe('completed')
    expect(await j!.getLogs()).toHaveLength(1)
    expect(await q.counts()).toMatchObject({ completed: 1 })
    expect(events).toEqual(['progress:50', 'completed:42'])
    await q.close()
  }
})
