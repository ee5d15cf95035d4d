// Types of engines.mjs (plain JavaScript so that Node runs it before anything is installed).

/** A browser engine the tests run in. */
export type Engine = 'chromium' | 'firefox' | 'webkit'

/** A program the engines need: the browsers, WebKit's WebDriver and MiniBrowser, and Xvfb. */
export type Program = 'chromium' | 'firefox' | 'webkitDriver' | 'miniBrowser' | 'xvfb'

/** The engines, in the order `npm test` names them. */
export declare const engineNames: readonly ['chromium', 'firefox', 'webkit']

/** One command that installs every program the engines need on Debian. */
export declare const aptInstall: string

/** The path of `program`, or undefined when it is not installed. */
export declare function findProgram(program: Program): string | undefined

/** The programs an engine needs (Xvfb for WebKit only when `DISPLAY` is unset). */
export declare function programsOf(engine: Engine): Program[]

/** The Debian packages missing for these engines (all three by default), each named once. */
export declare function missingPackages(engines?: readonly Engine[]): string[]

/** The path of `program`; throws one line naming its variable and the command that installs it. */
export declare function requireProgram(program: Program): string

/** Flags that keep Chromium quiet on a closed network. */
export declare const chromiumArgs: readonly string[]

/** Firefox preferences for automation (`window.open` opens a window, not a tab). */
export declare const firefoxPrefs: Readonly<Record<string, number | boolean | string>>

/** MiniBrowser's flags: automation mode, `window.open` without a user gesture. */
export declare const miniBrowserArgs: readonly string[]
