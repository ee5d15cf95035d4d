// A database for test queues: real IndexedDB in Chromium, fake-indexeddb in Node.
import { indexedDBStorage, type Storage } from 'docket'
import { idbFactory, uniqueName } from './env'

/** One database that several queues (or a bare storage) may open, together or in turn, as a page would across reloads. */
export interface TestDatabase {
  name: string
  /** A new storage, that is a new connection, on this database. */
  storage(): Storage
}

/** A new, empty database. In Node every database gets its own fake-indexeddb factory. */
export async function testDatabase(): Promise<TestDatabase> {
  const env = await idbFactory()
  const name = uniqueName('queue')
  return { name, storage: () => indexedDBStorage({ name, ...env }) }
}
