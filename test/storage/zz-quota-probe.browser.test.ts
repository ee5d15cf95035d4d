import { cdp } from 'vitest/browser'
import { expect, it } from 'vitest'
import { indexedDBStorage } from 'docket'
import { newRecord } from '../../src/new-record.js'
import { uniqueName } from '../support/env'

it('probe', async () => {
  const origin = location.origin
  const est = await navigator.storage.estimate()
  console.log('origin', origin, JSON.stringify(est))
  const storage = indexedDBStorage({ name: uniqueName('quota') })
  const small = newRecord('a', { n: 1 }, {}, {}, () => 'small', 1000)
  await storage.insert([small])
  const est2 = await navigator.storage.estimate()
  console.log('after', JSON.stringify(est2))
  await cdp().send('Storage.overrideQuotaForOrigin', { origin, quotaSize: (est2.usage ?? 0) + 1_000_000 })
  console.log('cdp', JSON.stringify(await cdp().send('Storage.getUsageAndQuota', { origin })));console.log('override', JSON.stringify(await navigator.storage.estimate()))
  const big = newRecord('b', { blob: crypto.getRandomValues(new Uint8Array(60_000)).join(',').repeat(1).slice(0) + Array.from({length: 40}, () => crypto.getRandomValues(new Uint8Array(60000)).join(',')).join('') }, {}, {}, () => 'big', 1000)
  const other = newRecord('c', { n: 2 }, {}, {}, () => 'other', 1000)
  let err: unknown
  try { await storage.insert([other, big]) } catch (e) { err = e }
  console.log('err', String(err), (err as any)?.cause?.name, (err as any)?.cause?.message)
  await cdp().send('Storage.overrideQuotaForOrigin', { origin })
  console.log('restored', JSON.stringify(await navigator.storage.estimate()))
  console.log(await storage.get('other'), await storage.get('big'))
  expect(1).toBe(1)
})
