#!/usr/bin/env node
// `npm test`: find the browsers (install the missing ones where this process may, else run
// without them and fail, naming them), type-check, then run Vitest: Node, and every browser
// suite in Chromium, Firefox and WebKit; then the SQLite suites in Node 24, Bun and Deno
// (edge-tests.mjs). Extra arguments go to Vitest: `npm test -- --project firefox` runs the
// browser suites in Firefox only, `--project 'firefox*'` adds its e2e suites, `--project sqlite`
// the SQLite ones.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { argsWithout, browserPlan, enginesOf, projectFilters } from './browser-plan.mjs'
import { missingPackages } from './engines.mjs'
import { ensureDependencies } from './ensure-deps.mjs'
import { runEdgeTests } from './edge-tests.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const args = process.argv.slice(2)

/** The missing Debian packages of each engine the chosen projects run in. */
const missingByEngine = () => Object.fromEntries(enginesOf(args).map((engine) => [engine, missingPackages([engine])]))

/** Whether this process may install Debian packages: as root, or through `sudo -n`; and apt-get exists. */
function installRights() {
  const works = (command, commandArgs) => spawnSync(command, commandArgs, { stdio: 'ignore' }).status === 0
  if (!works('apt-get', ['--version'])) return false
  if (process.getuid?.() === 0) return 'root'
  return works('sudo', ['-n', 'true']) ? 'sudo' : false
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
let missing = missingByEngine()
let plan = browserPlan({ missing, canInstall: Object.values(missing).some((packages) => packages.length) && installRights() })
if (plan.install) {
  console.error(plan.notice)
  const started = performance.now()
  for (const command of plan.install.commands) {
    const result = spawnSync(command[0], command.slice(1), { stdio: ['ignore', 'inherit', 'inherit'] })
    if (result.status !== 0) {
      console.error(`docket: ${command.join(' ')} failed (exit ${result.status ?? result.signal})`)
      break
    }
  }
  console.error(`docket: apt-get took ${((performance.now() - started) / 1000).toFixed(0)} s`)
  missing = missingByEngine()
  plan = browserPlan({ missing, canInstall: false })
}
// Elsewhere (or if the install failed): the one line, then what can run without them.
if (plan.notice) console.error(plan.notice)
const notRun = plan.skip.length ? `docket: not run in ${plan.skip.join(', ')} (missing ${[...new Set(plan.skip.flatMap((engine) => missing[engine]))].join(', ')})` : undefined
const vitestArgs = argsWithout(args, plan.skip)
if (!vitestArgs) {
  console.error(notRun)
  process.exit(1)
}

const tscCode = await run(bin('tsc'), ['--noEmit', '-p', '.'])
if (tscCode !== 0) process.exit(tscCode)

// Figures per project beside the usual report, so the run ends on one plain summary line.
const summary = join(root, 'test-results', 'projects.json')
rmSync(summary, { force: true })
const started = performance.now()
// Only SQLite asked for: the machine's Node has no `node:sqlite`, so its run has nothing to do.
const filters = projectFilters(args)
const sqliteOnly = filters.length > 0 && filters.every((filter) => filter.includes('sqlite'))
const vitestCode = sqliteOnly ? 0 : await run(bin('vitest'), ['run', '--reporter=default', `--reporter=${join(root, 'scripts', 'project-summary.mjs')}`, ...vitestArgs], {
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
// A run that left engines out did not test them: it fails, whatever else passed.
if (notRun) console.error(notRun)
process.exit(vitestCode || (edgeFailed || notRun ? 1 : 0))
