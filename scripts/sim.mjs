// `npm run sim -- --runs 100000` / `npm run sim -- --seed N --path P`: bundles the simulation
// (test/sim/cli.ts, which imports the real src/) for Node with esbuild, then runs it.
import { build } from 'esbuild'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'docket-sim-'))
const outfile = join(dir, 'sim.mjs')
try {
  await build({
    entryPoints: [join(root, 'test/sim/cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    // The library's ids from the run's seed (test/sim/sim-ids.ts): a run replays exactly.
    alias: { nanoid: join(root, 'test/sim/sim-ids.ts') },
  })
  await import(pathToFileURL(outfile).href)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
