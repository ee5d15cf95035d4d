// Lets a test that runs in both projects pick its IndexedDB:
// the real one in Chromium, a fresh fake-indexeddb factory in Node.

export const isBrowser: boolean =
  typeof window !== 'undefined' && typeof document !== 'undefined';

export interface IdbEnv {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

export async function idbFactory(): Promise<IdbEnv> {
  if (isBrowser) {
    return { indexedDB: globalThis.indexedDB, IDBKeyRange: globalThis.IDBKeyRange };
  }
  // A new factory each call: an empty, isolated in-memory "browser profile".
  const fake = await import('fake-indexeddb');
  return { indexedDB: new fake.IDBFactory(), IDBKeyRange: fake.IDBKeyRange };
}

let counter = 0;

/** A database name no other test (or earlier run in the same profile) uses. */
export function uniqueName(prefix = 'db'): string {
  counter += 1;
  const rand = Math.random().toString(36).slice(2, 10);
  return `${prefix}-${Date.now().toString(36)}-${counter}-${rand}`;
}
