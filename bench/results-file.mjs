// bench/results.json: what a complete run writes, merged with what it keeps of the file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { engineNames } from '../scripts/engines.mjs'

const file = new URL('results.json', import.meta.url)

/**
 * Writes `results` (a complete run of `engines`). A run of some engines replaces their sections
 * and keeps the others' (each section has its own date); Chromium's run is also the file's top
 * level. The outbox's side-by-side rows come from its e2e run (test/e2e/outbox): kept.
 * `rerunNoise` says the load of this run, for the merged file's `noise`.
 */
export function writeResults(results, engines, rerunNoise) {
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined
  if (previous && !engineNames.every((engine) => engines.includes(engine))) {
    const runs = results.engines
    const merged = { ...previous, engines: { ...previous.engines, ...runs } }
    if (runs.chromium) Object.assign(merged, { date: results.date, machine: results.machine, storage: results.storage, sizes: results.sizes, recordShape: results.recordShape, figures: results.figures, profile: results.profile, durations: results.durations, errors: results.errors })
    merged.seconds = Object.values(merged.engines).reduce((sum, run) => sum + run.seconds, 0)
    merged.noise = `${previous.noise}; ${engines.join(', ')} rerun ${results.date}: ${rerunNoise}`
    Object.assign(results, merged)
  }
  results.outbox ??= previous?.outbox
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
}
