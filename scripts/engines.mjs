// How docket's tests find and start their three browser engines: every launcher (vitest's
// projects, the e2e drivers, `npm test`, `npm run bench`, `.ci/run`) reads these facts from
// here. Plain JavaScript with no dependencies, so that `npm test` and `.ci/run` can load it
// before anything is installed; its types are in engines.d.mts.
import { accessSync, constants, readdirSync } from 'node:fs'
import { delimiter, join } from 'node:path'

/** The engines, in the order `npm test` names them. */
export const engineNames = /** @type {const} */ (['chromium', 'firefox', 'webkit'])

/** One command that installs every program below on Debian (the only source this project may download from). */
export const aptInstall = 'sudo apt-get install -y --no-install-recommends chromium firefox-esr webkit2gtk-driver xvfb'

// MiniBrowser sits under the multiarch triplet (x86_64-linux-gnu, aarch64-linux-gnu, …).
const miniBrowserPaths = () => {
  try {
    return readdirSync('/usr/lib').map((dir) => `/usr/lib/${dir}/webkit2gtk-4.1/MiniBrowser`)
  } catch {
    return []
  }
}

/** Each program: its environment variable (wins when set), usual paths, names on PATH, and its Debian package. */
const programs = {
  chromium: { variable: 'CHROMIUM_PATH', paths: () => ['/usr/bin/chromium', '/usr/lib/chromium/chromium'], names: ['chromium', 'chromium-browser'], debian: 'chromium' },
  firefox: { variable: 'FIREFOX_PATH', paths: () => ['/usr/bin/firefox-esr'], names: ['firefox-esr', 'firefox'], debian: 'firefox-esr' },
  webkitDriver: { variable: 'WEBKIT_DRIVER_PATH', paths: () => ['/usr/bin/WebKitWebDriver'], names: ['WebKitWebDriver'], debian: 'webkit2gtk-driver' },
  // Installed with webkit2gtk-driver (its dependency libwebkit2gtk-4.1-0 ships it).
  miniBrowser: { variable: 'MINIBROWSER_PATH', paths: miniBrowserPaths, names: ['MiniBrowser'], debian: 'webkit2gtk-driver' },
  xvfb: { variable: 'XVFB_PATH', paths: () => ['/usr/bin/Xvfb'], names: ['Xvfb'], debian: 'xvfb' },
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The path of `program`, or undefined when it is not installed. */
export function findProgram(program) {
  const { variable, paths, names } = programs[program]
  const fromEnv = process.env[variable]
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : undefined
  const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((dir) => names.map((name) => join(dir, name)))
  return [...paths(), ...onPath].find(isExecutable)
}

/** The programs an engine needs. WebKitGTK needs an X display: Xvfb only when there is none. */
export function programsOf(engine) {
  if (engine === 'chromium') return ['chromium']
  if (engine === 'firefox') return ['firefox']
  return process.env.DISPLAY ? ['webkitDriver', 'miniBrowser'] : ['webkitDriver', 'miniBrowser', 'xvfb']
}

/** The Debian packages missing for these engines (all three by default), each named once. */
export function missingPackages(engines = engineNames) {
  const missing = engines.flatMap(programsOf).filter((program) => !findProgram(program))
  return [...new Set(missing.map((program) => programs[program].debian))]
}

/** The path of `program`; throws one line naming the variable to set and the command that installs it. */
export function requireProgram(program) {
  const found = findProgram(program)
  if (found) return found
  throw new Error(`${program} not found (set ${programs[program].variable}, or install: ${aptInstall})`)
}

/** Flags that keep Chromium quiet on a closed network: no update, sync or QUIC traffic, no sandbox in containers. */
export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

/**
 * Firefox preferences for automation. `window.open` opens a window, not a tab: a tab would hide
 * the opener's tab, and Firefox clamps a hidden tab's timers to ≥ 1 s for the rest of the run.
 */
export const firefoxPrefs = { 'browser.link.open_newwindow': 2 }

/** MiniBrowser's flags: automation mode, and `window.open` without a user gesture (else it returns null). */
export const miniBrowserArgs = ['--automation', '--javascript-can-open-windows-automatically=true']
