import type { Page } from 'playwright'
import { expect, it } from 'vitest'
import { packedAppFixture } from '../support/packed-app-fixture'

// examples/react copied into an app that installed the packed tarball (with react and react-dom),
// served by `npx vite` there with the example's own config, driven as a user would, in two tabs.
const errors: string[] = []
const e2e = packedAppFixture({ copy: [new URL('../../../examples/react/', import.meta.url)], dependencies: ['vite', 'react', 'react-dom', 'scheduler'] })

async function open(): Promise<Page> {
  const page = await e2e.context.newPage()
  page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())))
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(e2e.served.url)
  await page.locator('#counts', { hasText: 'waiting 0' }).waitFor()
  return page
}

it('runs a job and follows it to completed through the hooks', async () => {
  const page = await open()
  await page.click('#add')
  await page.locator('#detail[data-state="completed"]', { hasText: 'count to 10 → 10' }).waitFor()
  expect(await page.locator('#detail progress').getAttribute('value')).toBe('100')
  await page.locator('#jobs li[data-state="completed"]').waitFor()
  await page.locator('#counts', { hasText: 'completed 1' }).waitFor()
  await page.click('#explode')
  await page.locator('#jobs li[data-state="failed"]', { hasText: '(on purpose)' }).waitFor()
  await page.locator('#counts', { hasText: 'failed 1' }).waitFor()
})

it('re-renders on jobs added in another tab, and opens the devtools panel from its toggle', async () => {
  const first = e2e.context.pages()[0]!
  const second = await open()
  await second.click('#add')
  await first.locator('#counts', { hasText: 'completed 2' }).waitFor()
  expect(await first.locator('#jobs li[data-state="completed"]').count()).toBe(2)
  await first.locator('button.toggle').click()
  await first.locator('.state-card[data-state="completed"] .state-count', { hasText: /^2$/ }).waitFor()
  await first.locator('#jobs tr[data-name="explode"][data-state="failed"]').waitFor()
  await first.setViewportSize({ width: 1280, height: 860 })
  await first.screenshot({ path: 'test-results/examples/react-devtools.png' })
  expect(errors).toEqual([])
})
