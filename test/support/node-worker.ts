// Node 20 cannot load a .ts file in worker_threads, so the job module is bundled once per
// process into a temporary .mjs, with `docket/worker` resolved to the source as in the tests.
import { rmSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { build } from 'esbuild'

let bundle: Promise<string> | undefined

async function buildBundle(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'docket-jobs-'))
  const outfile = join(dir, 'jobs.worker.mjs')
  await build({
    entryPoints: [fileURLToPath(new URL('./jobs.worker.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    alias: { 'docket/worker': fileURLToPath(new URL('../../src/worker.ts', import.meta.url)) },
    logLevel: 'silent',
  })
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  return outfile
}

/** A `worker` factory for `createQueue`: each call starts a worker_threads worker serving the test jobs. */
export async function nodeJobsWorker(): Promise<() => Worker> {
  bundle ??= buildBundle()
  const path = await bundle
  return () => new Worker(path)
}
