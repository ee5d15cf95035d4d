import { createCoreStorage } from './core/core-storage.js'
import { memoryTable } from './memory-table.js'
import type { Storage } from './storage.js'

/**
 * A storage kept in memory, with the same behaviour as `indexedDBStorage()` (the same core over
 * a table in memory): for edge runtimes without IndexedDB or SQLite, tests, and jobs that need
 * not outlive the context. Data is structured-cloned on the way in, as IndexedDB would.
 * @example createQueue({ handlers, storage: memoryStorage() })
 */
export function memoryStorage(): Storage {
  return createCoreStorage(memoryTable())
}
