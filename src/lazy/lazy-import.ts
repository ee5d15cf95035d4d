/**
 * The modules docket loads on first use (schedules, croner, flows, durable steps), and the
 * place where a context can provide them up front. A service worker must: `import()` is
 * disallowed there ("import() is disallowed on ServiceWorkerGlobalScope"), and a bundler's
 * preload helper for it may read `document`. `docket/service-worker` provides them all, so in a
 * service worker nothing is imported lazily; a page never loads them until it needs them.
 * @module
 */

/** Each lazily loaded module, by the name it is provided under. */
export interface LazyModules {
  schedulers: typeof import('../schedules/schedulers.js')
  croner: typeof import('croner')
  planFlow: typeof import('../flows/plan-flow.js')
  durableSteps: typeof import('../steps/durable-steps.js')
}

/** Provided modules, shared by every queue of the context (one module instance per context). */
const provided: Partial<LazyModules> = {}

/** Makes `modules` what {@link lazyImport} returns from now on, in this context. */
export function provideModules(modules: Partial<LazyModules>): void {
  Object.assign(provided, modules)
}

/**
 * The module `name`: the provided one if there is one, else `load()` (an `import()`). A
 * service worker that did not provide it gets an error that says how to.
 */
export function lazyImport<K extends keyof LazyModules>(name: K, load: () => Promise<LazyModules[K]>): Promise<LazyModules[K]> {
  const module = provided[name]
  if (module) return Promise.resolve(module)
  let loading: Promise<LazyModules[K]>
  try {
    loading = load()
  } catch (error) {
    loading = Promise.reject(error)
  }
  return loading.catch((error: unknown) => {
    if (!inServiceWorker()) throw error
    throw new Error(`docket could not load its ${name} module in a service worker (${(error as Error)?.message ?? String(error)}); import serveQueueInServiceWorker from 'docket/service-worker' and call it before using schedules, flows or durable steps there`, { cause: error })
  })
}

function inServiceWorker(): boolean {
  const scope = (globalThis as { ServiceWorkerGlobalScope?: abstract new () => unknown }).ServiceWorkerGlobalScope
  return typeof scope === 'function' && globalThis instanceof scope
}
