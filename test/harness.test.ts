import { describe, expect, it } from 'vitest';
import { idbFactory, isBrowser, uniqueName } from './support/env';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

describe('harness', () => {
  it('runs in the expected environment', () => {
    expect(typeof window !== 'undefined').toBe(isBrowser);
  });

  it('writes and reads an IndexedDB record', async () => {
    const { indexedDB, IDBKeyRange } = await idbFactory();
    const name = uniqueName('harness');

    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('jobs', { keyPath: 'id' });
    };
    const db = await request(open);
    try {
      const tx = db.transaction('jobs', 'readwrite');
      tx.objectStore('jobs').put({ id: 'a', n: 1 });
      tx.objectStore('jobs').put({ id: 'b', n: 2 });
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = tx.onabort = () => reject(tx.error);
      });

      const store = db.transaction('jobs').objectStore('jobs');
      expect(await request(store.get('b'))).toEqual({ id: 'b', n: 2 });
      expect(await request(store.count(IDBKeyRange.bound('a', 'b')))).toBe(2);
    } finally {
      db.close();
      await request(indexedDB.deleteDatabase(name));
    }
  });
});
