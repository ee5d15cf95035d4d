#!/usr/bin/env node
// `npm test`: find the browsers, type-check, then run Vitest: Node, and every browser suite in
// Chromium, Firefox and WebKit; then the SQLite suites in Node 24, Bun and Deno (edge-tests.mjs).
// Extra arguments go to Vitest: `npm test -- --project firefox` runs the browser suites in
// Firefox only, `--project 'firefox*'` adds its e2e suites, `--project sqlite` the SQLite ones.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { aptInstall, engineNames, missingPackages } from './engines.mjs'
import { ensureDependencies } from './ensure-deps.mjs'
import { runEdgeTests } from './edge-tests.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const args = process.argv.slice(2)

/** The projects named by `--project x` / `--project=x`; none means all. */
function projectFilters() {
  const filters = []
  args.forEach((arg, i) => {
    if (arg === '--project' && args[i + 1]) filters.push(args[i + 1])
    else if (arg.startsWith('--project=')) filters.push(arg.slice('--project='.length))
  })
  return filters
}

/** The engines the chosen projects run in (a pattern such as `firefox*` names its engine). */
function enginesNeeded() {
  const filters = projectFilters()
  if (!filters.length) return engineNames
  return engineNames.filter((engine) => filters.some((filter) => filter.includes(engine) || filter === '*'))
}

function run(command, commandArgs, env = process.env) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env })
    child.on('error', (error) => {
      console.error(`docket: cannot run ${command}: ${error.message}`)
      resolvePromise(1)
    })
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)))
  })
}

// Straight after `git clone`: the npm dependencies first (they hold the type-checker and Vitest).
ensureDependencies(root)
const missing = missingPackages(enginesNeeded())
if (missing.length) {
  console.error(`docket: missing ${missing.join(', ')}; install the test browsers with: ${aptInstall}`)
  process.exit(1)
}

const tscCode = await run(bin('tsc'), ['--noEmit', '-p', '.'])
if (tscCode !== 0) process.exit(tscCode)

// Figures per project beside the usual report, so the run ends on one plain summary line.
const summary = join(root, 'test-results', 'projects.json')
rmSync(summary, { force: true })
const started = performance.now()
// Only SQLite asked for: the machine's Node has no `node:sqlite`, so its run has nothing to do.
const filters = projectFilters()
const sqliteOnly = filters.length > 0 && filters.every((filter) => filter.includes('sqlite'))
const vitestCode = sqliteOnly ? 0 : await run(bin('vitest'), ['run', '--reporter=default', `--reporter=${join(root, 'scripts', 'project-summary.mjs')}`, ...args], {
  ...process.env,
  DOCKET_PROJECT_SUMMARY: summary,
})
// The SQLite suites need a runtime with SQLite: Node 24, Bun and Deno from node_modules, each in turn.
const edge = !filters.length || filters.some((filter) => filter.includes('sqlite')) ? await runEdgeTests() : {}
const edgeFailed = Object.values(edge).some((figures) => figures.failed)
if (existsSync(summary) || Object.keys(edge).length) {
  const main = existsSync(summary) ? JSON.parse(readFileSync(summary, 'utf8')) : {}
  for (const [name, figures] of Object.entries(edge)) main[`sqlite-${name}`] = figures
  const projects = Object.entries(main)
  const total = { passed: 0, failed: 0, skipped: 0 }
  console.log('')
  for (const [name, figures] of projects.sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${name.padEnd(13)} ${figures.passed} passed, ${figures.failed} failed, ${figures.skipped} skipped in ${figures.seconds.toFixed(1)} s`)
    for (const key of Object.keys(total)) total[key] += figures[key]
  }
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s for the whole run)`)
  console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
}
process.exit(vitestCode || (edgeFailed ? 1 : 0))
