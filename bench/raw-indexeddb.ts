/** IndexedDB without docket: the bench's own databases, requests and transactions as promises. */

let counter = 0
/** A database name no earlier run of this page used. */
export function uniqueName(prefix: string): string {
  return `bench-${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`
}

export function requestDone<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

export function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'))
  })
}

/** Opens a database at version 1, creating its stores with `upgrade` the first time. */
export async function openRaw(name: string, upgrade: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  const open = indexedDB.open(name, 1)
  open.onupgradeneeded = () => upgrade(open.result)
  return requestDone(open)
}

/** Deletes a database; waits until it is gone so that disk space does not pile up between runs. */
export async function dropDatabase(name: string): Promise<void> {
  await requestDone(indexedDB.deleteDatabase(name) as IDBRequest<unknown>)
}
