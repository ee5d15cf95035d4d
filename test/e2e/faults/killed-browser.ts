import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { launchPersistent } from '../support/browser'
import { figures, ms } from './figures'
import { spawnChromium } from './killable-browser'
import { dbName, tabUrl } from './tabs'

const BEFORE_KILL = 300
const LANES = 3

/**
 * SIGKILL to the browser during a stream of adds on an on-disk profile: no resolved add is lost.
 * Chromium only: it needs a browser process of the test's own on a profile that outlives it.
 */
export function killedBrowser(suite: { readonly base: string }): void {
  it('keeps every add that resolved before the browser process was killed', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'docket-kill-'))
    try {
      const db = dbName('kill')
      const chrome = await spawnChromium(profile)
      const resolved = new Set<string>()
      let heard: Set<string>
      let streamStarted = 0
      const pageErrors: string[] = []
      try {
        const writer = await chrome.browser.contexts()[0]!.newPage()
        writer.on('pageerror', (error) => pageErrors.push(`writer: ${error.message}`))
        await writer.goto(tabUrl(suite.base, { db, page: 'writer', autostart: false }))
        const enough = new Promise<void>((resolve) => writer.on('console', (message) => {
          const match = /^resolved (\S+)$/.exec(message.text())
          if (!match) return
          resolved.add(match[1]!)
          if (resolved.size >= BEFORE_KILL) resolve()
        }))
        streamStarted = performance.now()
        await writer.evaluate((lanes) => window.faults.stream(lanes), LANES)
        await enough
      } finally {
        await chrome.kill()
        // Only what the test heard before the kill counts as acknowledged.
        heard = new Set(resolved)
      }
      const streamed = performance.now() - streamStarted

      const context = await launchPersistent(profile)
      try {
        const reader = await context.newPage()
        reader.on('pageerror', (error) => pageErrors.push(`reader: ${error.message}`))
        await reader.goto(tabUrl(suite.base, { db, page: 'reader', autostart: false }))
        const found = new Set(await reader.evaluate(() => window.faults.ids()))
        const lost = [...heard].filter((id) => !found.has(id))
        expect(lost).toEqual([])
        expect(pageErrors).toEqual([])
        expect(found.size).toBeGreaterThanOrEqual(heard.size)
        figures.push({
          scenario: 'browser SIGKILL mid-add', jobs: heard.size, runs: 0, duplicates: 0, reRuns: 0, lost: lost.length,
          latency: `${ms(streamed)} of adds before the kill`,
          note: `${heard.size} adds resolved before the kill, ${found.size} jobs found after restart (${LANES} lanes)`,
        })
      } finally {
        await context.close()
      }
    } finally {
      await rm(profile, { recursive: true, force: true })
    }
  })
}
