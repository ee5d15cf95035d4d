// The boundary where the simulation's faults enter: each context reaches the one shared
// storage through a wrapper of its own. The wrapper fails calls as a browser would (an aborted
// transaction, a full quota: nothing of the call is written), stops answering once its context
// died (what the storage had committed stays committed; the dead context never hears of it),
// and reports every write to the invariants.
import { toStorageError } from '../../src/errors.js'
import type { JobRecord } from '../../src/job/record.js'
import type { ClaimRequest, ClaimResult, InsertEntry, InsertResult, Storage, Update, UpdateResult } from '../../src/storage/storage.js'
import type { Mutation } from './schedule'

/** A fault the schedule injects into one context's next storage calls. */
export type StorageFault = 'abort' | 'quota'

/** A write that the storage committed, as the invariants see it. */
export type Observation =
  | { kind: 'claim'; owner: string; claimed: JobRecord[]; updated: UpdateResult[] }
  | { kind: 'update'; updated: UpdateResult[] }
  | { kind: 'insert'; inserted: InsertResult[] }
  | { kind: 'removeSettled'; ids: string[] }

/** What the wrapper asks of its context. */
export interface StorageHooks {
  isDead(): boolean
  /** The fault for this call, if one is due. */
  takeFault(write: boolean): StorageFault | undefined
  observe(observation: Observation): void
  /** A call started (+1) or answered (-1): the simulation waits for answers before the next step. */
  busy(delta: number, method: string): void
}

const WRITES = new Set(['insert', 'update', 'claim', 'removeSettled', 'appendLogs', 'setPaused'])

/** Never settles: the answer to a context that is gone. */
const never = <T>(): Promise<T> => new Promise<T>(() => {})

function faultError(fault: StorageFault, method: string): Error {
  const cause = fault === 'quota'
    ? new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    : new DOMException('The transaction was aborted.', 'AbortError')
  return toStorageError(cause, `${method} (injected by the simulation)`)
}

function observation(method: string, args: unknown[], result: unknown): Observation | undefined {
  if (method === 'claim') {
    const { claimed, updated } = result as { claimed: JobRecord[]; updated: UpdateResult[] }
    return { kind: 'claim', owner: (args[0] as { owner: string }).owner, claimed, updated }
  }
  if (method === 'update') return { kind: 'update', updated: result as UpdateResult[] }
  if (method === 'insert') return { kind: 'insert', inserted: result as InsertResult[] }
  if (method === 'removeSettled') return { kind: 'removeSettled', ids: result as string[] }
  return undefined
}

/** The same updates without their fence: what a storage that forgot to check tokens would apply. */
function unfenced(method: string, args: unknown[]): unknown[] {
  const at = method === 'update' ? 0 : method === 'claim' ? 1 : -1
  if (at < 0 || !Array.isArray(args[at])) return args
  const copy = [...args]
  copy[at] = (args[at] as Update[]).map(({ token: _token, ...update }) => update)
  return copy
}

/** Claims that take nothing but once per this many ms (`slow-claim`): jobs wait past their lease. */
const SLOW_CLAIM_MS = 3000

/**
 * `inner` with a defect, the deliberately broken storage that the invariants must catch
 * (test/sim/sim.node.test.ts): `no-fence` drops the token of every update; `no-pause` stores no
 * pause; `no-unique` stores no unique key; `slow-claim` takes jobs once per `SLOW_CLAIM_MS` only.
 */
function mutated(inner: Storage, mutation: Mutation | undefined): Storage {
  // A proxy, not a spread: whatever shape the storage has, every other method stays its own.
  const override = (methods: Partial<Storage>): Storage => new Proxy(inner, { get: (target, key) => (methods as Record<PropertyKey, unknown>)[key] ?? Reflect.get(target, key) })
  if (mutation === 'no-pause') return override({ setPaused: async () => {} })
  if (mutation === 'no-unique') {
    return override({ insert: (entries: InsertEntry[]) => inner.insert(entries.map(({ record: { uniqueKey: _key, uniqueScope: _scope, ...record }, ...entry }) => ({ ...entry, record }))) })
  }
  if (mutation !== 'slow-claim') return inner
  let lastTaken = -Infinity
  return override({
    async claim(request: ClaimRequest, ...rest: unknown[]): Promise<ClaimResult> {
      const take = request.now - lastTaken >= SLOW_CLAIM_MS
      const result = await (inner.claim as (...args: unknown[]) => Promise<ClaimResult>)(take ? request : { ...request, limit: 0 }, ...rest)
      if (result.claimed.length) lastTaken = request.now
      return take ? result : { claimed: [], updated: result.updated }
    },
  })
}

/** `inner` as one context sees it, with `mutation` if one is asked for. */
export function faultyStorage(original: Storage, hooks: StorageHooks, mutation?: Mutation): Storage {
  const inner = mutated(original, mutation)
  const wrap = (method: keyof Storage) => async (...given: unknown[]): Promise<unknown> => {
    const args = mutation === 'no-fence' ? unfenced(method, given) : given
    if (hooks.isDead()) return never()
    const fault = hooks.takeFault(WRITES.has(method))
    if (fault) throw faultError(fault, method)
    hooks.busy(1, method)
    let answered = false
    try {
      const result = await (inner[method] as (...a: unknown[]) => Promise<unknown>)(...args)
      hooks.busy(-1, method)
      answered = true
      if (hooks.isDead()) return never()
      const seen = observation(method, args, result)
      if (seen) hooks.observe(seen)
      return result
    } finally {
      if (!answered) hooks.busy(-1, method)
    }
  }
  const methods = ['insert', 'get', 'list', 'count', 'update', 'claim', 'removeSettled', 'appendLogs', 'getLogs', 'blockedKeys', 'setPaused', 'getPaused', 'getSchedules', 'writeSchedule'] as const
  const storage = Object.fromEntries(methods.map((method) => [method, wrap(method)])) as unknown as Storage
  return Object.assign(storage, {
    ...(inner.name !== undefined ? { name: inner.name } : {}),
    // Closing is the context's own business: a dead one never gets to it.
    close: () => (hooks.isDead() ? never<void>() : inner.close()),
  })
}
