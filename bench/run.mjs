#!/usr/bin/env node
// `npm run bench`: serves bench/ with Vite, drives Debian's Chromium through Playwright on an
// on-disk profile, runs each suite of bench/suites.ts in a freshly loaded page, prints the table
// and writes bench/results.json. `--quick` runs smaller sizes (a smoke test, not figures to quote);
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

/** @typedef {import('./main.ts').BenchPage} BenchPage */

const root = fileURLToPath(new URL('..', import.meta.url))
const quick = process.argv.includes('--quick')
const cpuProfile = process.argv.includes('--cpu-profile')
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice(7).split(',')
const executablePath = requireProgram('chromium')
const benchArgs = [
  ...chromiumArgs,
  // Heap figures: exact `performance.memory` values, and `gc()` before each reading.
  '--enable-precise-memory-info', '--js-flags=--expose-gc',
]

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
      entries: ['bench/index.html', 'bench/bench-jobs.worker.ts', 'bench/workbox.sw.ts'],
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

/** Loads the bench page afresh; resolves once `window.bench` is there. */
async function loadPage(page, url) {
  await page.goto(url)
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 })
}

/** The sizes and the suites to run, as the page defines them, filtered by `--only`. */
async function loadPlan(page, url) {
  await loadPage(page, url)
  /** @type {ReturnType<BenchPage['plan']>} */
  const plan = await page.evaluate((isQuick) => globalThis.bench.plan(isQuick), quick)
  return { sizes: plan.sizes, suites: plan.suites.filter(({ name }) => !only || only.some((wanted) => name === wanted || name.startsWith(`${wanted}.`))) }
}

/**
 * Runs one suite in a freshly loaded page: its figures, its transaction profile or its shape check.
 * @returns {ReturnType<BenchPage['run']>}
 */
async function runSuite(page, url, { name, timeout }) {
  await loadPage(page, url)
  let timer
  const timedOut = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeout} s`)), timeout * 1000)))
  try {
    return await Promise.race([page.evaluate(([suite, isQuick]) => globalThis.bench.run(suite, isQuick), [name, quick]), timedOut])
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
  let sizes
  try {
    const plan = await loadPlan(page, url)
    sizes = plan.sizes
    for (const suite of plan.suites) {
      const { name } = suite
      const t0 = Date.now()
      log(`${name}…`)
      try {
        const stop = cpuProfile ? await startProfile(page) : undefined
        const result = await runSuite(page, url, suite)
        if (stop) {
          const file = profileFile(os.tmpdir(), `docket-bench-${name}`)
          const { totalMs, rows } = await stop(file)
          console.log(`\nCPU profile of the page during ${name} (${Math.round(totalMs)} ms sampled; ${file}):`)
          for (const row of rows) console.log(`  ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.ms.toFixed(0).padStart(6)} ms  ${row.fn}`)
        }
        if ('profile' in result) profile = result.profile
        else if ('recordShape' in result) shape = result.recordShape
        else Object.assign(figures, result.figures)
      } catch (error) {
        errors[name] = String(error?.message ?? error).split('\n')[0]
        log(`${name} failed: ${errors[name]}`)
      }
      durations[name] = (Date.now() - t0) / 1000
      log(`${name} done in ${durations[name].toFixed(1)} s`)
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
    sizes,
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
