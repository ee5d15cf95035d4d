// Node 20 cannot load a .ts file in worker_threads, so the job module is bundled once per
// process into a temporary .mjs, with `docket/worker` resolved to the source as in the tests.
import { rmSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { build } from 'esbuild'

const bundles = new Map<string, Promise<string>>()

async function build_(entry: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'docket-jobs-'))
  const outfile = join(dir, 'jobs.worker.mjs')
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    alias: {
      'docket/worker': fileURLToPath(new URL('../../src/worker.ts', import.meta.url)),
      docket: fileURLToPath(new URL('../../src/index.ts', import.meta.url)),
    },
    logLevel: 'silent',
  })
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  return outfile
}

/** Bundles a worker entry (TypeScript or JavaScript) into a temporary .mjs that Node can start; once per entry and process. */
export function bundleForNode(entry: URL): Promise<string> {
  const path = fileURLToPath(entry)
  let bundle = bundles.get(path)
  if (!bundle) bundles.set(path, (bundle = build_(path)))
  return bundle
}

/** A `worker` factory for `createQueue`: each call starts a worker_threads worker serving the test jobs. */
export async function nodeJobsWorker(): Promise<() => Worker> {
  const path = await bundleForNode(new URL('./jobs.worker.ts', import.meta.url))
  return () => new Worker(path)
}
