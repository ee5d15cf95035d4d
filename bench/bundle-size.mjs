// Minified + gzipped sizes of the two entry points, built the way a user's bundler would.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = new URL('..', import.meta.url)
const { dependencies = {} } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'))

/**
 * Builds with code splitting, as Vite and Rollup ship an app, and counts what loads at start:
 * the entry and the chunks it imports statically. Chunks reached only through a dynamic
 * `import()` (schedules, croner) load on first use and are counted apart, as `lazy`.
 */
async function measure(entry, external) {
  const source = entry.startsWith('export') ? { stdin: { contents: entry, resolveDir: new URL('.', root).pathname, loader: 'ts' } } : { entryPoints: [new URL(entry, root).pathname] }
  const result = await build({
    ...source,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    splitting: true,
    outdir: '/bundle-size',
    metafile: true,
    write: false,
    logLevel: 'silent',
    external: external ? Object.keys(dependencies) : [],
  })
  const files = new Map(result.outputFiles.map((file) => [file.path, file.contents]))
  const outputs = result.metafile.outputs
  const entryPath = Object.keys(outputs).find((path) => outputs[path].entryPoint !== undefined || path.includes('stdin'))
  const initial = new Set()
  const visit = (path) => {
    if (initial.has(path)) return
    initial.add(path)
    for (const { path: next, kind } of outputs[path].imports) if (kind === 'import-statement' && outputs[next]) visit(next)
  }
  visit(entryPath)
  const sizeOf = (paths) => paths.reduce((sum, path) => {
    const code = files.get(resolve(path))
    return { min: sum.min + code.length, gzip: sum.gzip + gzipSync(code, { level: 9 }).length }
  }, { min: 0, gzip: 0 })
  const lazy = Object.keys(outputs).filter((path) => !initial.has(path) && path.endsWith('.js'))
  return { ...sizeOf([...initial]), lazy: sizeOf(lazy) }
}

/** Sizes in kB (1,000 bytes) of `docket` and `docket/worker`, without their dependencies (external) and with them. */
export async function bundleSizes() {
  const figures = {}
  for (const [key, entry] of [['docket', 'src/index.ts'], ['docket/worker', 'src/worker.ts']]) {
    for (const [variant, external] of [['no-deps', true], ['with-deps', false]]) {
      const { min, gzip } = await measure(entry, external)
      figures[`bundle.${key}.${variant}`] = {
        value: gzip / 1000, unit: 'kB',
        note: `${entry} bundled by esbuild, minified (${(min / 1000).toFixed(1)} kB), gzip -9; ${external ? `external: ${Object.keys(dependencies).join(', ')}` : 'dependencies bundled'}`,
      }
    }
  }
  // What an app that imports only createQueue (IndexedDB by default) ships, after tree-shaking.
  const app = "export { createQueue } from './src/index'"
  for (const [variant, external] of [['no-deps', true], ['with-deps', false]]) {
    const { min, gzip, lazy } = await measure(app, external)
    figures[`bundle.createQueue-only.${variant}`] = { value: gzip / 1000, unit: 'kB', note: `\`import { createQueue } from 'docket'\` tree-shaken, code-split, what loads at start: minified (${(min / 1000).toFixed(1)} kB), gzip -9 per chunk; loaded on first use (schedules): ${(lazy.gzip / 1000).toFixed(1)} kB gzip` }
  }
  for (const variant of ['no-deps', 'with-deps']) {
    figures[`bundle.total.${variant}`] = {
      value: figures[`bundle.docket.${variant}`].value + figures[`bundle.docket/worker.${variant}`].value, unit: 'kB',
      note: 'docket + docket/worker, two bundles (page and worker)',
    }
  }
  return figures
}
