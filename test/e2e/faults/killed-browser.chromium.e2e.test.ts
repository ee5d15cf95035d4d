/** The fault suite's crash: Chromium only, as it spawns and SIGKILLs a browser process of its own. */
import { afterAll, beforeAll, describe } from 'vitest'
import { startServer } from '../support/server'
import { printFigures } from './figures'
import { killedBrowser } from './killed-browser'

let server: Awaited<ReturnType<typeof startServer>> | undefined

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server?.close()
  printFigures('chromium')
})

describe('a crashed browser', () => {
  killedBrowser({
    get base() {
      return server!.url
    },
  })
})
