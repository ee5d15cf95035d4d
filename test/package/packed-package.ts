import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll } from 'vitest'

const run = promisify(execFile)

/** The repository's root: the package that is packed. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** What `npm pack` made: the tarball and what it holds, as npm reports it. */
export interface PackedPackage {
  /** Absolute path of the `.tgz`. */
  readonly tarball: string
  /** Paths inside the package (no `package/` prefix), as npm lists them. */
  readonly files: readonly string[]
  /** The tarball's size in bytes. */
  readonly size: number
  /** The sum of the files' sizes in bytes. */
  readonly unpackedSize: number
}

interface PackReport {
  filename: string
  size: number
  unpackedSize: number
  files: Array<{ path: string }>
}

let packed: Promise<PackedPackage> | undefined
let workspace: string | undefined

// Registered by the test file that imports this module: its tarball goes with it.
afterAll(async () => {
  packed = undefined
  if (workspace) await rm(workspace, { recursive: true, force: true })
})

/**
 * The package as `npm pack` makes it, `prepack` (the build) included; packed once per test file.
 *
 * It is packed from a staging copy of what npm would ship (plus the build's inputs), so
 * that concurrent test files never build into the repository's `dist/` at the same time, and the
 * suite never writes to the checkout. No network: packing a local folder needs none.
 */
export function packedPackage(): Promise<PackedPackage> {
  packed ??= pack()
  return packed
}

async function pack(): Promise<PackedPackage> {
  workspace = await mkdtemp(join(tmpdir(), 'docket-pack-'))
  const stage = join(workspace, 'stage')
  const out = join(workspace, 'out')
  await mkdir(out, { recursive: true })

  // npm's own list of what it would ship; dist/ is left out because prepack rebuilds it.
  const [listing] = await npmPack(repoRoot, ['--dry-run', '--ignore-scripts'])
  const shipped = listing!.files.map((file) => file.path).filter((path) => !path.startsWith('dist/'))
  const buildInputs = ['tsconfig.json', 'tsconfig.build.json', 'scripts/bundle-worker.mjs', '.npmignore', '.gitignore']
  for (const path of [...shipped, ...buildInputs]) {
    await mkdir(dirname(join(stage, path)), { recursive: true })
    await cp(join(repoRoot, path), join(stage, path), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      if (!(error.code === 'ENOENT' && buildInputs.includes(path))) throw error
    })
  }
  await symlink(await realpath(join(repoRoot, 'node_modules')), join(stage, 'node_modules'), 'dir')

  const [report] = await npmPack(stage, ['--pack-destination', out])
  return {
    tarball: join(out, report!.filename),
    files: report!.files.map((file) => file.path),
    size: report!.size,
    unpackedSize: report!.unpackedSize,
  }
}

async function npmPack(cwd: string, args: string[]): Promise<PackReport[]> {
  // With --json, npm prints the scripts' output on stderr: stdout is the report alone.
  const { stdout } = await run('npm', ['pack', '--json', ...args], { cwd, maxBuffer: 16 * 1024 * 1024 })
  return JSON.parse(stdout) as PackReport[]
}
