import type { PauseState } from './pause.js'
import type { JobRecord, LogEntry } from '../job/record.js'
import type { JobState, SettledState } from '../job/job-states.js'
import type { ScheduleRecord } from '../schedules/schedule-types.js'
import type { OnDuplicate } from '../job/job-options.js'
import type { BlockedKey } from './ordering.js'
import type { RateLimit } from './pace.js'
import type { DuplicateAction } from './insert-plan.js'

/**
 * A write about one job, run inside the storage's transaction. `apply` is a pure transition:
 * it returns the new record, `null` to delete the job (and its logs), or `undefined` to leave
 * it as it is.
 */
export interface Update {
  id: string
  /**
   * The fence: the update applies only while the stored record's `token` equals this, so an
   * owner whose lease was taken over cannot overwrite the newer run.
   */
  token?: string
  /**
   * The job's `seq`, where the writer knows it (the scheduler does for the jobs it claimed): the
   * storage may then read the job by its primary key instead of through the `id` index.
   */
  seq?: number
  apply(record: JobRecord): JobRecord | null | undefined
}

/** What an update did: `after` is the stored record, `null` if deleted, absent if unchanged. */
export interface UpdateResult {
  id: string
  before?: JobRecord
  after?: JobRecord | null
  /**
   * Changes of the job's dependents (flows) made in the same transaction because of this one:
   * released, failed with `DependencyFailedError` down the chain, or blocked again.
   */
  cascaded?: UpdateResult[]
}

/** One job to insert. */
export interface InsertEntry {
  record: JobRecord
  /** The id came from the caller: an existing job with it is returned instead. */
  checkId: boolean
  /** What a unique duplicate does to the blocking job if it has not started. @default 'ignore' */
  onDuplicate?: OnDuplicate
}

/** The outcome of one insert: the stored job, or the existing job that blocked it. */
export interface InsertResult {
  record: JobRecord
  duplicate: false | 'id' | 'unique'
  /** For a duplicate: whether the existing job was `kept` as it was, `replaced` (new data) or `moved` (new data and runAt). */
  action?: DuplicateAction
}

/** A log row of the job `id`, to append. */
export type LogRow = { id: string } & LogEntry

/** What the claim may take. */
export interface ClaimRequest {
  now: number
  owner: string
  leaseMs: number
  /** The most jobs to claim: free slots, and as many more to claim ahead. */
  limit: number
  /**
   * How many of the claimed jobs start now (free slots); the rest are claimed ahead: `held`,
   * their attempt not counted until the owner starts them. @default limit
   */
  start?: number
  /** Per queue limits of active jobs, counted over every context in the same transaction. */
  queueLimits: Record<string, number>
  /** Whether jobs with `requiresNetwork` may be claimed. */
  online: boolean
  /** Makes the fencing token of each claimed job. */
  token(): string
  /** Per named queue: at most `max` starts per `duration` ms, counted in the database across contexts. */
  rateLimits?: Record<string, RateLimit>
  /** Named queues to hold until the given epoch ms (a handler threw `RateLimitError`), stored for every context. */
  holds?: Record<string, number>
}

/** What the claim took, what its updates did, and when the next delayed job is due. */
export interface ClaimResult {
  claimed: JobRecord[]
  updated: UpdateResult[]
  /** When the scheduler should claim again: the `runAt` of the earliest delayed job, or the time a rate-limited or held queue with due jobs opens, whichever comes first. */
  nextRunAt?: number
  /** Whether due jobs may remain beyond `limit`: the scheduler claims ahead only then. */
  more?: boolean
  /**
   * Candidates found past their `ttl` (`expiresAt`) and failed with `ExpiredError` instead of
   * claimed, each with what cascaded to its dependents. Absent: none.
   */
  expired?: UpdateResult[]
}

/** A page of jobs. `states` are visible states (a due `delayed` job is `waiting`). */
export interface StorageQuery {
  states?: JobState[]
  queue?: string
  name?: string
  limit: number
  offset: number
  order: 'asc' | 'desc'
  now: number
  /** Filter on stored states rather than visible ones (the lease sweep: jobs claimed ahead are stored `active`). @default false */
  stored?: boolean
}

/** Which settled jobs to remove: those settled before `before`, and the oldest past `keep`. */
export interface RemoveSettledRequest {
  state: SettledState
  before?: number
  keep?: number
  limit?: number
}

/** What one transaction of `queue.clear()` removes. */
export interface ClearRequest {
  /** Only jobs of this named queue. @default every queue */
  queue?: string
  /** Delayed jobs too; `false` removes only those already due (shown as waiting). */
  delayed: boolean
  /** The most jobs this transaction removes. */
  limit: number
  now: number
}

/** What `dueJobs` reads: the state of due work, for `queue.health()` and the `stuck` watch. */
export interface DueJobs {
  /** The `runAt` of the oldest due job (waiting, or delayed whose time has come), if any. */
  oldestDueAt?: number
  /** The first due jobs a claim could take, in claim order (then due delayed ones, by `runAt`). */
  runnable: JobRecord[]
  paused: PauseState
}

/**
 * A write of one schedule, run inside the storage's transaction. `apply` is pure, given the
 * stored row (`undefined`: none) and the job of its last slot: it returns the row to store
 * (`null` deletes it) with the jobs its slots make, or `undefined` to change nothing. Since it
 * decides on the row as stored in the transaction that writes it, a slot taken by one context
 * is seen as taken by every other (the compare-and-set on the last slot).
 */
export interface ScheduleWrite {
  id: string
  apply(current: ScheduleRecord | undefined, lastJob: JobRecord | undefined): { schedule: ScheduleRecord | null; jobs?: InsertEntry[] } | undefined
}

/** What a schedule write did: the row before and after (absent: unchanged), and the jobs it inserted. */
export interface ScheduleWriteResult {
  before?: ScheduleRecord
  after?: ScheduleRecord | null
  inserted: InsertResult[]
}

/**
 * Where jobs persist. Small on purpose: `claim` is the one atomic primitive that takes due
 * jobs (a job can only be claimed once, across every context sharing the storage); every
 * other write is an `update` fenced by the job's token. Each call is one transaction.
 */
export interface Storage {
  /** The name of the shared database; contexts with equal names coordinate. Absent: local only. */
  readonly name?: string
  /**
   * Other processes may share this storage (a SQLite file). Web Locks reach only the contexts of
   * one process (Node 24 has them), so a lock not held here says nothing of an owner elsewhere:
   * the scheduler then reads no liveness from locks, and interrupted runs come back by lease.
   * @default false
   */
  readonly crossProcess?: boolean
  /** Inserts all or none, checking ids and unique keys in the same transaction. */
  insert(entries: InsertEntry[]): Promise<InsertResult[]>
  get(id: string): Promise<JobRecord | undefined>
  list(query: StorageQuery): Promise<JobRecord[]>
  /** Visible state counts, optionally of one named queue. */
  count(queue: string | undefined, now: number): Promise<Record<JobState, number>>
  /** Applies updates in one transaction, in order. */
  update(updates: Update[]): Promise<UpdateResult[]>
  /**
   * Appends `logs` (rows of jobs that no longer exist are dropped), applies `updates` (the
   * settles of a group commit), makes due delayed jobs waiting, then claims up to `limit` due
   * jobs by priority, `runAt` and insertion order, honouring pause, queue limits and the
   * network, all in one transaction.
   */
  claim(request: ClaimRequest, updates?: Update[], logs?: LogRow[]): Promise<ClaimResult>
  /**
   * Removes up to `limit` waiting and delayed jobs (not running ones, nor those claimed ahead)
   * with their logs, in one transaction; dependents of removed prerequisites cascade as after a
   * removal. Resolves to what was removed (`after: null`); fewer than `limit`: none is left.
   */
  clear(request: ClearRequest): Promise<UpdateResult[]>
  /** Due work as a claim at `now` would see it, up to `limit` jobs: one read of a few short ranges. */
  dueJobs(now: number, limit: number): Promise<DueJobs>
  /** Removes settled jobs and their logs; returns their ids. */
  removeSettled(request: RemoveSettledRequest): Promise<string[]>
  appendLogs(entries: LogRow[]): Promise<void>
  getLogs(id: string): Promise<LogEntry[]>
  /** The ordering keys whose head failed for good, each with that job's id, by key. */
  blockedKeys(): Promise<BlockedKey[]>
  /** `queue` undefined: every queue (resume clears every per-queue pause too). */
  setPaused(queue: string | undefined, paused: boolean): Promise<void>
  getPaused(): Promise<PauseState>
  /** Every stored schedule, by id. */
  getSchedules(): Promise<ScheduleRecord[]>
  /** Applies one schedule write and inserts its jobs (checking ids and unique keys), all in one transaction. */
  writeSchedule(write: ScheduleWrite): Promise<ScheduleWriteResult>
  close(): Promise<void>
}
