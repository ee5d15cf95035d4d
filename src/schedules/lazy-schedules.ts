import { lazyModules } from '../lazy/lazy-import.js'
import type { Schedulers, SchedulersContext } from './schedulers.js'

/**
 * The schedules of a queue, imported on first need: when a schedule is upserted or read here,
 * or when the database holds one (read at start, and whenever another context changes one).
 * An app without schedules never loads their code, nor croner. A service worker has them
 * provided up front (`docket/service-worker`).
 */
export function lazySchedules(context: SchedulersContext) {
  let loading: Promise<Schedulers> | undefined
  let closed = false
  const load = (): Promise<Schedulers> => {
    if (closed && !loading) return Promise.reject(new Error('The queue is closed'))
    return (loading ??= Promise.resolve(lazyModules.schedulers ?? import('./schedulers.js')).then(({ createSchedulers }) => createSchedulers(context)))
  }
  return {
    load,
    /** Starts ticking if the database holds a schedule; ticks again if ticking already. */
    async check(): Promise<void> {
      if (loading) return void (await loading).tick()
      if ((await context.storage.getSchedules()).length && !closed) await load()
    },
    async close(): Promise<void> {
      closed = true
      await (await loading)?.close()
    },
  }
}
