import { claim as claimTransition } from '../job/transitions.js'
import { visibleState } from '../job/job-states.js'
import { CountedJobs } from './counted-jobs.js'
import type { JobRecord, LogEntry } from '../job/record.js'
import { createClaimPolicy } from './claim-policy.js'
import { cloned } from './cloned.js'
import { memoryDependents } from './memory-dependents.js'
import { compareReady } from './claim-order.js'
import { applyFenced } from './fence.js'
import { changedBlockers, planInsert } from './insert-plan.js'
import { holdsKey, mayStart, type BlockedKey } from './ordering.js'
import { createPace, noPace } from './pace.js'
import { nextPauseState, noPause } from './pause.js'
import { nextRunAt, promoteDue } from './promotion.js'
import { storedStatesFor } from './stored-states.js'
import type { ScheduleRecord } from '../schedules/schedule-types.js'
import type { ClaimRequest, ClaimResult, InsertEntry, InsertResult, LogRow, RemoveSettledRequest, Storage, StorageQuery, Update, UpdateResult } from './storage.js'

/**
 * A storage kept in memory, with the same behaviour as `indexedDBStorage()`: for edge
 * runtimes without IndexedDB, tests, and jobs that need not outlive the context.
 * Data is structured-cloned on the way in, as IndexedDB would.
 * @example createQueue({ handlers, storage: memoryStorage() })
 */
export function memoryStorage(): Storage {
  // Records are cloned on the way in and on the way out, as IndexedDB's are: a handler that
  // changes its data, or a caller that changes a record it passed or got, changes no stored job.
  // Each call clones everything before its first write, so a value that cannot be cloned
  // leaves the store as it was, as an aborted transaction would.
  const jobs = new CountedJobs()
  const logs = new Map<string, LogEntry[]>()
  let pause = noPause()
  const schedules = new Map<string, ScheduleRecord>()
  let pace = noPace()
  let seq = 0
  // Flows: the dependents of each prerequisite id, and the cascade that reads them.
  const dependents = memoryDependents(jobs)

  function deleteJob(id: string): void {
    const record = jobs.get(id)
    if (record) dependents.index(record, false)
    jobs.delete(id)
    logs.delete(id)
  }

  /** Runs updates in order on a staged view (each sees the ones before it); `commit` writes them. */
  function stageUpdates(updates: Update[], doing: string): { results: UpdateResult[]; commit(): void } {
    const staged = new Map<string, JobRecord | null>()
    const results = updates.map((update) => {
      const current = staged.has(update.id) ? staged.get(update.id) : jobs.get(update.id)
      const result = applyFenced(update, current ? structuredClone(current) : undefined)
      if (result.after !== undefined) staged.set(update.id, result.after && cloned(result.after, doing))
      return result
    })
    const commit = (): void => {
      for (const [id, record] of staged) {
        if (record) jobs.set(id, record)
        else deleteJob(id)
      }
    }
    return { results, commit }
  }

  /** Copies of log rows, to add with `addLogs` once nothing else can fail. */
  function copyLogs(rows: LogRow[], doing: string): LogRow[] {
    return rows.map(({ id, at, row }) => ({ id, at, row: cloned(row, doing) }))
  }

  /** Appends copied rows whose job exists: a job removed while it ran keeps no logs. */
  function addLogs(rows: LogRow[]): void {
    for (const { id, at, row } of rows) {
      if (!jobs.has(id)) continue
      const list = logs.get(id) ?? []
      list.push({ at, row })
      logs.set(id, list)
    }
  }

  /** Each ordering key's earliest holding job (by insertion order), and whether a job of it runs: one pass. */
  function keyStates(): Map<string, { head: JobRecord | undefined; running: boolean }> {
    const states = new Map<string, { head: JobRecord | undefined; running: boolean }>()
    for (const job of jobs.values()) {
      if (job.orderingKey === undefined || !holdsKey(job.state)) continue
      const state = states.get(job.orderingKey) ?? { head: undefined, running: false }
      if (job.state === 'active') state.running = true
      if (!state.head || (job.seq ?? 0) < (state.head.seq ?? 0)) state.head = job
      states.set(job.orderingKey, state)
    }
    return states
  }

  function activeIn(queue: string): number {
    let active = 0
    for (const job of jobs.values()) if (job.queue === queue && job.state === 'active') active++
    return active
  }

  /** Plans and copies an insert; the returned commit stores it: nothing is stored if a copy fails. */
  function insertEntries(entries: InsertEntry[]): () => InsertResult[] {
    const plan = planInsert(entries, {
      byId: (id) => jobs.get(id),
      byUniqueKey: (key) => [...jobs.values()].filter((job) => job.uniqueKey === key),
    })
    // Keyed by the entry's record: a duplicate of an earlier entry of the batch returns its stored copy.
    const copies = new Map(plan.filter((result) => !result.duplicate).map((result) => [result.record, cloned(result.record, 'storing the job')]))
    const rewrites = changedBlockers(plan).map((record) => cloned(record, 'storing the job'))
    return () => {
      for (const copy of copies.values()) {
        copy.seq = ++seq
        jobs.set(copy.id, copy)
        dependents.index(copy, true)
      }
      for (const copy of rewrites) jobs.set(copy.id, copy)
      return plan.map((result) => ({ ...result, record: structuredClone(copies.get(result.record) ?? result.record) }))
    }
  }

  return {
    async insert(entries) {
      return insertEntries(entries)()
    },

    async get(id) {
      const record = jobs.get(id)
      return record && structuredClone(record)
    },

    async list(query: StorageQuery) {
      const states = query.states ? new Set(storedStatesFor(query.states)) : undefined
      const visible = query.states ? new Set(query.states) : undefined
      let rows = [...jobs.values()].filter((job) =>
        (!states || (states.has(job.state) && visible!.has(visibleState(job, query.now)))) &&
        (query.queue === undefined || job.queue === query.queue) &&
        (query.name === undefined || job.name === query.name))
      rows.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))
      if (query.order === 'desc') rows = rows.reverse()
      return structuredClone(rows.slice(query.offset, query.offset + query.limit))
    },

    async count(queue, now) {
      return jobs.count(queue, now)
    },

    async update(updates) {
      const { results, commit } = stageUpdates(updates, 'updating jobs')
      commit()
      dependents.cascade(results, Date.now())
      return results
    },

    async claim(request: ClaimRequest, updates: Update[] = [], logRows: LogRow[] = []): Promise<ClaimResult> {
      const rows = copyLogs(logRows, 'claiming jobs')
      const { results: updated, commit } = stageUpdates(updates, 'claiming jobs')
      // Logs before the settles: a job removed by one of them takes these rows with its other logs.
      addLogs(rows)
      commit()
      dependents.cascade(updated, request.now)
      for (const promoted of promoteDue(jobs.values(), request.now)) jobs.set(promoted.id, promoted)
      const next = nextRunAt(jobs.values())
      const ready = [...jobs.values()].filter((job) => job.state === 'waiting')
      const claimed: JobRecord[] = []
      let more = false
      let paceWakeAt: number | undefined
      if (request.limit > 0 && ready.length) {
        const paced = createPace(pace, request.now, request.rateLimits, request.holds)
        const policy = createClaimPolicy(request, pause, paced)
        // Read once: the policy refuses a second job of a key that this claim took.
        const keys = ready.some((job) => job.orderingKey !== undefined) ? keyStates() : new Map()
        for (const job of ready.sort(compareReady)) {
          const queue = policy.needsCount(job)
          if (queue !== undefined) policy.setCount(queue, activeIn(queue))
          const key = job.orderingKey === undefined ? undefined : keys.get(job.orderingKey)
          if (policy.accept(job, key && mayStart(job, key.head, key.running))) {
            const active = claimTransition(job, request.now, request.owner, request.token(), request.leaseMs)
            jobs.set(job.id, active)
            claimed.push(structuredClone(active))
          }
          if (policy.full) {
            more = claimed.length < ready.length
            break
          }
        }
        pace = paced.next().state
        paceWakeAt = policy.paceWakeAt
      } else if (request.holds) {
        pace = createPace(pace, request.now, request.rateLimits, request.holds).next().state
      }
      const wake = next === undefined || (paceWakeAt !== undefined && paceWakeAt < next) ? paceWakeAt : next
      return { claimed, updated, more, ...(wake !== undefined ? { nextRunAt: wake } : {}) }
    },

    async removeSettled(request: RemoveSettledRequest) {
      const settled = [...jobs.values()]
        .filter((job) => job.state === request.state)
        .sort((a, b) => (a.settledAt ?? 0) - (b.settledAt ?? 0) || (a.seq ?? 0) - (b.seq ?? 0))
      const excess = request.keep === undefined ? 0 : Math.max(0, settled.length - request.keep)
      const doomed = settled.filter((job, i) => i < excess || (request.before !== undefined && (job.settledAt ?? 0) < request.before))
      const ids = doomed.slice(0, request.limit ?? Infinity).map((job) => job.id)
      for (const id of ids) deleteJob(id)
      return ids
    },

    async appendLogs(entries) {
      addLogs(copyLogs(entries, 'writing logs'))
    },

    async getLogs(id) {
      return structuredClone(logs.get(id) ?? [])
    },

    async blockedKeys() {
      const blocked: BlockedKey[] = []
      for (const [key, { head }] of keyStates()) if (head?.state === 'failed') blocked.push({ key, jobId: head.id })
      return blocked.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    },

    async setPaused(queue, paused) {
      pause = nextPauseState(pause, queue, paused)
    },

    async getPaused() {
      return { all: pause.all, queues: [...pause.queues] }
    },

    async getSchedules() {
      return structuredClone([...schedules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    },

    async writeSchedule(write) {
      const before = schedules.get(write.id)
      const lastJob = before?.lastJobId === undefined ? undefined : jobs.get(before.lastJobId)
      const change = write.apply(before && structuredClone(before), lastJob && structuredClone(lastJob))
      if (!change) return { ...(before ? { before: structuredClone(before) } : {}), inserted: [] }
      const after = change.schedule && cloned(change.schedule, 'storing the schedule')
      const commit = insertEntries(change.jobs ?? [])
      if (after) schedules.set(write.id, after)
      else schedules.delete(write.id)
      return { ...(before ? { before: structuredClone(before) } : {}), after: after && structuredClone(after), inserted: commit() }
    },

    async close() {},
  }
}
