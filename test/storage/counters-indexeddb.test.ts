// The counters on IndexedDB, where several connections (tabs) write one database at once:
// IndexedDB serialises their transactions over `meta`, so the counters stay exact.
import { indexedDBStorage, type Storage } from 'docket'
import { afterEach, it } from 'vitest'
import { idbFactory, uniqueName } from '../support/env'
import { seeded } from '../support/seeded.js'
import { expectCountsExact, randomStep } from './conformance/counters.js'
import { T } from './records.js'

const open: Storage[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((storage) => storage.close()))
})

it('keeps counts() exact while three connections write one database at the same time', async () => {
  const env = await idbFactory()
  const name = uniqueName('counters-tabs')
  const tabs = [1, 2, 3].map(() => indexedDBStorage({ name, ...env }))
  open.push(...tabs)
  const random = seeded(7)
  let now = T
  for (let round = 0; round < 25; round++) {
    now += Math.floor(random() * 60)
    // Each tab decides on what it read, then writes, interleaved with the others' writes.
    const draws = tabs.map(() => seeded(Math.floor(random() * 1e9)))
    await Promise.all(tabs.map((tab, i) => randomStep(tab, draws[i]!, now)))
    for (const tab of tabs) await expectCountsExact(tab, now, `round ${round}`)
  }
})
