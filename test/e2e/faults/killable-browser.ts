import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { chromium, type Browser } from 'playwright'
import { chromiumArgs, requireProgram } from '../../../scripts/engines.mjs'

/** A Chromium of our own process, on an on-disk profile, that the test can SIGKILL. */
export interface KillableBrowser {
  browser: Browser
  pid: number
  /** SIGKILL to the browser and every process of its group: no shutdown, no flush. */
  kill(): Promise<void>
}

/**
 * Playwright hides the process of a persistent context, so Chromium is spawned here with a
 * DevTools port and driven through CDP. It leads a process group of its own, so one signal
 * reaches the browser and its renderers at once, as a crash or an OOM kill would.
 */
export async function spawnChromium(profileDir: string): Promise<KillableBrowser> {
  const child = spawn(requireProgram('chromium'), [
    ...chromiumArgs, '--headless', `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', 'about:blank',
  ], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] })
  const exited = once(child, 'exit')
  const wsUrl = await new Promise<string>((resolve, reject) => {
    let text = ''
    const onData = (chunk: Buffer): void => {
      text += chunk.toString()
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(text)
      if (match) {
        child.stderr!.off('data', onData)
        child.stderr!.resume()
        resolve(match[1]!)
      }
    }
    child.stderr!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before listening:\n${text}`)))
  })
  const browser = await chromium.connectOverCDP(wsUrl)
  const pid = child.pid!
  return {
    browser,
    pid,
    async kill() {
      process.kill(-pid, 'SIGKILL')
      await exited
    },
  }
}
