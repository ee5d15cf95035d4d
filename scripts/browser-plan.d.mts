// Types of browser-plan.mjs (plain JavaScript so that Node runs it before anything is installed).
import type { Engine } from './engines.mjs'

/** Who may install system packages: root, a user for whom `sudo -n true` works, or nobody. */
export type InstallRights = 'root' | 'sudo' | false

/** What `npm test` does about missing browsers. */
export interface BrowserPlan {
  /** The packages to install and the commands that do (run in order, no stdin). */
  install?: { packages: string[]; commands: string[][] }
  /** The engines whose projects do not run. */
  skip: Engine[]
  /** The one line to print first, if any. */
  notice?: string
}

/** The plan for the missing Debian packages of each engine. */
export declare function browserPlan(facts: { missing: Partial<Record<Engine, readonly string[]>>; canInstall: InstallRights }): BrowserPlan

/** The projects named by `--project x` / `--project=x` in Vitest's arguments. */
export declare function projectFilters(args: readonly string[]): string[]

/** The engines the chosen projects run in; none chosen means all. */
export declare function enginesOf(args: readonly string[]): Engine[]

/** Vitest's arguments without the projects of the skipped engines; `undefined` when nothing is left to run. */
export declare function argsWithout(args: readonly string[], skip: readonly Engine[]): string[] | undefined
