import { createQueue, indexedDBStorage } from 'docket'
import { jobData, jobRow } from './job-rows.js'
import { dropDatabase, requestDone, uniqueName } from './raw-indexeddb.js'

/** Whether the bench's raw rows have the fields docket stores, and which either side lacks. */
export interface RecordShape {
  same: boolean
  onlyDocket: string[]
  onlyBench: string[]
}

/**
 * Guards the premise of the limit figures: the raw rows have the fields docket stores. Adds
 * one job through docket, reads its row raw, and lists the fields either side lacks.
 */
export async function checkRecordShape(): Promise<RecordShape> {
  const name = uniqueName('shape')
  const queue = createQueue({ handlers: { noop() {} }, autostart: false, storage: indexedDBStorage({ name }) })
  await queue.add('noop', jobData(0))
  await queue.close()
  const db = await requestDone(indexedDB.open(name))
  const [stored] = await requestDone(db.transaction('jobs').objectStore('jobs').getAll()) as Array<Record<string, unknown>>
  db.close()
  await dropDatabase(name)
  const docketKeys = new Set(Object.keys(stored ?? {}).filter((k) => k !== 'seq'))
  const benchKeys = new Set(Object.keys(jobRow(0)))
  const onlyDocket = [...docketKeys].filter((k) => !benchKeys.has(k))
  const onlyBench = [...benchKeys].filter((k) => !docketKeys.has(k))
  return { same: !onlyDocket.length && !onlyBench.length, onlyDocket, onlyBench }
}
