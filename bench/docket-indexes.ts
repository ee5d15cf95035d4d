import { docketSchemaDB } from './docket-schema-db.js'
import { completedRow, jobRow } from './job-rows.js'
import { dropDatabase, uniqueName } from './raw-indexeddb.js'

/** One index of the `jobs` store, as IndexedDB reports it. */
export interface IndexDefinition {
  name: string
  keyPath: string | string[]
  unique: boolean
  multiEntry: boolean
  /** Whether every job row has an entry in it (waiting and settled rows both carry its key path). */
  dense: boolean
}

/** Whether `row` is in an index on `keyPath`: IndexedDB leaves out a row that lacks any part of the key. */
function holds(row: Record<string, unknown>, keyPath: string | string[]): boolean {
  // `seq` is the store's own key, given to every row as it is added.
  return (Array.isArray(keyPath) ? keyPath : [keyPath]).every((field) => field === 'seq' || row[field] !== undefined)
}

/**
 * The indexes of docket's `jobs` store as the current release creates them: read from a
 * database that docket's own storage made (so src/storage/indexeddb/schema.ts and its upgrades
 * are the one source), not a copy of its list that would drift.
 */
export async function docketIndexes(): Promise<IndexDefinition[]> {
  const name = uniqueName('indexes')
  const db = await docketSchemaDB(name)
  try {
    const store = db.transaction('jobs').objectStore('jobs')
    return [...store.indexNames].map((indexName) => {
      const { keyPath, unique, multiEntry } = store.index(indexName)
      return { name: indexName, keyPath, unique, multiEntry, dense: holds(jobRow(0), keyPath) && holds(completedRow(0), keyPath) }
    })
  } finally {
    db.close()
    await dropDatabase(name)
  }
}
