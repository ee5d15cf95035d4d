/**
 * The modules docket loads on first use (schedules, croner, flows, durable steps, health), and the
 * place where a context can provide them up front. A service worker must: `import()` is
 * disallowed there ("import() is disallowed on ServiceWorkerGlobalScope"), and a bundler's
 * preload helper for it may read `document` or `window`. `docket/service-worker` provides them
 * all, so in a service worker nothing is imported lazily; a page loads none of them until it
 * needs it. Each loader reads `lazyModules.<name> ?? import(…)`: every page ships those lines,
 * so they stay that small.
 * @module
 */

/** Each lazily loaded module, by the name it is provided under. */
export interface LazyModules {
  schedulers: typeof import('../schedules/schedulers.js')
  croner: typeof import('croner')
  planFlow: typeof import('../flows/plan-flow.js')
  durableSteps: typeof import('../steps/durable-steps.js')
  health: typeof import('../queue/health.js')
}

/** The modules provided in this context, shared by all its queues; the others are imported. */
export const lazyModules: Partial<LazyModules> = {}

/** Provides `modules` to every loader of this context from now on. */
export function provideModules(modules: Partial<LazyModules>): void {
  Object.assign(lazyModules, modules)
}
