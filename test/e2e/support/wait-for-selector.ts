import type { E2EPage } from './driver.ts'

/**
 * Resolves once `selector` matches an element of the page: checked on every change of the
 * document (a MutationObserver, no polling), in any engine.
 */
export async function waitForSelector(page: E2EPage, selector: string): Promise<void> {
  await page.evaluate(
    (wanted) =>
      new Promise<boolean>((resolve) => {
        if (document.querySelector(wanted)) return resolve(true)
        const observer = new MutationObserver(() => {
          if (!document.querySelector(wanted)) return
          observer.disconnect()
          resolve(true)
        })
        observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true })
      }),
    selector,
  )
}

/** Clicks the first element that matches `selector` (a DOM click, as keyboard activation gives). */
export async function click(page: E2EPage, selector: string): Promise<void> {
  const found = await page.evaluate((wanted) => {
    const element = document.querySelector<HTMLElement>(wanted)
    element?.click()
    return element !== null
  }, selector)
  if (!found) throw new Error(`Nothing to click: no element matches ${selector}`)
}
