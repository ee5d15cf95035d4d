// `npm run sim -- [--runs N] [--seed N] [--path P] [--steps N] [--storage memory|indexeddb] [--mutation M] [--ignore F,F]`:
// the long run before a release, or the replay of a failure that a run printed. `--mutation`
// (no-fence, no-pause, no-unique, slow-claim) runs against a broken storage, to see the
// invariants catch it; `--ignore` (pause, unique, flow) leaves families of invariants unchecked.
import { FAMILIES, MUTATIONS, type Family, type Mutation } from './schedule'
import { describeFailure, simulate, type SimOptions } from './simulate'

function parse(argv: string[]): SimOptions {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`)
    return at >= 0 ? argv[at + 1] : undefined
  }
  const number = (name: string, fallback: number): number => {
    const raw = value(name)
    if (raw === undefined) return fallback
    const parsed = Number(raw)
    if (!Number.isInteger(parsed)) throw new Error(`Expected --${name} to be an integer, got ${raw}`)
    return parsed
  }
  const storage = value('storage')
  if (storage !== undefined && storage !== 'memory' && storage !== 'indexeddb') throw new Error(`Expected --storage to be memory or indexeddb, got ${storage}`)
  const path = value('path')
  const mutation = value('mutation')
  if (mutation !== undefined && !MUTATIONS.includes(mutation as Mutation)) throw new Error(`Expected --mutation to be one of ${MUTATIONS.join(', ')}, got ${mutation}`)
  const ignore = value('ignore')?.split(',') ?? []
  for (const family of ignore) if (!FAMILIES.includes(family as Family)) throw new Error(`Expected --ignore to list families of ${FAMILIES.join(', ')}, got ${family}`)
  return {
    ...(mutation !== undefined ? { mutation: mutation as Mutation } : {}),
    ...(ignore.length ? { ignore: ignore as Family[] } : {}),
    seed: number('seed', Date.now() % 2 ** 31),
    runs: number('runs', path !== undefined ? 1 : 1000),
    maxSteps: number('steps', 40),
    ...(path !== undefined ? { path } : {}),
    ...(storage !== undefined ? { storage } : {}),
  }
}

const options = parse(process.argv.slice(2))
const started = performance.now()
let lastPrint = started
const report = await simulate({
  ...options,
  progress(totals) {
    const at = performance.now()
    if (at - lastPrint < 10_000) return
    lastPrint = at
    console.log(`… ${totals.runs} schedules, ${totals.steps} steps, ${totals.faults} faults`)
  },
})
const seconds = ((performance.now() - started) / 1000).toFixed(1)
const { totals } = report
console.log(`seed ${options.seed}: ${report.schedules} schedules (${totals.runs} runs with shrinking), ${totals.steps} steps, ${totals.faults} faults injected, ${totals.invocations} handler calls, ${report.failure ? 1 : 0} invariant violations, ${seconds} s`)
if (report.failure) {
  console.log(describeFailure(report.failure))
  process.exitCode = 1
}
