// A database as docket 0.1 (schema version 1) left it: its stores and indexes made by the
// version-1 step of the upgrade, which is the 0.1 code unchanged, and rows written straight
// into its `jobs` store, as 0.1 wrote them.
import { upgradeTo1 } from '../../src/storage/indexeddb/schema.js'
import type { IdbEnv } from '../support/env'

/** Creates the database `name` at version 1 and adds `rows` to its `jobs` store. */
export function writeVersion1(idb: IdbEnv, name: string, rows: object[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const open = idb.indexedDB.open(name, 1)
    open.onupgradeneeded = () => upgradeTo1(open.result, open.transaction!)
    open.onsuccess = () => {
      const tx = open.result.transaction('jobs', 'readwrite')
      for (const row of rows) tx.objectStore('jobs').add(row)
      tx.oncomplete = () => (open.result.close(), resolve())
      tx.onerror = () => reject(tx.error)
    }
    open.onerror = () => reject(open.error)
  })
}
