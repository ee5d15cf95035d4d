/**
 * Wraps a drawing function so that calling it often draws at most once per `gap` ms, in an
 * animation frame. A burst sends thousands of events a second; drawing each would take the
 * main thread (and with it the scheduler) away from the queue.
 */
export function throttledDraw(draw: () => void, gap: number): () => void {
  let pending = false
  let last = -Infinity
  return () => {
    if (pending) return
    pending = true
    setTimeout(() => requestAnimationFrame(() => {
      pending = false
      last = performance.now()
      draw()
    }), Math.max(0, last + gap - performance.now()))
  }
}
