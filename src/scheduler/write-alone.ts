import type { Batch, Pending, PendingLog } from './group-commit.js'
import type { Storage } from '../storage/storage.js'

/**
 * After a group commit failed: writes each of its updates and log rows in a transaction of its
 * own, so that one value the storage refuses cannot hold back every other write for good. (A
 * function in a result: DataCloneError in every engine; any Blob in WebKit's private sessions:
 * "Error preparing Blob/File data to be stored".) A write refused alone is replaced by its
 * stand-in when that one is stored; the rest wait for the next try, as the storage itself may be
 * what fails.
 * @returns the writes still waiting
 */
export async function writeAlone(storage: Storage, pending: Pending[], logs: PendingLog[]): Promise<Batch> {
  const kept: Batch = { writes: [], logs: [] }
  for (const write of pending) {
    try {
      write.done((await storage.update([write.update]))[0])
    } catch (error) {
      const standIn = write.unstorable?.(error as Error)
      if (standIn === null) continue
      try {
        if (!standIn) throw error
        standIn.done((await storage.update([standIn.update]))[0])
      } catch {
        kept.writes.push(write)
      }
    }
  }
  for (const log of logs) {
    try {
      await storage.appendLogs([log.row])
      log.done()
    } catch (error) {
      try {
        await storage.appendLogs([{ ...log.row, row: `(a log row that could not be stored: ${(error as Error).message})` }])
        log.done()
      } catch {
        kept.logs.push(log)
      }
    }
  }
  return kept
}
