// Minified + gzipped sizes of the two entry points, built the way a user's bundler would.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = new URL('..', import.meta.url)
const { dependencies = {} } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'))

async function measure(entry, external) {
  const source = entry.startsWith('export') ? { stdin: { contents: entry, resolveDir: new URL('.', root).pathname, loader: 'ts' } } : { entryPoints: [new URL(entry, root).pathname] }
  const result = await build({
    ...source,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    external: external ? Object.keys(dependencies) : [],
  })
  const code = result.outputFiles[0].contents
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length }
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
    const { min, gzip } = await measure(app, external)
    figures[`bundle.createQueue-only.${variant}`] = { value: gzip / 1000, unit: 'kB', note: `\`import { createQueue } from 'docket'\` tree-shaken, minified (${(min / 1000).toFixed(1)} kB), gzip -9` }
  }
  for (const variant of ['no-deps', 'with-deps']) {
    figures[`bundle.total.${variant}`] = {
      value: figures[`bundle.docket.${variant}`].value + figures[`bundle.docket/worker.${variant}`].value, unit: 'kB',
      note: 'docket + docket/worker, two bundles (page and worker)',
    }
  }
  return figures
}
