// A Worker with one SQLite-backed Durable Object that runs the storage conformance suite on
// `sqliteStorage(ctx.storage)` inside workerd (Vitest's API from ./vitest-shim.ts), and a few
// checks of its own: rows that survive a restart of the runtime, a rolled-back write.
import { sqliteStorage } from 'docket/sqlite'
import { testStorage } from '../../storage/conformance.js'
import { runRegistered } from './vitest-shim.js'

interface Storage {
  sql: { exec(sql: string, ...params: unknown[]): { toArray(): Record<string, unknown>[] } }
  transaction<T>(closure: () => Promise<T>): Promise<T>
  transactionSync<T>(closure: () => T): T
}

const TABLES = ['docket_jobs', 'docket_job_deps', 'docket_logs', 'docket_meta', 'docket_schedules', 'docket_schema']

export class Suite {
  constructor(private readonly ctx: { storage: Storage }) {}

  async fetch(request: Request): Promise<Response> {
    const { storage } = this.ctx
    const path = new URL(request.url).pathname
    if (path === '/conformance') {
      testStorage('sqliteStorage (Durable Object)', () => {
        for (const table of TABLES) storage.sql.exec(`DROP TABLE IF EXISTS ${table}`)
        return sqliteStorage(storage)
      })
      return Response.json(await runRegistered())
    }
    const queue = sqliteStorage(storage)
    if (path === '/write') {
      const record = { id: 'kept', name: 'send', queue: 'default', data: { at: new Date(7) }, state: 'waiting', priority: 0, rank: 0, progress: 0, errors: [], attempts: 0, maxAttempts: 1, backoff: { type: 'fixed', delay: 0 }, requiresNetwork: false, createdAt: 1, runAt: 1 }
      await queue.insert([{ record: record as never, checkId: true }])
      // A write that throws half-way stores nothing.
      const failed = await queue.update([{ id: 'kept', apply: () => { throw new Error('half-way') } }]).then(() => 'stored', (error: Error) => error.name)
      return Response.json({ failed })
    }
    const kept = await queue.get('kept')
    return Response.json({ id: kept?.id, at: (kept?.data as { at: Date } | undefined)?.at instanceof Date ? (kept!.data as { at: Date }).at.getTime() : null })
  }
}

export default {
  fetch: (request: Request, env: { SUITE: { idFromName(name: string): unknown; get(id: unknown): { fetch(request: Request): Promise<Response> } } }) =>
    env.SUITE.get(env.SUITE.idFromName('suite')).fetch(request),
}
