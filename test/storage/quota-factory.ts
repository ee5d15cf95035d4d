// An IndexedDB factory whose disk is nearly full. It wraps a real factory (Chromium's or
// fake-indexeddb's): every write still goes to the real database, but a transaction that
// writes a value larger than `room` is aborted with a QuotaExceededError just after that
// write succeeded. When that write is the transaction's last request this is exactly what
// Chromium does when quota runs out: the requests succeed, the commit fails, the transaction
// aborts with `error.name === 'QuotaExceededError'` and nothing it wrote remains.
//
// Why not the real thing: CDP's Storage.overrideQuotaForOrigin is accepted in the browser
// project but not applied to the Playwright context the tests run in (a 5.8 MB write succeeded
// under a 1 MB override), and filling the disk for real is neither fast nor contained.

/** A factory over `real` that refuses writes of more than `room` bytes (as JSON). */
export function quotaFactory(real: IDBFactory, room: number): IDBFactory {
  return new Proxy(real, {
    get(target, prop) {
      if (prop === 'open') {
        return (name: string, version?: number) => {
          const request = target.open(name, version)
          // Added before the storage's own handler, so the connection is patched before use.
          request.addEventListener('success', () => patchDatabase(request.result, room))
          return request
        }
      }
      const value: unknown = Reflect.get(target, prop, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

function patchDatabase(db: IDBDatabase, room: number): void {
  const transaction = db.transaction.bind(db)
  db.transaction = ((stores: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) => {
    const tx = transaction(stores, mode, options)
    if (mode === 'readwrite') patchTransaction(tx, room)
    return tx
  }) as IDBDatabase['transaction']
}

function patchTransaction(tx: IDBTransaction, room: number): void {
  const objectStore = tx.objectStore.bind(tx)
  const patched = new WeakSet<IDBObjectStore>()
  tx.objectStore = (name: string) => {
    const store = objectStore(name)
    if (patched.has(store)) return store
    patched.add(store)
    for (const method of ['add', 'put'] as const) {
      const write = store[method].bind(store)
      store[method] = (value: unknown, key?: IDBValidKey) => {
        const request = write(value, key)
        if (JSON.stringify(value).length > room) request.addEventListener('success', () => exceed(tx))
        return request
      }
    }
    return store
  }
}

function exceed(tx: IDBTransaction): void {
  const error = new DOMException('The quota has been exceeded.', 'QuotaExceededError')
  // `error` is a read-only attribute; the real one is set by the browser when quota aborts a commit.
  Object.defineProperty(tx, 'error', { configurable: true, get: () => error, set: () => undefined })
  tx.abort()
}
