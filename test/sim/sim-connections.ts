// Each context's IndexedDB factory: the shared fake-indexeddb one, with the context's opened
// connections kept, so that the schedule can take one away as a browser does (another tab asks
// for a newer version, or the browser closes the connection). The storage must reopen.

/** The shared `factory` as one context opens it; `opened` hears of each connection made. */
export function contextFactory(factory: IDBFactory, opened: (db: IDBDatabase) => void): IDBFactory {
  return new Proxy(factory, {
    get(target, key) {
      if (key === 'open') {
        return (name: string, version?: number) => {
          const request = target.open(name, version)
          request.addEventListener('success', () => opened(request.result))
          return request
        }
      }
      const value: unknown = Reflect.get(target, key, target)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
}

/** What the connection hears when another context opens the database at a newer version. */
export function loseConnection(db: IDBDatabase): boolean {
  const handler = db.onversionchange as ((event: Event) => void) | null
  if (!handler) return false
  handler.call(db, new Event('versionchange'))
  return true
}
