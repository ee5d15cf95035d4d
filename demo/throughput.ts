import { count } from '../src/devtools/format'

const WINDOW = 2000

/**
 * The live jobs-per-second figure in the top bar: completions (in any tab) over a sliding
 * window. It redraws on completions; a timer runs only while the window still holds some, so
 * the figure falls back to zero when the work stops.
 */
export function throughputMeter(output: HTMLElement) {
  const times: number[] = []
  let timer: ReturnType<typeof setInterval> | undefined

  function draw(): void {
    const now = performance.now()
    while (times.length && times[0]! < now - WINDOW) times.shift()
    const rate = times.length / (WINDOW / 1000)
    output.textContent = `${count(Math.round(rate))} jobs/s`
    output.dataset.busy = String(times.length > 0)
    if (!times.length && timer !== undefined) {
      clearInterval(timer)
      timer = undefined
    }
  }

  draw()
  return {
    completed(): void {
      times.push(performance.now())
      timer ??= setInterval(draw, 250)
    },
  }
}
