// The storage conformance suite: every storage runs these same tests (as Sidequest's
// `testBackend` and unstorage's `testDriver` do), so the scheduler may rely on any of them.
import type { Storage } from 'docket'
import { afterEach, beforeEach, describe } from 'vitest'
import { claimCases } from './conformance/claim.js'
import { clearAndExpiryCases } from './conformance/clear-and-expiry.js'
import { combinedCases } from './conformance/combined.js'
import { copiesCases } from './conformance/copies.js'
import { counterCases } from './conformance/counters.js'
import { fencedSettleCases } from './conformance/fenced-settle.js'
import { flowCases } from './conformance/flows.js'
import { housekeepingCases } from './conformance/housekeeping.js'
import { insertCases } from './conformance/insert.js'
import { orderAndPaceCases } from './conformance/order-and-pace.js'
import { readCases } from './conformance/read.js'
import { scheduleCases } from './conformance/schedules.js'
import { updateCases } from './conformance/update.js'

/**
 * Declares the conformance tests of the `Storage` interface against a fresh storage per test.
 * @param name How the storage is named in the test report.
 * @param make Makes an empty storage; it is closed after each test.
 * @example testStorage('memoryStorage', () => memoryStorage())
 */
export function testStorage(name: string, make: () => Promise<Storage> | Storage): void {
  describe(`Storage conformance: ${name}`, () => {
    let current: Storage | undefined

    beforeEach(async () => {
      current = await make()
    })

    afterEach(async () => {
      await current?.close()
      current = undefined
    })

    const storage = (): Storage => {
      if (!current) throw new Error('No storage: the suite makes one per test')
      return current
    }

    insertCases(storage)
    readCases(storage)
    updateCases(storage)
    claimCases(storage)
    housekeepingCases(storage)
    fencedSettleCases(storage)
    copiesCases(storage)
    scheduleCases(storage)
    orderAndPaceCases(storage)
    flowCases(storage)
    counterCases(storage)
    combinedCases(storage)
    clearAndExpiryCases(storage)
  })
}
