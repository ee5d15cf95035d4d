// Several processes on one SQLite file (the runtime that runs this test: Node 24, Bun or Deno):
// each job runs once however many processes claim; a process killed with SIGKILL mid-run loses
// nothing, and its runs come back by lease in another process; a live process's runs are never
// taken by another (Node 24 has Web Locks, but they do not reach other processes).
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, runtime } from './runtime-database.js'
import type { QueueProcess } from './support/queue-process.js'

const dir = mkdtempSync(join(tmpdir(), 'docket-processes-'))
const script = join(dir, 'queue-process.mjs')
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

beforeAll(async () => {
  await build({
    entryPoints: [source('./support/queue-process.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2022',
    external: ['bun:sqlite', 'node:sqlite'],
    alias: { 'docket/sqlite': source('../../src/sqlite.ts'), docket: source('../../src/index.ts') },
    logLevel: 'warning',
  })
}, 60_000)
const children = new Set<ReturnType<typeof spawn>>()
afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

/** Starts one queue process under this runtime; `exited` resolves to its exit code (or signal). */
function start(settings: QueueProcess) {
  const args = [...(runtime === 'deno' ? ['run', '-A'] : []), script, JSON.stringify(settings)]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] })
  children.add(child)
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => {
    children.delete(child)
    resolve(code ?? signal ?? -1)
  }))
  return { child, exited }
}

/** The exit codes of `processes`; the first to fail ends the others, so a crash fails at once. */
function allExited(processes: ReturnType<typeof start>[]): Promise<(number | string)[]> {
  for (const { exited } of processes) {
    void exited.then((code) => {
      if (code !== 0) for (const other of processes) other.child.kill('SIGKILL')
    })
  }
  return Promise.all(processes.map((p) => p.exited))
}

/** Each logged run: `[pid, job id]`. */
function runs(log: string): [string, string][] {
  if (!existsSync(log)) return []
  return readFileSync(log, 'utf8').split('\n').filter((line) => line && !line.endsWith(' added')).map((line) => line.split(' ') as [string, string])
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

async function storedJobs(file: string) {
  const db = await openDatabase(file)
  const rows = db.all(`SELECT body FROM docket_jobs ORDER BY seq`).map((row) => JSON.parse(String(row.body)) as { id: string; state: string; attempts: number; stalls?: number })
  db.close()
  return rows
}

describe(`processes on one SQLite file (${runtime})`, () => {
  it('3 processes × 1,000 jobs: each job runs once, none is lost', async () => {
    const file = join(dir, 'three.db')
    const log = join(dir, 'three.log')
    const processes = ['a', 'b', 'c'].map((prefix) => start({ file, add: 1000, prefix, total: 3000, leaseMs: 30_000, runMs: 1, log }))
    expect(await allExited(processes)).toEqual([0, 0, 0])
    const ran = runs(log)
    const ids = ran.map(([, id]) => id)
    expect(new Set(ids).size).toBe(3000)
    expect(ids.length).toBe(3000)
    const jobs = await storedJobs(file)
    expect(jobs.length).toBe(3000)
    expect(jobs.filter((job) => job.state !== 'completed' || job.attempts !== 1)).toEqual([])
    // Every process took part (each runs at least its own adds' share).
    expect(new Set(ran.map(([pid]) => pid)).size).toBe(3)
  }, 120_000)

  it('opens one new file from 8 processes at once (the switch to WAL waits for the others)', async () => {
    const file = join(dir, 'opened.db')
    const processes = Array.from({ length: 8 }, (_, n) => start({ file, add: 0, prefix: `o${n}`, total: 0, leaseMs: 30_000, runMs: 1, log: join(dir, 'opened.log') }))
    expect(await allExited(processes)).toEqual(processes.map(() => 0))
    const db = await openDatabase(file)
    expect(db.all('SELECT version FROM docket_schema')).toEqual([{ version: 1 }])
    expect(db.all('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }])
    db.close()
  }, 60_000)

  it('a process killed mid-run loses nothing: its runs come back by lease in another', async () => {
    const file = join(dir, 'killed.db')
    const log = join(dir, 'killed.log')
    const leaseMs = 1500
    const doomed = start({ file, add: 20, prefix: 'k', total: 20, leaseMs, runMs: 600_000, log })
    await until(() => runs(log).length >= 8, 30_000, 'the first process to start 8 runs')
    const started = runs(log).map(([, id]) => id)
    doomed.child.kill('SIGKILL')
    expect(await doomed.exited).toBe('SIGKILL')
    const killedAt = Date.now()
    const rescuer = start({ file, add: 0, prefix: 'r', total: 20, leaseMs, runMs: 1, log })
    expect(await rescuer.exited).toBe(0)
    const rescued = runs(log).slice(started.length)
    const recoveredAfter = Date.now() - killedAt
    const jobs = await storedJobs(file)
    expect(jobs.filter((job) => job.state !== 'completed')).toEqual([])
    // Interrupted runs spend no attempt: they count as stalls (so do jobs claimed ahead, not started).
    for (const job of jobs) expect([job.id, job.attempts, Math.max(job.stalls ?? 0, started.includes(job.id) ? 1 : 0)]).toEqual([job.id, 1, job.stalls])
    expect(rescued.map(([, id]) => id).sort()).toEqual(jobs.map((job) => job.id).sort())
    // Never before the lease ran out.
    expect(recoveredAfter).toBeGreaterThanOrEqual(leaseMs / 2)
    // By lease: not before the lease ran out, and within a lease and two sweep periods after.
    expect(recoveredAfter).toBeLessThan(leaseMs * 3 + 5000)
    console.log(`docket: runs of the killed process recovered and done ${recoveredAfter} ms after SIGKILL (lease ${leaseMs} ms)`)
  }, 120_000)

  it('loses no acknowledged add when killed mid-stream, and leaves counts exact', async () => {
    const file = join(dir, 'acked.db')
    const log = join(dir, 'acked.log')
    const adder = start({ file, add: 0, prefix: 'acked', total: 0, leaseMs: 30_000, runMs: 1, log, addOneByOne: 100_000 })
    const acked = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((line) => line.startsWith('acked ')) : [])
    const enough = 300 + Math.floor(Math.random() * 300)
    await until(() => acked().length >= enough, 60_000, 'some acknowledged adds')
    adder.child.kill('SIGKILL')
    expect(await adder.exited).toBe('SIGKILL')
    const ids = acked().map((line) => line.slice('acked '.length))
    const db = await openDatabase(file)
    expect(db.all('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }])
    const stored = new Set(db.all('SELECT id FROM docket_jobs').map((row) => String(row.id)))
    db.close()
    expect(ids.filter((id) => !stored.has(id))).toEqual([])
    // At most the add in flight when killed is stored without its acknowledgement.
    expect(stored.size - ids.length).toBeLessThanOrEqual(1)
    const { sqliteStorage } = await import('docket/sqlite')
    const again = await openDatabase(file)
    const counts = await sqliteStorage(again.handle).count(undefined, Date.now())
    expect(counts.waiting).toBe(stored.size)
    again.close()
  }, 120_000)

  it("never takes the runs of a live process on the same file (Web Locks do not reach it)", async () => {
    const file = join(dir, 'alive.db')
    const log = join(dir, 'alive.log')
    const busy = start({ file, add: 8, prefix: 'busy', total: 8, leaseMs: 900, runMs: 3000, log })
    await until(() => runs(log).length >= 8, 30_000, 'the first process to start its 8 runs')
    const other = start({ file, add: 0, prefix: 'other', total: 8, leaseMs: 900, runMs: 1, log })
    expect(await allExited([busy, other])).toEqual([0, 0])
    const ids = runs(log).map(([, id]) => id)
    expect(ids.length).toBe(8)
    const jobs = await storedJobs(file)
    expect(jobs.map((job) => [job.state, job.attempts, job.stalls ?? 0])).toEqual(jobs.map(() => ['completed', 1, 0]))
  }, 60_000)
})
