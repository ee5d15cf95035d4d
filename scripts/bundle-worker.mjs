#!/usr/bin/env node
// The second half of `npm run build`, after tsc: dist/worker.js becomes one self-contained
// module (comlink and the modules it shares with `docket` inlined).
//
// Why: Vite's dependency scanner does not follow `new Worker(new URL(…))`, so on a cold cache
// its dev server meets `docket/worker` only when the first worker starts, and pre-bundles it
// then. Vite reloads the page when that changes the pre-bundle of a dependency the page already
// loaded; an entry that shares no module with `docket` leaves `docket`'s pre-bundle as it was,
// so the page and its running job go on. test/e2e/vite/first-run.chromium.e2e.test.ts checks it.
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

await build({
  entryPoints: [fileURLToPath(new URL('../src/worker.ts', import.meta.url))],
  outfile: fileURLToPath(new URL('../dist/worker.js', import.meta.url)),
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2022',
  sourcemap: true,
  // Source-map paths stay inside the package where node_modules is a link (a git worktree).
  preserveSymlinks: true,
  logLevel: 'warning',
})
