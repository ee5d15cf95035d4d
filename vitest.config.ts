import { fileURLToPath } from 'node:url';
import { playwright } from '@vitest/browser-playwright';
import { configDefaults, defineConfig } from 'vitest/config';

// `x.test.ts` runs in both projects, `x.node.test.ts` only in Node,
// `x.browser.test.ts` only in Chromium. `test/e2e/**` is run by neither.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Keep Chromium quiet on a closed network (see /work/shared/docs/TOOLCHAIN.md).
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Tests, the demo and the benchmarks import the package by its public names.
export const alias = {
  'docket/worker': fileURLToPath(new URL('./src/worker.ts', import.meta.url)),
  docket: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/**/*.browser.test.ts', 'test/e2e/**'],
          typecheck: {
            enabled: true,
            include: ['test/**/*.test-d.ts'],
          },
        },
      },
      {
        extends: true,
        // Suites that drive real Chromium pages through Playwright, from a server of their own.
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        // Pre-bundle up front so Vite does not discover them mid-run and reload the page.
        optimizeDeps: {
          include: ['idb', 'comlink'],
          exclude: ['fake-indexeddb'],
        },
        test: {
          name: 'browser',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/**/*.node.test.ts', 'test/e2e/**'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
