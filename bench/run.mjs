#!/usr/bin/env node
// `npm run bench`: serves bench/ with Vite, drives Debian's Chromium through Playwright on an
// on-disk profile, runs each suite in a freshly loaded page, prints the table and writes
// bench/results.json. `--quick` runs smaller sizes (a smoke test, not figures to quote);
// `--only=a,b` runs only the named suites; `--cpu-profile` records a CPU profile of the page
// during each suite and prints where its thread spent its time.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright'
import { createServer, loadConfigFromFile } from 'vite'
import { chromiumArgs, requireProgram } from '../scripts/engines.mjs'
import { bundleSizes } from './bundle-size.mjs'
import { profileFile, startProfile } from './cpu-profile.mjs'
import { render } from './table.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const quick = process.argv.includes('--quick')
const cpuProfile = process.argv.includes('--cpu-profile')
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',')
const executablePath = requireProgram('chromium')
const benchArgs = [
  ...chromiumArgs,
  // Heap figures: exact `performance.memory` values, and `gc()` before each reading.
  '--enable-precise-memory-info', '--js-flags=--expose-gc',
]

// Sizes: 10,000 jobs end to end except at concurrency 1 (one transaction per job: slow, and
// the ratio does not change with n); the peers run the size they finish in reasonable time,
// and docket runs that size too, so that each peer ratio compares the same work.
const size = quick
  ? { runs: 1, single: 200, batch: 500, e2e: 1000, e2eC1: 300, e2eRuns: 1, samples: 40, stored: 10_000, peerN: 100, peerRuns: 1, workglowRuns: 1, profileN: 300 }
  : { runs: 3, single: 1000, batch: 2000, e2e: 10_000, e2eC1: 2000, e2eRuns: 1, samples: 250, stored: 100_000, peerN: 300, peerRuns: 3, workglowRuns: 2, profileN: 1000 }

const e2e = (name, o) => [name, 'measureEndToEnd', { key: `docket.${name}`, runs: size.e2eRuns, batch: size.batch, ...o }, 240]

/** [suite, function on window.bench, its argument, timeout in s]; figures merge into one map. */
const suites = [
  ['shape', 'checkRecordShape', undefined, 60],
  ['limit', 'measureLimit', { runs: size.runs, single: size.single, batch: size.batch }, 120],
  ['writes', 'measureWrites', { runs: size.runs, single: size.single, bulk: 1000, batch: size.batch }, 120],
  e2e('e2e.worker.1', { n: size.e2eC1, runner: 'worker', concurrency: 1 }),
  e2e('e2e.worker.4', { n: size.e2e, runner: 'worker', concurrency: 4, heap: true }),
  e2e('e2e.worker.16', { n: size.e2e, runner: 'worker', concurrency: 16 }),
  e2e('e2e.inline.4', { n: size.e2e, runner: 'inline', concurrency: 4 }),
  ['latency', 'measureLatency', { samples: size.samples, discard: 20 }, 120],
  ['scale.100', 'measureScale', { stored: 100, samples: 20 }, 120],
  [`scale.${size.stored}`, 'measureScale', { stored: size.stored, samples: 20 }, 300],
  ['profile', 'profileTransactions', { adds: 200, n: size.profileN, runs: [{ runner: 'worker', concurrency: 1 }, { runner: 'worker', concurrency: 4 }, { runner: 'worker', concurrency: 16 }, { runner: 'inline', concurrency: 4 }] }, 180],
  ['workbox', 'measureWorkbox', { runs: size.peerRuns, n: size.peerN }, 180],
  ['workglow', 'measureWorkglow', { runs: size.workglowRuns, n: size.peerN, concurrency: 4 }, 300],
  ['p-queue', 'measurePQueue', { runs: size.runs, n: size.e2e, concurrency: 4 }, 60],
].filter(([name]) => !only || only.some((o) => name === o || name.startsWith(`${o}.`)))

const log = (...args) => console.error('[bench]', ...args)
const started = Date.now()
const loadAtStart = os.loadavg()

async function startServer() {
  // The aliases the tests use (docket → src/index.ts, docket/worker → src/worker.ts), from vitest.config.ts.
  const loaded = await loadConfigFromFile({ command: 'serve', mode: 'production' }, join(root, 'vitest.config.ts'), root, 'silent')
  const alias = loaded?.config.resolve?.alias
  if (!alias?.docket || !alias['docket/worker']) throw new Error('vitest.config.ts no longer exports the docket aliases')
  const server = await createServer({
    configFile: false,
    root,
    // Production mode: workbox and others drop their development-only checks and logging.
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    // Apart from the tests' cache, so that running both at once does not re-optimize under them.
    cacheDir: join(root, 'node_modules/.vite-bench'),
    logLevel: 'error',
    resolve: { alias },
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    optimizeDeps: {
      entries: ['bench/index.html', 'bench/noop.worker.ts', 'bench/workbox.sw.ts'],
      include: ['idb', 'comlink', 'mitt', 'nanoid', 'p-queue', 'workbox-background-sync', '@workglow/job-queue', '@workglow/indexeddb/job-queue'],
    },
  })
  await server.listen()
  const address = server.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error('the bench server has no port')
  return { server, url: `http://127.0.0.1:${address.port}/bench/index.html` }
}

function chromiumVersion() {
  try {
    return execFileSync(executablePath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return 'unknown'
  }
}

async function runSuite(page, url, [name, fn, arg, timeout]) {
  await page.goto(url)
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 })
  let timer
  const timedOut = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeout} s`)), timeout * 1000)))
  try {
    return await Promise.race([page.evaluate(([f, a]) => globalThis.bench[f](a), [fn, arg]), timedOut])
  } finally {
    clearTimeout(timer)
  }
}

async function main() {
  const figures = {}
  const errors = {}
  const durations = {}
  let profile
  let shape
  log('bundle sizes (esbuild)…')
  Object.assign(figures, await bundleSizes())

  const { server, url } = await startServer()
  const profileDir = mkdtempSync(join(os.tmpdir(), 'docket-bench-'))
  const context = await chromium.launchPersistentContext(profileDir, { executablePath, args: benchArgs, headless: true })
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', (error) => log('page error:', error.message))
  page.on('console', (message) => message.type() === 'error' && log('console:', message.text()))
  let userAgent = 'unknown'
  try {
    for (const suite of suites) {
      const t0 = Date.now()
      log(`${suite[0]}…`)
      try {
        const stop = cpuProfile ? await startProfile(page) : undefined
        const result = await runSuite(page, url, suite)
        if (stop) {
          const file = profileFile(os.tmpdir(), `docket-bench-${suite[0]}`)
          const { totalMs, rows } = await stop(file)
          console.log(`\nCPU profile of the page during ${suite[0]} (${Math.round(totalMs)} ms sampled; ${file}):`)
          for (const r of rows) console.log(`  ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.ms.toFixed(0).padStart(6)} ms  ${r.fn}`)
        }
        if (suite[1] === 'profileTransactions') profile = result
        else if (suite[1] === 'checkRecordShape') shape = result
        else Object.assign(figures, result)
      } catch (error) {
        errors[suite[0]] = String(error?.message ?? error).split('\n')[0]
        log(`${suite[0]} failed: ${errors[suite[0]]}`)
      }
      durations[suite[0]] = (Date.now() - t0) / 1000
      log(`${suite[0]} done in ${durations[suite[0]].toFixed(1)} s`)
    }
    userAgent = await page.evaluate(() => navigator.userAgent)
  } finally {
    await context.close()
    await server.close()
    rmSync(profileDir, { recursive: true, force: true })
  }

  const cpus = os.cpus()
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.versions.node, chromium: chromiumVersion(), userAgent,
    },
    storage: 'on disk: a persistent Chromium profile in a temporary directory (launchPersistentContext), default durability',
    noise: `load average ${loadAtStart.map((l) => l.toFixed(1)).join(' ')} at start, ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at end (1/5/15 min) on ${cpus.length} cores; above the core count the figures are noisy, ratios steadier than absolutes`,
    quick,
    sizes: size,
    recordShape: shape,
    figures,
    profile,
    durations,
    errors,
    seconds: (Date.now() - started) / 1000,
  }
  if (!quick && !only) writeFileSync(new URL('results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`)
  console.log(render(results))
  if (shape && !shape.same) console.log(`\nWARNING: the raw rows differ from docket's: only docket ${shape.onlyDocket.join(',')}; only bench ${shape.onlyBench.join(',')}`)
  if (Object.keys(errors).length) console.log(`\nFailed suites: ${JSON.stringify(errors, null, 2)}`)
  console.log(`\n${quick ? 'quick run (not written to results.json)' : only ? 'partial run (not written to results.json)' : 'written to bench/results.json'} in ${results.seconds.toFixed(0)} s`)
  process.exitCode = Object.keys(errors).length ? 1 : 0
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
