import { nanoid } from 'nanoid'
import { mapInSlices } from '../coordination/next-task.js'
import { StorageError } from '../errors.js'
import type { DefaultJobOptions } from '../job/job-options.js'
import { newRecord } from '../job/new-record.js'
import type { JobRecord } from '../job/record.js'
import type { RecordEvents } from '../job/record-events.js'
import { lazyModules } from '../lazy/lazy-import.js'
import type { Storage } from '../storage/storage.js'
import * as check from '../validate.js'

/** What adding jobs needs from its queue. */
export interface AddContext {
  storage: Storage
  defaults: DefaultJobOptions
  now(): number
  /** A job was added, or an add found its duplicate. */
  seen<K extends 'added' | 'duplicate'>(event: K, payload: RecordEvents[K]): void
  /** Storage refused the add: a fault of the queue, not only of this call. */
  failed(error: StorageError): void
  /** Jobs were added: wake this scheduler and the others, which may be idle. */
  wakeAll(): void
}

/**
 * `add` and `addBulk`: validate every entry first (nothing is stored if one is bad), then one
 * transaction inserts all of them, checking ids and unique keys inside it.
 */
export function createAdder({ storage, defaults, now, seen, failed, wakeAll }: AddContext) {
  async function insert(entries: ReturnType<typeof newRecord>[]): Promise<JobRecord[]> {
    let results
    try {
      results = await storage.insert(entries)
    } catch (error) {
      if (error instanceof StorageError) failed(error)
      throw error
    }
    for (const { record, duplicate, action } of results) {
      if (duplicate) seen('duplicate', { record, action: action ?? 'kept' })
      else seen('added', { record })
    }
    // A replaced job may now rank higher, a moved one be due sooner: other schedulers look again.
    if (results.some((result) => !result.duplicate || (result.action !== undefined && result.action !== 'kept'))) wakeAll()
    return results.map((result) => result.record)
  }

  return {
    async add(name: unknown, data: unknown, options: unknown): Promise<JobRecord> {
      const [record] = await insert([newRecord(name, data, options, defaults, nanoid, now())])
      return record!
    },
    async addBulk(items: unknown): Promise<JobRecord[]> {
      if (!Array.isArray(items)) check.fail('jobs', 'an array of { name, data, options? }', items)
      const at = now()
      // Validated a slice per task: 10,000 jobs at once would hold the page for hundreds of ms.
      return insert(await mapInSlices([...items], (item, i) => {
        const entry = check.object<{ name: unknown; data: unknown; options?: unknown }>(`jobs[${i}]`, item)
        return newRecord(entry.name, entry.data, entry.options, defaults, nanoid, at)
      }))
    },
    /** A flow: validated whole, then inserted in one transaction; its code is loaded on first use. */
    async addFlow(steps: unknown): Promise<Record<string, JobRecord>> {
      const { planFlow } = lazyModules.planFlow ?? (await import('../flows/plan-flow.js'))
      const { refs, entries } = planFlow(steps, defaults, nanoid, now())
      const records = await insert(entries)
      return Object.fromEntries(refs.map((ref, i) => [ref, records[i]!]))
    },
  }
}
