import { expect, it } from 'vitest'
import { packedAppFixture } from '../support/packed-app-fixture'

// examples/service-worker copied into an app that installed the packed tarball, served by
// `npx vite` there with the example's own config, driven as a user would.
const e2e = packedAppFixture({ copy: [new URL('../../../examples/service-worker/', import.meta.url)], dependencies: ['vite'] })

it('sends a note added offline once the browser is back online', async () => {
  const page = await e2e.context.newPage()
  await page.goto(e2e.served.url)
  await page.waitForSelector('body[data-ready="true"]')
  await page.fill('input[name="text"]', 'first')
  await page.click('button')
  await page.waitForSelector('li[data-state="completed"]')

  await e2e.context.setOffline(true)
  await page.fill('input[name="text"]', 'second')
  await page.click('button')
  await page.locator('li[data-state="waiting"]', { hasText: 'second' }).waitFor()
  expect(await page.textContent('#network')).toContain('offline')

  await e2e.context.setOffline(false)
  await page.locator('li[data-state="completed"]', { hasText: 'second' }).waitFor()
})
