import type { IDBPDatabase } from 'idb'
import { StorageError } from '../../errors.js'
import type { DocketDB } from './schema.js'

// WebKit's private (ephemeral) sessions cannot store a Blob or File in IndexedDB ("Error
// preparing Blob/File data to be stored in object store"), and a transaction whose refused Blob
// follows a request that succeeded then never ends: it holds its stores, and every later
// transaction on them, in any tab, waits for good. So docket learns once per runtime whether
// Blobs are stored, and where they are not, refuses them itself before a transaction sees them.
// (One IndexedDB implementation per runtime, as the README asks.)
let refused = false

/** Tries a Blob in a transaction of its own, then aborts it: nothing is written either way. */
export async function probeBlobs(db: IDBPDatabase<DocketDB>): Promise<void> {
  if (typeof Blob !== 'function') return
  const tx = db.transaction('meta', 'readwrite')
  tx.done.catch(() => undefined)
  try {
    await tx.store.put(new Blob([]), 'blob-probe')
    refused = false
    tx.abort()
  } catch {
    refused = true
  }
}

function containsBlob(value: unknown): boolean {
  const stack = [value]
  const seen = new Set<object>()
  while (stack.length) {
    const v = stack.pop()
    if (v === null || typeof v !== 'object' || seen.has(v)) continue
    seen.add(v)
    if (v instanceof Blob) return true
    if (v instanceof Map) for (const [key, item] of v) stack.push(key, item)
    else if (v instanceof Set) for (const item of v) stack.push(item)
    else if (!ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer)) stack.push(...Object.values(v))
  }
  return false
}

/** Throws a `StorageError` for a value with a Blob or File in it where IndexedDB cannot store one. */
export function refuseUnstorableBlobs(value: unknown, what: string): void {
  if (refused && containsBlob(value)) {
    throw new StorageError(`This browser's IndexedDB cannot store a Blob or File (WebKit in a private window), found in ${what}: store its bytes instead (await blob.arrayBuffer())`)
  }
}
