/**
 * The side effects of the fault suite: every handler run adds one row to a database of its
 * own (`runs-<db>`), in its own transaction, so the test can count runs per job apart from
 * anything docket stores.
 */
export interface RunRow {
  job: string
  /** The page whose worker ran it. */
  page: string
  attempt: number
  at: number
}

const STORE = 'runs'

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

/** Opens (creating) the runs database of the docket database `db`. */
export function openRuns(db: string): Promise<IDBDatabase> {
  const open = indexedDB.open(`runs-${db}`, 1)
  open.onupgradeneeded = () => open.result.createObjectStore(STORE, { autoIncrement: true })
  return request(open)
}

/** Adds one row; resolves once its transaction committed. */
export function addRun(conn: IDBDatabase, row: RunRow): Promise<void> {
  const tx = conn.transaction(STORE, 'readwrite')
  tx.objectStore(STORE).add(row)
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error)
  })
}

/** Every row written so far. */
export async function readRuns(db: string): Promise<RunRow[]> {
  const conn = await openRuns(db)
  try {
    return await request(conn.transaction(STORE).objectStore(STORE).getAll() as IDBRequest<RunRow[]>)
  } finally {
    conn.close()
  }
}
