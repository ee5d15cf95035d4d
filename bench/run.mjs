#!/usr/bin/env node
// `npm run bench`: serves bench/ with Vite and runs each suite of bench/suites.ts in a freshly
// loaded page, in each engine in turn: Debian's Chromium through Playwright on an on-disk
// profile, Firefox ESR and WebKitGTK through the e2e drivers (bench/engine-session.mjs). Each
// engine measures its own raw IndexedDB limit first, and its docket figures are held against
// that limit. Prints the tables and writes bench/results.json. `--quick` runs smaller sizes (a
// smoke test, not figures to quote); `--only=a,b` runs only the named suites;
// `--engines=chromium,firefox` picks engines (default all three); `--quick-engines=webkit` (the
// default) runs those engines at the quick sizes in a full run; `--cpu-profile` records a CPU
// profile of the page during each suite and prints where its thread spent its time (Chromium only).
import os from 'node:os'
import { engineNames } from '../scripts/engines.mjs'
import { bundleSizes } from './bundle-size.mjs'
import { writeResults } from './results-file.mjs'
import { startServer } from './bench-server.mjs'
import { profileFile, startProfile } from './cpu-profile.mjs'
import { engineVersion, openEngine, storageOf } from './engine-session.mjs'
import { render } from './table.mjs'
import { fillWarnings } from './table-scale.mjs'

/** @typedef {import('./main.ts').BenchPage} BenchPage */

const quick = process.argv.includes('--quick')
const cpuProfile = process.argv.includes('--cpu-profile')
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice(7).split(',')
// Engines run at the quick sizes even in a full run (their section of results.json says so).
// WebKit by default: one end-to-end run of 10,000 jobs takes ≈ 5 min there (36 jobs/s), so the
// full sizes would take over half an hour. `--quick-engines=` (empty) runs every engine in full.
const quickEngines = process.argv.find((arg) => arg.startsWith('--quick-engines='))?.slice(16).split(',').filter(Boolean) ?? ['webkit']
const enginesArg = process.argv.find((arg) => arg.startsWith('--engines='))?.slice(10).split(',')
const engines = enginesArg ?? [...engineNames]
for (const engine of engines) if (!engineNames.includes(engine)) throw new Error(`--engines: no engine is named ${engine} (${engineNames.join(', ')})`)
/** Firefox and WebKit run the same work slower under automation: their suites get this much longer. */
const timeoutScale = { chromium: 1, firefox: 2, webkit: 3 }
const log = (...args) => console.error('[bench]', ...args)

const loadText = () => os.loadavg().map((l) => l.toFixed(1)).join(' ')

/** Loads the bench page afresh in `session`; resolves once `window.bench` is there. */
async function loadPage(session, url) {
  await session.load(url)
  await withTimeout(60, session.evaluate(() => new Promise((resolve) => {
    const check = () => (document.body?.dataset.ready === 'true' ? resolve(true) : setTimeout(check, 20))
    check()
  })), 'the bench page did not get ready')
}

async function withTimeout(seconds, promise, what = `timed out after ${seconds} s`) {
  let timer
  const timedOut = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(what)), seconds * 1000)))
  try {
    return await Promise.race([promise, timedOut])
  } finally {
    clearTimeout(timer)
  }
}

/** The sizes and the suites to run, as the page defines them, filtered by `--only`. */
async function loadPlan(session, url, isQuickRun) {
  await loadPage(session, url)
  /** @type {ReturnType<BenchPage['plan']>} */
  const plan = await session.evaluate((isQuick) => globalThis.bench.plan(isQuick), isQuickRun)
  return { sizes: plan.sizes, suites: plan.suites.filter(({ name }) => !only || only.some((wanted) => name === wanted || name.startsWith(`${wanted}.`))) }
}

/**
 * Runs a suite through WebDriver without a request that lasts as long as the suite: WebdriverIO
 * gives up on a request after 120 s (WebKit's end to end at 10,000 jobs takes longer), and
 * puppeteer after 180 s. The page starts the suite and keeps its outcome; a short evaluate
 * every 500 ms asks for it.
 */
async function runPolled(session, args) {
  await session.evaluate(([suiteName, isQuick, inEngine]) => {
    globalThis.benchOutcome = null
    globalThis.bench.run(suiteName, isQuick, inEngine).then(
      (result) => (globalThis.benchOutcome = { result }),
      (error) => (globalThis.benchOutcome = { error: String(error?.stack ?? error) }),
    )
    return true
  }, args)
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500))
    const outcome = await session.evaluate(() => globalThis.benchOutcome ?? null)
    if (outcome?.error) throw new Error(outcome.error)
    if (outcome) return outcome.result
  }
}

/**
 * Runs every suite in `engine`, each in a freshly loaded page: its figures, its transaction
 * profile and its shape check, with durations, errors and the load around it.
 */
async function runEngine(engine, server, url) {
  const started = Date.now()
  const loadAtStart = loadText()
  const figures = {}
  const errors = {}
  const durations = {}
  let profile
  let shape
  let sizes
  let userAgent = 'unknown'
  let timerResolutionMs
  const engineQuick = quick || quickEngines.includes(engine)
  log(`${engine}: starting${engineQuick && !quick ? ' (quick sizes)' : ''}…`)
  const session = await openEngine(engine, { server, log: (...args) => log(`${engine}:`, ...args) })
  try {
    const plan = await loadPlan(session, url, engineQuick)
    sizes = plan.sizes
    userAgent = await session.evaluate(() => navigator.userAgent)
    // The smallest step of performance.now(): Firefox and WebKit round it to 1 ms in a page
    // that is not cross-origin isolated, so their latencies come in whole milliseconds.
    timerResolutionMs = await session.evaluate(() => {
      let step = Infinity
      let last = performance.now()
      for (let i = 0; i < 200_000 && step > 0.001; i++) {
        const t = performance.now()
        if (t !== last) step = Math.min(step, t - last)
        last = t
      }
      return step
    })
    for (const suite of plan.suites) {
      const { name } = suite
      const t0 = Date.now()
      log(`${engine}: ${name}…`)
      try {
        await loadPage(session, url)
        const stop = cpuProfile && session.page ? await startProfile(session.page) : undefined
        const timeout = suite.timeout * timeoutScale[engine]
        const result = await withTimeout(timeout, engine === 'chromium'
          ? session.evaluate(([suiteName, isQuick, inEngine]) => globalThis.bench.run(suiteName, isQuick, inEngine), [name, engineQuick, engine])
          : runPolled(session, [name, engineQuick, engine]))
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
        log(`${engine}: ${name} failed: ${errors[name]}`)
        await session.recover()
      }
      durations[name] = (Date.now() - t0) / 1000
      log(`${engine}: ${name} done in ${durations[name].toFixed(1)} s`)
    }
  } catch (error) {
    errors.engine = String(error?.message ?? error).split('\n')[0]
    log(`${engine} failed: ${errors.engine}`)
  } finally {
    await session.close().catch((error) => log(`${engine}: close failed: ${error?.message ?? error}`))
  }
  return {
    engine,
    date: new Date(started).toISOString(),
    version: engineVersion(engine),
    userAgent,
    storage: storageOf[engine],
    timerResolutionMs,
    noise: `load average ${loadAtStart} at start, ${loadText()} at end (1/5/15 min) on ${os.cpus().length} cores; above the core count the figures are noisy, ratios steadier than absolutes`,
    ...(engine === 'chromium' ? {} : { chromiumOnly: 'no heap figures (performance.memory and gc() are Chromium-only) and no --cpu-profile (CDP)' }),
    quick: engineQuick,
    sizes,
    recordShape: shape,
    figures,
    profile,
    durations,
    errors,
    seconds: (Date.now() - started) / 1000,
  }
}

async function main() {
  const started = Date.now()
  const loadAtStart = loadText()
  log('bundle sizes (esbuild)…')
  const bundle = await bundleSizes()
  const { server, url } = await startServer()
  const runs = {}
  try {
    // One engine at a time: on a small machine two engines at once would measure each other.
    for (const engine of engines) runs[engine] = await runEngine(engine, server, url)
  } finally {
    await server.close()
  }

  const cpus = os.cpus()
  // Chromium's run keeps the shape results.json always had (top level, with the bundle sizes);
  // every engine's run, Chromium's included, is also under `engines`.
  const first = runs.chromium ?? runs[engines[0]]
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.versions.node, chromium: runs.chromium?.version ?? engineVersion('chromium'), userAgent: runs.chromium?.userAgent ?? 'not run',
    },
    storage: first.storage,
    noise: `load average ${loadAtStart} at start, ${loadText()} at end (1/5/15 min) on ${cpus.length} cores, over all engines; each engine's own under engines.<engine>.noise. Someone else's test suite may run at the same time; above the core count the figures are noisy, ratios steadier than absolutes`,
    quick,
    sizes: first.sizes,
    recordShape: runs.chromium?.recordShape,
    figures: { ...bundle, ...(runs.chromium?.figures ?? {}) },
    profile: runs.chromium?.profile,
    durations: runs.chromium?.durations ?? {},
    errors: runs.chromium?.errors ?? {},
    engines: runs,
    seconds: (Date.now() - started) / 1000,
  }
  const complete = !quick && !only
  if (complete) writeResults(results, engines, `load average ${loadAtStart} at start, ${loadText()} at end`)
  console.log(render(results))
  const failed = Object.fromEntries(Object.entries(runs).filter(([, run]) => Object.keys(run.errors).length).map(([engine, run]) => [engine, run.errors]))
  for (const [engine, run] of Object.entries(runs)) {
    if (run.recordShape && !run.recordShape.same) console.log(`\nWARNING (${engine}): the raw rows differ from docket's: only docket ${run.recordShape.onlyDocket.join(',')}; only bench ${run.recordShape.onlyBench.join(',')}`)
  }
  for (const [engine, run] of Object.entries(runs)) for (const warning of fillWarnings(run.figures)) console.log(`\nWARNING (${engine}, fill check): ${warning}`)
  if (Object.keys(failed).length) console.log(`\nFailed suites: ${JSON.stringify(failed, null, 2)}`)
  console.log(`\n${complete ? 'written to bench/results.json' : `${quick ? 'quick' : 'partial'} run (not written to results.json)`} in ${results.seconds.toFixed(0)} s (${Object.entries(runs).map(([engine, run]) => `${engine} ${run.seconds.toFixed(0)} s`).join(', ')})`)
  process.exitCode = Object.keys(failed).length ? 1 : 0
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
