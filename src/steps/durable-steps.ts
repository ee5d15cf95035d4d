/**
 * The handler's side of durable steps: `ctx.step` and `ctx.sleep` of one run, in the handler's
 * own thread. Loaded on a run's first step only (see `executeJob`), so a queue whose handlers
 * use no steps does not ship this.
 * @module
 */
import type { ValidationError } from '../errors.js'
import type { SleepRequest, StoredStep } from '../runners/protocol.js'

/** Stores one completed step; resolves once committed (see `WorkerHooks.step`). */
export type StoreStep = (name: string, result: unknown) => Promise<void>

/** What `ctx.sleep` throws to end its run; `executeJob` reports it as the run's outcome. */
class SleepSignal extends Error {
  override name = 'SleepSignal'
}

/**
 * The steps of one run. `stored`: what earlier runs stored (replayed, not called); `store`
 * writes a new one. `sleeping()` says whether the run ended in a sleep, whatever the handler
 * did with the signal afterwards. `Invalid` is the entry's `ValidationError`, passed in rather
 * than imported: a module this lazy chunk shared with the entry would become a chunk of its own.
 */
export function durableSteps(stored: readonly StoredStep[], store: StoreStep, Invalid: typeof ValidationError) {
  const done = new Map(stored.map((step) => [step.name, step]))
  const used = new Set<string>()
  let sleeping: SleepRequest | undefined

  /** Takes `name` for this run; after a sleep nothing more runs. */
  function claimName(name: unknown, method: 'step' | 'sleep'): asserts name is string {
    if (sleeping) throw new SleepSignal(`The run ended in ctx.sleep("${sleeping.name}"): ctx.${method}() cannot run after it`)
    if (typeof name !== 'string' || name === '') {
      throw new Invalid(`Expected \`name\` of ctx.${method}() to be a non-empty string, got ${name === '' ? 'an empty string' : typeof name}`)
    }
    if (used.has(name)) throw new Invalid(`Expected each step of a run to have a name of its own, got "${name}" twice`)
    used.add(name)
  }

  /** The structured clone of a step's result, or `ValidationError` naming the step. */
  function storable(name: string, result: unknown): unknown {
    try {
      return structuredClone(result)
    } catch (error) {
      throw new Invalid(`Expected the result of step "${name}" to be structured-cloneable, got ${Object.prototype.toString.call(result)}: ${(error as Error).message}`)
    }
  }

  return {
    async step<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
      claimName(name, 'step')
      if (typeof fn !== 'function') throw new Invalid(`Expected \`fn\` of ctx.step("${name}") to be a function, got ${typeof fn}`)
      const replayed = done.get(name)
      if (replayed) return replayed.result as T
      const result = await fn()
      await store(name, storable(name, result))
      return result
    },
    async sleep(name: string, ms: number): Promise<void> {
      claimName(name, 'sleep')
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
        throw new Invalid(`Expected \`ms\` of ctx.sleep("${name}") to be a finite number >= 0, got ${String(ms)}`)
      }
      // Stored: the job ran again, so its time came (or it was promoted). Clocks of other
      // threads are not compared: the scheduler's clock decided when it ran.
      if (done.has(name)) return
      sleeping = { name, ms }
      throw new SleepSignal(`The run sleeps at "${name}" for ${ms} ms`)
    },
    sleeping: (): SleepRequest | undefined => sleeping,
  }
}

/** The durable steps of one run. */
export type DurableSteps = ReturnType<typeof durableSteps>
