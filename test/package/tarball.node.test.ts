// The package as npm publishes it: `npm pack` (prepack builds dist/), installed into an app.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, posix } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createPackedApp, type PackedApp } from './packed-app'
import { packedPackage } from './packed-package'
import { relativeLinks } from './relative-links'

interface Manifest {
  version?: string
  license?: string
  repository?: { url?: string }
  scripts?: Record<string, string>
  exports?: unknown
}

let app: PackedApp
let installed: string
let files: readonly string[]
let manifest: Manifest

beforeAll(async () => {
  app = await createPackedApp()
  installed = join(app.dir, 'node_modules', 'docket')
  files = (await packedPackage()).files
  manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as Manifest
}, 120_000)
afterAll(() => app?.remove())

it('ships every file that a relative link of its Markdown points to', async () => {
  const documents = files.filter((file) => file.endsWith('.md'))
  expect(documents).toContain('README.md')
  const broken: string[] = []
  for (const document of documents) {
    const links = relativeLinks(await readFile(join(installed, document), 'utf8'))
    if (document === 'README.md') expect(links).not.toEqual([])
    for (const link of links) {
      const target = posix.normalize(posix.join(posix.dirname(document), link)).replace(/\/$/, '')
      const shipped = files.some((file) => file === target || file.startsWith(`${target}/`))
      if (!shipped) broken.push(`${document} → ${link}`)
    }
  }
  expect(broken).toEqual([])
})

it('publishes a package.json without install-time scripts', () => {
  // npm warns about (and may refuse to run) any of these on every install.
  const installScripts = ['preinstall', 'install', 'postinstall', 'prepare']
  expect(Object.keys(manifest.scripts ?? {}).filter((name) => installScripts.includes(name))).toEqual([])
})

it('ships a file for every export, the service-worker entry included', () => {
  const exportsMap = manifest.exports as Record<string, unknown>
  expect(Object.keys(exportsMap)).toEqual(expect.arrayContaining(['.', './worker', './service-worker']))
  const targets = exportTargets(exportsMap)
  expect(targets).toContain('./dist/service-worker.js')
  expect(targets.filter((target) => !existsSync(join(installed, target)))).toEqual([])
})

it('ships docket/worker as one module that imports nothing', async () => {
  // Vite pre-bundles it late, when the first worker starts: sharing no module with `docket`
  // keeps that from reloading the page (test/e2e/vite/first-run.chromium.e2e.test.ts).
  const worker = await readFile(join(installed, 'dist/worker.js'), 'utf8')
  expect(worker.match(/^\s*(?:import\s*[\w{*'"]|export\s[^;]*?\bfrom\s*['"]).*$/gm)).toBeNull()
})

it('ships its license, and names no placeholder repository', async () => {
  expect(manifest.license).toBe('MIT')
  expect(await readFile(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the docket authors\n/)
  // None until there is a real one: a made-up address would send users nowhere.
  expect(manifest.repository?.url ?? '').not.toMatch(/example\.(invalid|com|org)/)
})

it('ships a changelog with an entry for its version, naming its IndexedDB schema version', async () => {
  expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/)
  const changelog = await readFile(join(installed, 'CHANGELOG.md'), 'utf8')
  const headings = changelog.split('\n').filter((line) => line.startsWith('## '))
  const index = headings.findIndex((heading) => heading.includes(manifest.version!))
  expect(index, headings.join('\n')).toBeGreaterThanOrEqual(0)
  const { SCHEMA_VERSION } = await import('../../src/storage/indexeddb/schema.js')
  const entry = changelog.slice(changelog.indexOf(headings[index]!), headings[index + 1] ? changelog.indexOf(headings[index + 1]!) : undefined)
  expect(entry).toContain(`IndexedDB schema **version ${SCHEMA_VERSION}**`)
})

/** Every file path in an `exports` field, through nested conditions. */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(exportTargets)
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets)
  return []
}
