// One `every: 1000` schedule, upserted alike by each of 3 real tabs (windows of one profile),
// for 10 s of real time: one job per slot, runs spread over the tabs; then every tab closed,
// a wait, one tab opened again: `catchUp: 'all'` makes the slots missed meanwhile. Slots are
// counted by the `schedule.slot` of the jobs made, so a slow machine changes when a job is
// made (a late tick catches up), never how many.
import { expect, it, vi } from 'vitest'
import type { E2EContext, E2EPage } from '../support/driver.ts'
import { engineFixture } from '../support/engine-fixture.ts'

const e2e = engineFixture()
const SLOT = 1000

interface Made { slot: number; state: string; ranBy: unknown }
type TabWindow = { scheduleTab: { ready(): Promise<void>; made(): Promise<Made[]> } }

async function openTab(context: E2EContext, db: string, tab: string): Promise<E2EPage> {
  const page = await context.open(`${e2e.url}/test/e2e/schedules/tab.html?db=${db}&tab=${tab}`)
  await page.evaluate(() => (window as unknown as TabWindow).scheduleTab.ready())
  return page
}

const made = (page: E2EPage): Promise<Made[]> => page.evaluate(() => (window as unknown as TabWindow).scheduleTab.made())

/** The slots from `from` to `to` (both included). */
const slotsBetween = (from: number, to: number): number[] => Array.from({ length: (to - from) / SLOT + 1 }, (_, i) => from + i * SLOT)

/** Waits until a job exists for `slot` (a late tick makes it late, never not at all). */
async function slotMade(page: E2EPage, slot: number): Promise<Made[]> {
  let jobs: Made[] = []
  await vi.waitFor(async () => {
    jobs = await made(page)
    expect(jobs.some((job) => job.slot >= slot)).toBe(true)
  }, { timeout: 30_000, interval: 200 })
  return jobs
}

it('makes one job per slot from 3 tabs, spreads the runs over them, and catches up after every tab was closed', { timeout: 120_000 }, async () => {
  const context = await e2e.newContext()
  const db = `beat-${Date.now()}`
  const tabs = [await openTab(context, db, 'a'), await openTab(context, db, 'b'), await openTab(context, db, 'c')]
  const start = Math.ceil(Date.now() / SLOT) * SLOT
  const end = start + 9 * SLOT // ten slots: start … end

  // Ten seconds of a 1 s schedule: exactly one job for each slot, none twice.
  await new Promise((resolve) => setTimeout(resolve, end + SLOT - Date.now()))
  let jobs = await slotMade(tabs[0]!, end)
  const inWindow = jobs.filter((job) => job.slot >= start && job.slot <= end)
  expect(inWindow.map((job) => job.slot).sort((a, b) => a - b)).toEqual(slotsBetween(start, end))
  expect(new Set(jobs.map((job) => job.slot)).size).toBe(jobs.length)
  // Each run outlasts a slot and each tab runs one at a time: more than one tab ran them.
  await vi.waitFor(async () => {
    const done = (await made(tabs[0]!)).filter((job) => job.slot >= start && job.slot <= end)
    expect(done.every((job) => job.state === 'completed')).toBe(true)
    expect(new Set(done.map((job) => job.ranBy)).size).toBeGreaterThan(1)
  }, { timeout: 30_000, interval: 200 })

  // Every tab of the app closed (the browser stays open on another page: WebDriver's session
  // ends with its last window): no context ticks. Three slots later one tab opens again.
  await context.open(`${e2e.url}/test/e2e/schedules/blank.html`)
  for (const tab of tabs) await tab.close()
  const closedAt = Date.now()
  await new Promise((resolve) => setTimeout(resolve, 3 * SLOT))
  const reopened = await openTab(context, db, 'd')
  const now = Math.floor(Date.now() / SLOT) * SLOT
  jobs = await slotMade(reopened, now)
  // Catch-up 'all': from the first slot to the latest, every slot has its one job.
  const slots = jobs.map((job) => job.slot).sort((a, b) => a - b)
  expect(slots).toEqual(slotsBetween(slots[0]!, slots[slots.length - 1]!))
  expect(slots[0]).toBeLessThanOrEqual(start)
  expect(slots[slots.length - 1]).toBeGreaterThanOrEqual(now)
  // Among them, the slots while no tab was open.
  expect(slots.filter((slot) => slot > closedAt && slot < now).length).toBeGreaterThanOrEqual(2)
  expect((await Promise.all(tabs.map((tab) => tab.errors()))).flat()).toEqual([])
  expect(await reopened.errors()).toEqual([])
})
