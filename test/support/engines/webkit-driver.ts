import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { miniBrowserArgs, requireProgram } from '../../../scripts/engines.mjs'

/** A running WebKitWebDriver: where WebdriverIO connects, what it asks for, and how to stop it. */
export interface WebKitDriver {
  hostname: '127.0.0.1'
  port: number
  /** The driver's process id: its MiniBrowsers and their WebKit processes descend from it. */
  pid: number
  /** Capabilities for a MiniBrowser session over classic WebDriver. */
  capabilities: WebKitCapabilities
  /** Stops the driver and its Xvfb, if it started one. */
  stop(): Promise<void>
}

/** What WebKitGTK's driver accepts: it refuses `browserName: 'safari'` and BiDi ("Failed to match capabilities"). */
export interface WebKitCapabilities {
  'wdio:enforceWebDriverClassic': true
  browserName: 'MiniBrowser'
  'webkitgtk:browserOptions': { binary: string; args: string[] }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Xvfb on a display number it picks itself (`-displayfd`), resolved once it is ready for clients. */
async function startXvfb(): Promise<{ proc: ChildProcess; display: string }> {
  const proc = spawn(requireProgram('xvfb'), ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    detached: true,
  })
  return new Promise((resolve, reject) => {
    let out = ''
    proc.once('error', reject)
    proc.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)))
    proc.stdio[3]!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('\n')) resolve({ proc, display: `:${out.trim()}` })
    })
  })
}

/** Resolves once the driver answers `/status`; rejects if it exits first. */
async function whenReady(driver: ChildProcess, port: number): Promise<void> {
  let exited = false
  const exit = once(driver, 'exit').then(() => (exited = true))
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) return
    } catch {
      // Not listening yet.
    }
    // A poll, not a timer window: a driver's readiness has no event to wait for, and the loop
    // ends only on an answer or the driver's exit.
    await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, 50))])
    if (exited) throw new Error(`WebKitWebDriver exited before it listened on port ${port}`)
  }
}

const running = (proc: ChildProcess): boolean => proc.exitCode === null && proc.signalCode === null

/** Signals the process group of `proc` (started `detached`); false if the group is gone already. */
function signalGroup(proc: ChildProcess, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-proc.pid!, signal)
    return true
  } catch {
    // ESRCH: it exited, and Node has not told us yet.
    return false
  }
}

/** Ends a process started `detached` (a process group of its own) with everything it started. */
async function stopGroup(proc: ChildProcess): Promise<void> {
  if (!running(proc)) return
  const exited = once(proc, 'exit')
  if (signalGroup(proc, 'SIGTERM')) await exited
}

/**
 * Debian's WebKitWebDriver (webkit2gtk-driver) on a free port, for MiniBrowser sessions.
 * WebKitGTK needs an X display: without `DISPLAY`, a private Xvfb is started for it.
 */
export async function startWebKitDriver(): Promise<WebKitDriver> {
  const binary = requireProgram('miniBrowser')
  const driverPath = requireProgram('webkitDriver')
  const env = { ...process.env }
  const started: ChildProcess[] = []
  // Should the test process end without stop() (a crash, a killed worker), the MiniBrowsers,
  // WebKit's processes and Xvfb must not outlive it: each group gets SIGKILL.
  const killAll = (): void => {
    for (const proc of started) if (running(proc)) signalGroup(proc, 'SIGKILL')
  }
  process.once('exit', killAll)
  const stop = async (): Promise<void> => {
    process.off('exit', killAll)
    for (const proc of started.reverse()) await stopGroup(proc)
  }
  try {
    if (!env.DISPLAY) {
      const xvfb = await startXvfb()
      started.push(xvfb.proc)
      env.DISPLAY = xvfb.display
    }
    const port = await freePort()
    const driver = spawn(driverPath, [`--port=${port}`], { env, stdio: 'ignore', detached: true })
    started.push(driver)
    await whenReady(driver, port)
    return {
      hostname: '127.0.0.1',
      port,
      pid: driver.pid!,
      capabilities: {
        'wdio:enforceWebDriverClassic': true,
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary, args: [...miniBrowserArgs] },
      },
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
