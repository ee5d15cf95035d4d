// `sqliteStorage` in a Cloudflare Durable Object, inside workerd (miniflare, from Node): the
// storage conformance suite runs in the object on `ctx.storage` (Vitest's `expect`, a small
// shim for the rest), and rows outlive a restart of the runtime on the same directory.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'docket-do-'))
let script = ''

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [source('./support/durable-object-suite.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    alias: {
      vitest: source('./support/vitest-shim.ts'),
      'docket/sqlite': source('../../src/sqlite.ts'),
      docket: source('../../src/index.ts'),
    },
    logLevel: 'warning',
  })
  script = bundle.outputFiles[0]!.text
}, 60_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const runtime = (persist = false) =>
  new Miniflare({
    modules: true,
    script,
    compatibilityDate: '2026-04-01',
    durableObjects: { SUITE: { className: 'Suite', useSQLite: true } },
    ...(persist ? { durableObjectsPersist: join(dir, 'objects') } : {}),
  })

describe('sqliteStorage in a Durable Object (workerd)', () => {
  it('passes the storage conformance suite on ctx.storage', async () => {
    const mf = runtime()
    try {
      const outcomes = (await (await mf.dispatchFetch('http://do/conformance')).json()) as { name: string; error?: string }[]
      const failed = outcomes.filter((outcome) => outcome.error)
      console.log(`docket: conformance in a Durable Object: ${outcomes.length - failed.length} passed, ${failed.length} failed`)
      expect(failed).toEqual([])
      expect(outcomes.length).toBeGreaterThanOrEqual(80)
    } finally {
      await mf.dispose()
    }
  }, 120_000)

  it('keeps its rows across a restart, and rolls back a write that throws', async () => {
    const first = runtime(true)
    expect(await (await first.dispatchFetch('http://do/write')).json()).toEqual({ failed: 'StorageError' })
    await first.dispose()
    const second = runtime(true)
    try {
      expect(await (await second.dispatchFetch('http://do/read')).json()).toEqual({ id: 'kept', at: 7 })
    } finally {
      await second.dispose()
    }
  }, 60_000)
})
