import type { E2EPage } from '../support/driver.ts'

// The dashboard's panel is `docket/devtools`, inside an open shadow root: `document.querySelector`
// does not look in there. These do, in any engine (Playwright's own locators pierce it anyway).

/** Resolves once `selector` matches an element of the panel: checked on every change of its shadow root. */
export async function waitForPanelSelector(page: E2EPage, selector: string): Promise<void> {
  await page.evaluate(
    (wanted) =>
      new Promise<boolean>((resolve) => {
        const root = document.querySelector('[data-docket-devtools]')!.shadowRoot!
        if (root.querySelector(wanted)) return resolve(true)
        const observer = new MutationObserver(() => {
          if (!root.querySelector(wanted)) return
          observer.disconnect()
          resolve(true)
        })
        observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true })
      }),
    selector,
  )
}

/** The text of the first element of the panel that matches `selector`. */
export function panelText(page: E2EPage, selector: string): Promise<string | null | undefined> {
  return page.evaluate((wanted) => document.querySelector('[data-docket-devtools]')?.shadowRoot?.querySelector(wanted)?.textContent, selector)
}
