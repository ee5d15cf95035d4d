import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { packedPackage, repoRoot } from './packed-package'

const run = promisify(execFile)

/** A user's app in a temp folder, with docket installed from the packed tarball. */
export interface PackedApp {
  /** The app's folder: `import 'docket'` from here resolves to `node_modules/docket`. */
  readonly dir: string
  /** Deletes the folder. */
  remove(): Promise<void>
}

/** What goes into the app besides docket. */
export interface PackedAppOptions {
  /** Folders whose files are copied to the app's root (later ones win). */
  readonly copy?: readonly URL[]
  /** Packages the app itself depends on (e.g. `vite`, `fake-indexeddb`), linked like docket's own. */
  readonly dependencies?: readonly string[]
}

/**
 * Installs docket as `npm install docket-0.3.0.tgz` would, without a registry: the tarball is
 * extracted into `node_modules/docket`, and its dependencies (and the app's) are links to the
 * copies already in this repository's node_modules. Nothing is fetched.
 */
export async function createPackedApp(options: PackedAppOptions = {}): Promise<PackedApp> {
  const { tarball } = await packedPackage()
  const dir = await mkdtemp(join(tmpdir(), 'docket-app-'))
  const installed = join(dir, 'node_modules', 'docket')
  await mkdir(installed, { recursive: true })
  // npm's tarballs hold one folder, `package/`.
  await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'])

  const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }
  const linked = [...Object.keys(manifest.dependencies ?? {}), ...(options.dependencies ?? [])]
  for (const name of linked) {
    const link = join(dir, 'node_modules', name)
    await mkdir(dirname(link), { recursive: true })
    await symlink(await realpath(join(repoRoot, 'node_modules', name)), link, 'dir')
  }
  const dependencies = Object.fromEntries([['docket', `file:${tarball}`], ...(options.dependencies ?? []).map((name) => [name, '*'])])
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'app', private: true, type: 'module', dependencies }, null, 2)}\n`)

  for (const folder of options.copy ?? []) await cp(fileURLToPath(folder), dir, { recursive: true })
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}
