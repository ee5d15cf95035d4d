import { indexedDBStorage } from 'docket'
import { requestDone } from './raw-indexeddb.js'

/**
 * A database with docket's own schema: docket's storage creates it, then it is opened raw at
 * its current version, so the store has exactly the indexes docket maintains on every write.
 */
export async function docketSchemaDB(name: string): Promise<IDBDatabase> {
  const storage = indexedDBStorage({ name })
  await storage.count(undefined, Date.now())
  await storage.close()
  return requestDone(indexedDB.open(name))
}
