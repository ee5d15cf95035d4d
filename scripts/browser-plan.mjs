// What `npm test` does about test browsers it lacks: install them where it may (root, or
// `sudo -n` works, as .ci/run does), else run what it can and name what did not run. Decided
// from facts alone, so that a unit test covers every case; scripts/test.mjs gathers the facts
// and carries the plan out. Plain JavaScript with no dependencies (it runs before npm ci).
import { engineNames } from './engines.mjs'

/**
 * The plan for the missing Debian packages of each engine.
 * `canInstall`: `'root'`, `'sudo'` (`sudo -n true` works) or `false`.
 */
export function browserPlan({ missing, canInstall }) {
  const lacking = engineNames.filter((engine) => missing[engine]?.length)
  const packages = [...new Set(lacking.flatMap((engine) => missing[engine]))]
  if (!packages.length) return { skip: [] }
  if (canInstall) {
    const sudo = canInstall === 'sudo' ? ['sudo', '-n'] : []
    return {
      install: {
        packages,
        commands: [
          [...sudo, 'apt-get', 'update'],
          [...sudo, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '--no-install-recommends', ...packages],
        ],
      },
      skip: [],
      notice: `docket: installing ${packages.join(', ')} with apt-get (${canInstall === 'root' ? 'running as root' : 'sudo -n works'}): the tests in ${lacking.join(', ')} need them`,
    }
  }
  return {
    skip: lacking,
    notice: `docket: missing ${packages.join(', ')}; install the test browsers with: sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`,
  }
}

/** The projects named by `--project x` / `--project=x` in Vitest's arguments. */
export function projectFilters(args) {
  const filters = []
  args.forEach((arg, i) => {
    if (arg === '--project' && args[i + 1]) filters.push(args[i + 1])
    else if (arg.startsWith('--project=')) filters.push(arg.slice('--project='.length))
  })
  return filters
}

/** The engines the chosen projects run in (a pattern such as `firefox*` names its engine); none chosen means all. */
export function enginesOf(args) {
  const filters = projectFilters(args)
  if (!filters.length) return [...engineNames]
  return engineNames.filter((engine) => filters.some((filter) => filter.includes(engine) || filter === '*'))
}

/**
 * Vitest's arguments without the projects of the `skip`ped engines: the chosen projects that
 * name no skipped engine, and where all were chosen (none named, or `*`) Vitest's negated
 * filters (`!firefox*`), so every other project still runs. `undefined` when nothing is left.
 */
export function argsWithout(args, skip) {
  if (!skip.length) return args
  const chosen = projectFilters(args)
  const rest = args.filter((arg, i) => arg !== '--project' && args[i - 1] !== '--project' && !arg.startsWith('--project='))
  const kept = chosen.filter((filter) => filter === '*' || !skip.some((engine) => filter.includes(engine)))
  if (chosen.length && !kept.length) return undefined
  const all = !chosen.length || kept.includes('*')
  const filters = [...kept, ...(all ? skip.map((engine) => `!${engine}*`) : [])]
  return [...rest, ...filters.flatMap((filter) => ['--project', filter])]
}
