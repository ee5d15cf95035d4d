import { expose, releaseProxy, transfer, wrap, type Endpoint, type Remote } from 'comlink'
import { ref, unref } from '../coordination/unref.js'
import { toErrorShape } from '../job/error-data.js'
import { isNodePort, nodeEndpoint, type NodeMessagePort } from './node-endpoint.js'
import type { RunOutcome, WorkerApi, WorkerHooks } from './protocol.js'
import { abandoned, type JobRunner, type RunOptions } from './runner.js'

/** What a `worker` factory may return: a Web Worker, a Node Worker, or any Comlink endpoint. */
export type WorkerLike = (Endpoint & { terminate?: () => unknown }) | (NodeMessagePort & { terminate?: () => unknown })

interface Slot {
  remote: Remote<WorkerApi>
  /** The worker itself: it holds a Node process open only while it runs an attempt. */
  worker: WorkerLike
  /** The attempt this worker runs now: progress and logs of any other id are late and dropped. */
  current?: { id: string; options: RunOptions }
  terminate(): void
  /** Settles the attempt running in this slot when the worker dies. */
  fail?: (outcome: RunOutcome) => void
}

/** An idle worker lets a Node process exit. */
function unrefSlot(slot: Slot): Slot {
  unref(slot.worker)
  return slot
}

/**
 * A pool of Comlink-wrapped workers, one attempt per worker at a time, so that terminating a
 * worker whose handler ignores its abort stops exactly that attempt. Workers start lazily and
 * are kept; a terminated or crashed one is replaced by the next attempt.
 */
export function workerRunner(factory: () => WorkerLike, onError: (error: Error) => void): JobRunner {
  const idle: Slot[] = []
  const all = new Set<Slot>()

  function spawn(): Slot {
    const worker = factory()
    const endpoint = isNodePort(worker) ? nodeEndpoint(worker) : (worker as Endpoint)
    // The page's callbacks, on a channel of their own that does not hold a Node process open.
    const hooks = new MessageChannel()
    const slot: Slot = {
      remote: wrap<WorkerApi>(endpoint),
      worker,
      terminate: () => {
        all.delete(slot)
        const i = idle.indexOf(slot)
        if (i >= 0) idle.splice(i, 1)
        slot.remote[releaseProxy]()
        hooks.port1.close()
        void worker.terminate?.()
      },
    }
    expose({
      progress: (id: string, value: unknown) => {
        if (slot.current?.id === id) slot.current.options.onProgress(value)
      },
      log: async (id: string, row: unknown) => {
        if (slot.current?.id === id) await slot.current.options.onLog(row)
      },
      // A step of an attempt that is over (abandoned after its grace period) is refused, not dropped.
      step: async (id: string, name: string, result: unknown) => {
        if (slot.current?.id !== id) throw new Error(`Step "${name}" was not stored: its attempt is over`)
        await slot.current.options.onStep(name, result)
      },
    } satisfies WorkerHooks, hooks.port1)
    // After `expose`: Node refs a port again when a listener is added.
    unref(hooks.port1)
    void slot.remote.connect(transfer(hooks.port2, [hooks.port2])).catch(() => undefined)
    // A worker that fails to load or crashes rejects nothing through Comlink: its attempt would hang.
    const crashed = (event: unknown): void => {
      const error = (event as { error?: unknown; message?: string })?.error ?? event
      const shape = toErrorShape(error instanceof Error ? error : new Error(`Worker failed: ${(event as { message?: string })?.message ?? 'unknown error'}`))
      slot.terminate()
      onError(new Error(`A job worker failed: ${shape.message}`))
      slot.fail?.({ ok: false, error: { ...shape, name: 'WorkerError' } })
    }
    if (isNodePort(worker)) (worker as unknown as { on(e: string, f: (e: unknown) => void): void }).on('error', crashed)
    else (worker as Endpoint).addEventListener('error', crashed as EventListener)
    all.add(slot)
    return slot
  }

  return {
    run(request, options) {
      return new Promise<RunOutcome>((resolve) => {
        let slot: Slot
        try {
          slot = idle.pop() ?? spawn()
          ref(slot.worker)
        } catch (error) {
          onError(error instanceof Error ? error : new Error(String(error)))
          resolve({ ok: false, error: { ...toErrorShape(error), name: 'WorkerError' } })
          return
        }
        let timer: ReturnType<typeof setTimeout> | undefined
        let done = false
        const finish = (outcome: RunOutcome, reusable: boolean): void => {
          if (done) return
          done = true
          clearTimeout(timer)
          options.signal.removeEventListener('abort', onAbort)
          slot.fail = undefined
          slot.current = undefined
          if (reusable && all.has(slot)) idle.push(unrefSlot(slot))
          resolve(outcome)
        }
        const onAbort = (): void => {
          slot.remote.abort(request.id, toErrorShape(options.signal.reason)).catch(() => undefined)
          timer = setTimeout(() => {
            // The handler ignored its signal: stop it for real.
            slot.terminate()
            finish(abandoned(options.signal.reason), false)
          }, options.gracePeriod)
        }
        slot.fail = (outcome) => finish(outcome, false)
        slot.current = { id: request.id, options }
        slot.remote.run(request).then(
          (outcome) => finish(outcome, true),
          (error: unknown) => finish({ ok: false, error: toErrorShape(error) }, true),
        )
        if (options.signal.aborted) onAbort()
        else options.signal.addEventListener('abort', onAbort, { once: true })
      })
    },
    async destroy() {
      for (const slot of [...all]) {
        slot.terminate()
        slot.fail?.(abandoned(new Error('The queue closed')))
      }
    },
  }
}
