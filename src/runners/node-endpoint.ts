import type { Endpoint } from 'comlink'

/** The part of a Node `worker_threads` Worker or MessagePort that Comlink needs. */
export interface NodeMessagePort {
  postMessage(message: unknown, transfer?: readonly unknown[]): void
  on(event: 'message', listener: (data: unknown) => void): unknown
  off(event: 'message', listener: (data: unknown) => void): unknown
  start?: () => void
}

/**
 * Whether `value` speaks Node's port API (`on`/`postMessage`): a `worker_threads` Worker, or a
 * MessagePort such as `parentPort` (which is an EventTarget too: Node's API is the one used).
 */
export function isNodePort(value: unknown): value is NodeMessagePort {
  const port = value as Partial<NodeMessagePort> | null
  return !!port && typeof port.on === 'function' && typeof port.postMessage === 'function'
}

/**
 * Comlink's node adapter, kept here so that neither entry point imports Node modules:
 * a Node Worker or `parentPort` becomes a Comlink endpoint.
 */
export function nodeEndpoint(port: NodeMessagePort): Endpoint {
  const listeners = new WeakMap<object, (data: unknown) => void>()
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => port.postMessage(message, transfer),
    addEventListener(_type: string, handler: EventListenerOrEventListenerObject) {
      const listener = (data: unknown): void => {
        const event = { data } as MessageEvent
        if ('handleEvent' in handler) handler.handleEvent(event)
        else handler(event)
      }
      port.on('message', listener)
      listeners.set(handler, listener)
    },
    removeEventListener(_type: string, handler: EventListenerOrEventListenerObject) {
      const listener = listeners.get(handler)
      if (!listener) return
      port.off('message', listener)
      listeners.delete(handler)
    },
    ...(port.start ? { start: () => port.start!() } : {}),
  }
}
