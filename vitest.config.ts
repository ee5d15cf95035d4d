import { fileURLToPath } from 'node:url'
import { playwright } from '@vitest/browser-playwright'
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'
import { chromiumArgs, engineNames, findProgram, type Engine } from './scripts/engines.mjs'
import { firefoxProvider } from './test/support/engines/firefox-provider.ts'
import { webkitProvider } from './test/support/engines/webkit-provider.ts'

// `x.test.ts` runs in Node and in each browser engine, `x.node.test.ts` only in Node,
// `x.browser.test.ts` only in the browsers. `test/e2e/**` drive browsers from Node.

// Tests, the demo and the benchmarks import the package by its public names.
export const alias = {
  'docket/service-worker': fileURLToPath(new URL('./src/service-worker.ts', import.meta.url)),
  'docket/worker': fileURLToPath(new URL('./src/worker.ts', import.meta.url)),
  'docket/outbox': fileURLToPath(new URL('./src/outbox.ts', import.meta.url)),
  'docket/react': fileURLToPath(new URL('./src/react.ts', import.meta.url)),
  'docket/devtools': fileURLToPath(new URL('./src/devtools.ts', import.meta.url)),
  'docket/sqlite': fileURLToPath(new URL('./src/sqlite.ts', import.meta.url)),
  docket: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
}

/** Whether this Node has `node:sqlite` (22.13 and later; the machine's Node 20 has not). */
const hasNodeSqlite = Boolean(process.getBuiltinModule?.('node:sqlite'))

/** The SQLite storage's suites, in Node's own process (no browser). */
const sqliteProject: TestProjectInlineConfiguration = {
  extends: true,
  test: { name: 'sqlite', environment: 'node', include: ['test/**/*.sqlite.test.ts'], sequence: { groupOrder: 0 } },
}

/**
 * The queue's behaviour tests on `sqliteStorage`: the fixture's database becomes a SQLite file
 * (test/sqlite/support/sqlite-test-database.ts in place of test/support/test-database.ts).
 */
const sqliteQueueProject: TestProjectInlineConfiguration = {
  extends: true,
  resolve: {
    alias: [{ find: /^(?:\.\.?\/)+(?:support\/)?test-database$/, replacement: fileURLToPath(new URL('./test/sqlite/support/sqlite-test-database.ts', import.meta.url)) }],
  },
  test: {
    name: 'sqlite-queue',
    environment: 'node',
    include: ['test/{queue,control,flows,schedules}/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/**/*.browser.test.ts'],
    sequence: { groupOrder: 0 },
  },
}

/** The one list of files every engine runs. */
const browserFiles = {
  include: ['test/**/*.test.ts'],
  // SQLite suites run in Node 24, Bun and Deno (scripts/edge-tests.mjs), never in a browser.
  exclude: [...configDefaults.exclude, 'test/**/*.node.test.ts', 'test/**/*.sqlite.test.ts', 'test/e2e/**'],
}

type Provider = NonNullable<NonNullable<NonNullable<TestProjectInlineConfiguration['test']>['browser']>['provider']>

// One group at a time, so that two browsers never share the 2 cores of a small CI machine:
// Node with Chromium (as before), then Firefox, WebKit, and each engine's e2e suites.
const browserGroup = (name: Engine): number => engineNames.indexOf(name)
const e2eGroup = (name: Engine): number => engineNames.length + engineNames.indexOf(name)

/** A project that runs the browser files in one engine. */
function engine(name: Engine, provider: Provider): TestProjectInlineConfiguration {
  return {
    extends: true,
    // Pre-bundle up front so Vite does not discover them mid-run and reload the page.
    optimizeDeps: {
      include: ['idb', 'comlink', 'croner', 'react', 'react-dom/client'],
      exclude: ['fake-indexeddb'],
    },
    test: {
      name,
      sequence: { groupOrder: browserGroup(name) },
      ...browserFiles,
      browser: { enabled: true, headless: true, provider, instances: [{ browser: name }] },
    },
  }
}

/**
 * A project that drives `engine` from Node through test/e2e/support/driver.ts. A file named
 * `*.<engine>.e2e.test.ts` runs in that engine alone: `*.chromium.e2e.test.ts` need Playwright's
 * Chromium-only powers (offline emulation, DevTools, a browser process to kill),
 * `*.webkit.e2e.test.ts` kill a process of WebKit's own.
 */
function e2e(name: Engine): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name: `${name}-e2e`,
      sequence: { groupOrder: e2eGroup(name) },
      environment: 'node',
      include: ['test/e2e/**/*.e2e.test.ts'],
      exclude: engineNames.filter((other) => other !== name).map((other) => `test/e2e/**/*.${other}.e2e.test.ts`),
      provide: { engine: name },
      testTimeout: 120_000,
      hookTimeout: 60_000,
      fileParallelism: false,
    },
  }
}

export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // The outbox's tests send to a real HTTP server of their own (test/support/fault-server.ts).
    globalSetup: ['test/support/fault-server-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          sequence: { groupOrder: 0 },
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/**/*.browser.test.ts', 'test/**/*.sqlite.test.ts', 'test/e2e/**'],
          typecheck: {
            enabled: true,
            include: ['test/**/*.test-d.ts'],
          },
        },
      },
      // `*.sqlite.test.ts` need `node:sqlite`: Node 20 has none, so they run where Vitest runs
      // on a Node that has it (scripts/edge-tests.mjs runs them under Node 24 from node_modules).
      ...(hasNodeSqlite ? [sqliteProject, sqliteQueueProject] : []),
      e2e('chromium'),
      e2e('firefox'),
      e2e('webkit'),
      // A missing Chromium fails at launch, as Firefox and WebKit do, not while loading this file:
      // runs of other projects need no browser. (`npm test` names what is missing first.)
      engine('chromium', playwright({ launchOptions: { executablePath: findProgram('chromium') ?? '/usr/bin/chromium', args: [...chromiumArgs] } })),
      engine('firefox', firefoxProvider()),
      engine('webkit', webkitProvider()),
    ],
  },
})
