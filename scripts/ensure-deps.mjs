// `npm start` and `npm test` straight after `git clone`: installs the npm dependencies when
// node_modules is missing or does not match package-lock.json (npm's own record of what it
// installed, node_modules/.package-lock.json, is compared package by package). Nothing but
// node's standard library here: it runs before anything is installed.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The installed packages whose version differs from the lock file's (all of them when none is installed). */
function stalePackages(root) {
  const wanted = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages ?? {}
  const hidden = join(root, 'node_modules', '.package-lock.json')
  const installed = existsSync(hidden) ? JSON.parse(readFileSync(hidden, 'utf8')).packages ?? {} : {}
  return Object.entries(wanted)
    // Optional packages are platform-specific (esbuild's binaries): npm installs only this platform's.
    .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.optional)
    .filter(([path, entry]) => installed[path]?.version !== entry.version)
    .map(([path]) => path.slice('node_modules/'.length))
}

/** Runs `npm ci` in `root` if its dependencies are missing or stale; exits the process if that fails. */
export function ensureDependencies(root) {
  const stale = stalePackages(root)
  if (!stale.length) return
  const what = stale.length > 3 ? `${stale.length} packages` : stale.join(', ')
  console.error(`docket: installing npm dependencies (${what} missing or stale): npm ci`)
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error('docket: npm ci failed; run it yourself to see why')
    process.exit(result.status ?? 1)
  }
}
