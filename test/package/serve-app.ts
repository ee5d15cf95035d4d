import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createServer, mergeConfig, type InlineConfig, type ViteDevServer } from 'vite'

/** A Vite dev server on an app folder, as `npx vite` in that folder would start it. */
export interface ServedApp {
  /** The page's URL, `http://127.0.0.1:<port>/`. */
  readonly url: string
  readonly server: ViteDevServer
  close(): Promise<void>
}

/**
 * Serves `dir` with its own `vite.config.ts` if it has one (the app must then have `vite` in its
 * node_modules, as a user's would), on a free loopback port. `overrides` may only add what a
 * test needs around the app (e.g. `server.hmr`), never resolve docket: the app does that.
 */
export async function serveApp(dir: string, overrides: InlineConfig = {}): Promise<ServedApp> {
  const configFile = join(dir, 'vite.config.ts')
  const server = await createServer(mergeConfig<InlineConfig, InlineConfig>({
    root: dir,
    configFile: existsSync(configFile) ? configFile : false,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0 },
  }, overrides))
  await server.listen()
  const address = server.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error(`The dev server of ${dir} has no port`)
  return { url: `http://127.0.0.1:${address.port}/`, server, close: () => server.close() }
}
