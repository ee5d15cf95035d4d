import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

/**
 * The policy the dashboard is served under: scripts only from its own origin (no inline
 * script, no eval), no plugins, no `<base>` tricks. Module workers fall back to `script-src`.
 */
export const contentSecurityPolicy = "script-src 'self'; object-src 'none'; base-uri 'none'"

const headers = { 'Content-Security-Policy': contentSecurityPolicy }

// `vite demo` (npm start) finds this file because demo/ is the root; tests load it by path.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Its own cache: the test servers' optimized deps (root: the repo) must not overwrite these.
  cacheDir: fileURLToPath(new URL('../node_modules/.vite-demo', import.meta.url)),
  resolve: {
    // The demo imports docket as users do; here the names lead to the sources.
    alias: {
      'docket/worker': fileURLToPath(new URL('../src/worker.ts', import.meta.url)),
      'docket/devtools': fileURLToPath(new URL('../src/devtools.ts', import.meta.url)),
      docket: fileURLToPath(new URL('../src/index.ts', import.meta.url)),
    },
  },
  server: { headers },
  preview: { headers },
  // Found up front, so the first load does not discover them and reload the page.
  optimizeDeps: { include: ['idb', 'comlink', 'mitt', 'nanoid'] },
  worker: { format: 'es' },
  build: { outDir: fileURLToPath(new URL('../dist/demo', import.meta.url)), emptyOutDir: true, target: 'es2022' },
})
