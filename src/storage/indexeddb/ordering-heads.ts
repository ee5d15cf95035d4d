/**
 * Ordering keys on IndexedDB: every read is a point read or a one-row range of the key's own
 * indexes, so a key with 10,000 waiting jobs costs what a key with 10 does.
 * @module
 */
import type { IDBPObjectStore, StoreNames } from 'idb'
import type { BlockedKey } from '../ordering.js'
import { toRow, type DocketDB, type JobRow } from './schema.js'
import { queued, type Tx } from './writes.js'

type JobsStore = IDBPObjectStore<DocketDB, StoreNames<DocketDB>[], 'jobs', 'readonly' | 'readwrite'>

/** What a claim must know of one key: its head (the first job holding it) and whether one of it runs. */
export interface KeyState {
  head: JobRow | undefined
  running: boolean
}

/** The range of the `ordering` index that holds the rows of `key`, in insertion order. */
function keyRange(KeyRange: typeof IDBKeyRange, key: string): IDBKeyRange {
  return KeyRange.bound([key], [key, []])
}

/** Reads the state of each key, all at once, in the transaction (so after its writes). */
export async function readKeyStates(tx: Tx, KeyRange: typeof IDBKeyRange, keys: Iterable<string>): Promise<Map<string, KeyState>> {
  const jobs = tx.objectStore('jobs')
  const list = [...keys]
  const states = await Promise.all(list.map(async (key): Promise<KeyState> => {
    const [heads, running] = await Promise.all([jobs.index('ordering').getAll(keyRange(KeyRange, key), 1), jobs.index('keyActive').count(key)])
    return { head: heads[0], running: running > 0 }
  }))
  return new Map(list.map((key, i) => [key, states[i]!]))
}

/**
 * Marks the head of each key (`keyHead`) after writes that may have moved it (a head that
 * completed, was canceled or removed; the first job of a key inserted). Only a marked waiting
 * row is in the `runnable` index. Returns the rows newly marked, as written.
 */
export async function markHeads(tx: Tx, KeyRange: typeof IDBKeyRange, keys: Iterable<string>): Promise<JobRow[]> {
  const jobs = tx.objectStore('jobs')
  const states = await readKeyStates(tx, KeyRange, keys)
  const marked: JobRow[] = []
  for (const { head } of states.values()) {
    if (!head || head.keyHead || (head.state !== 'waiting' && head.state !== 'delayed')) continue
    const row = toRow({ ...head, keyHead: true }, head.seq)
    void queued(jobs.put(row))
    marked.push(row)
  }
  return marked
}

/** The blocked keys: those whose head failed for good, read through the `keyBlocked` index. */
export async function readBlockedKeys(jobs: JobsStore, KeyRange: typeof IDBKeyRange): Promise<BlockedKey[]> {
  const index = jobs.index('keyBlocked')
  const keys: string[] = []
  // One step per distinct key (`nextunique`), however many failed jobs share it.
  let cursor = await index.openKeyCursor(null, 'nextunique')
  while (cursor) {
    keys.push(cursor.key as string)
    cursor = await cursor.continue()
  }
  const heads = await Promise.all(keys.map((key) => jobs.index('ordering').getAll(keyRange(KeyRange, key), 1)))
  return keys.flatMap((key, i) => {
    const head = heads[i]![0]
    return head?.state === 'failed' ? [{ key, jobId: head.id }] : []
  })
}
