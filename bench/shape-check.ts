import { createQueue, indexedDBStorage } from 'docket'
import { dropDatabase, requestDone, uniqueName } from './measure.js'
import { jobData, jobRow } from './record.js'

/**
 * Guards the premise of the limit figures: the raw rows have the fields docket stores. Adds
 * one job through docket, reads its row raw, and lists the fields either side lacks.
 */
export async function checkRecordShape(): Promise<{ same: boolean; onlyDocket: string[]; onlyBench: string[] }> {
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
