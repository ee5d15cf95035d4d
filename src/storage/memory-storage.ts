import { claim as claimTransition } from '../job/transitions.js'
import { visibleState } from '../job/job-states.js'
import { toStorageError } from '../errors.js'
import type { JobRecord, LogEntry } from '../job/record.js'
import { blocksDuplicate } from '../job/unique.js'
import { createClaimPolicy } from './claim-policy.js'
import { compareReady, storedStatesFor, type ClaimRequest, type ClaimResult, type InsertEntry, type InsertResult, type LogRow, type RemoveSettledRequest, type Storage, type StorageQuery, type Update, type UpdateResult } from './storage.js'
import { nextPauseState, noPause } from './pause.js'
import { zeroCounts } from '../job/job-states.js'

/**
 * A storage kept in memory, with the same behaviour as `indexedDBStorage()`: for edge
 * runtimes without IndexedDB, tests, and jobs that need not outlive the context.
 * Data is structured-cloned on the way in, as IndexedDB would.
 * @example createQueue({ handlers, storage: memoryStorage() })
 */
export function memoryStorage(): Storage {
  // Records go out as copies, as IndexedDB's do: a handler that changes its data changes no stored job.
  const jobs = new Map<string, JobRecord>()
  const logs = new Map<string, LogEntry[]>()
  let pause = noPause()
  let seq = 0

  function applyUpdates(updates: Update[]): UpdateResult[] {
    return updates.map((u) => {
      const before = jobs.get(u.id)
      if (!before || (u.token !== undefined && before.token !== u.token)) return { id: u.id, before }
      const after = u.apply(before)
      if (after === undefined) return { id: u.id, before }
      if (after === null) {
        jobs.delete(u.id)
        logs.delete(u.id)
      } else {
        jobs.set(u.id, after)
      }
      return { id: u.id, before, after }
    })
  }

  function addLogs(entries: LogRow[]): void {
    for (const { id, at, row } of entries) {
      if (!jobs.has(id)) continue
      const list = logs.get(id) ?? []
      list.push({ at, row: structuredClone(row) })
      logs.set(id, list)
    }
  }

  function byUniqueKey(key: string): JobRecord[] {
    return [...jobs.values()].filter((j) => j.uniqueKey === key)
  }

  return {
    async insert(entries: InsertEntry[]): Promise<InsertResult[]> {
      const results: InsertResult[] = []
      const staged = new Map<string, JobRecord>()
      for (const { record, checkId } of entries) {
        const existing = checkId ? (staged.get(record.id) ?? jobs.get(record.id)) : undefined
        if (existing) {
          results.push({ record: existing, duplicate: 'id' })
          continue
        }
        const { uniqueKey, uniqueScope } = record
        if (uniqueKey !== undefined && uniqueScope !== undefined) {
          const candidates = [...byUniqueKey(uniqueKey), ...[...staged.values()].filter((j) => j.uniqueKey === uniqueKey)]
          const blocker = candidates.find((j) => blocksDuplicate(j, uniqueScope))
          if (blocker) {
            results.push({ record: blocker, duplicate: 'unique' })
            continue
          }
        }
        let data: unknown
        try {
          data = structuredClone(record.data)
        } catch (error) {
          throw toStorageError(error, 'storing the job')
        }
        const stored = { ...record, data, seq: ++seq }
        staged.set(stored.id, stored)
        results.push({ record: stored, duplicate: false })
      }
      for (const [id, record] of staged) jobs.set(id, record)
      return results
    },

    async get(id) {
      const record = jobs.get(id)
      return record && structuredClone(record)
    },

    async list(query: StorageQuery) {
      const states = query.states ? new Set(storedStatesFor(query.states)) : undefined
      const visible = query.states ? new Set(query.states) : undefined
      let rows = [...jobs.values()].filter((j) =>
        (!states || (states.has(j.state) && visible!.has(visibleState(j, query.now)))) &&
        (query.queue === undefined || j.queue === query.queue) &&
        (query.name === undefined || j.name === query.name))
      rows.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))
      if (query.order === 'desc') rows = rows.reverse()
      return structuredClone(rows.slice(query.offset, query.offset + query.limit))
    },

    async count(queue, now) {
      const counts = zeroCounts()
      for (const j of jobs.values()) if (queue === undefined || j.queue === queue) counts[visibleState(j, now)]++
      return counts
    },

    async update(updates) {
      return applyUpdates(updates)
    },

    async claim(request: ClaimRequest, updates: Update[] = [], logRows: LogRow[] = []): Promise<ClaimResult> {
      addLogs(logRows)
      const updated = applyUpdates(updates)
      let nextRunAt: number | undefined
      const ready: JobRecord[] = []
      for (const j of jobs.values()) {
        if (j.state === 'delayed' && j.runAt <= request.now) jobs.set(j.id, { ...j, state: 'waiting' })
        else if (j.state === 'delayed') nextRunAt = Math.min(nextRunAt ?? Infinity, j.runAt)
        if (j.state === 'waiting' || (j.state === 'delayed' && j.runAt <= request.now)) ready.push(j)
      }
      const claimed: JobRecord[] = []
      let more = false
      if (request.limit > 0 && ready.length) {
        const policy = createClaimPolicy(request, pause)
        for (const j of ready.sort(compareReady)) {
          const queue = policy.needsCount(j)
          if (queue !== undefined) {
            policy.setCount(queue, [...jobs.values()].filter((x) => x.queue === queue && x.state === 'active').length)
          }
          if (policy.accept(j)) {
            const next = claimTransition(jobs.get(j.id)!, request.now, request.owner, request.token(), request.leaseMs)
            jobs.set(j.id, next)
            claimed.push(structuredClone(next))
          }
          if (policy.full) {
            more = claimed.length < ready.length
            break
          }
        }
      }
      return { claimed, updated, more, ...(nextRunAt !== undefined ? { nextRunAt } : {}) }
    },

    async expired(now, limit) {
      return [...jobs.values()].filter((j) => j.state === 'active' && (j.leaseUntil ?? Infinity) < now).slice(0, limit)
    },

    async removeSettled(request: RemoveSettledRequest) {
      const settled = [...jobs.values()]
        .filter((j) => j.state === request.state)
        .sort((a, b) => (a.settledAt ?? 0) - (b.settledAt ?? 0) || (a.seq ?? 0) - (b.seq ?? 0))
      const excess = request.keep === undefined ? 0 : Math.max(0, settled.length - request.keep)
      const doomed = settled.filter((j, i) => i < excess || (request.before !== undefined && (j.settledAt ?? 0) < request.before))
      const ids = doomed.slice(0, request.limit ?? Infinity).map((j) => j.id)
      for (const id of ids) {
        jobs.delete(id)
        logs.delete(id)
      }
      return ids
    },

    async appendLogs(entries) {
      addLogs(entries)
    },

    async getLogs(id) {
      return [...(logs.get(id) ?? [])]
    },

    async setPaused(queue, paused) {
      pause = nextPauseState(pause, queue, paused)
    },

    async getPaused() {
      return { all: pause.all, queues: [...pause.queues] }
    },

    async close() {},
  }
}
