// Reading and driving a mounted devtools panel from a test: its shadow root, waits on its own
// mutations (no polling), clicks and form input as a user would make them.
import type { Devtools } from 'docket/devtools'

/** The panel's shadow root. */
export function shadowOf(devtools: Devtools): ShadowRoot {
  return devtools.host.shadowRoot!
}

/** Resolves with the first element matching `selector` (and `test`, if given), once there is one. */
export function waitFor<T extends Element = HTMLElement>(root: ShadowRoot, selector: string, test: (element: T) => boolean = () => true): Promise<T> {
  const find = (): T | undefined => [...root.querySelectorAll<T>(selector)].find(test)
  return new Promise((resolve) => {
    const found = find()
    if (found) return resolve(found)
    const observer = new MutationObserver(() => {
      const match = find()
      if (!match) return
      observer.disconnect()
      resolve(match)
    })
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true })
  })
}

/** Waits until the element of `selector` has exactly this text. */
export function waitForText(root: ShadowRoot, selector: string, text: string): Promise<HTMLElement> {
  return waitFor(root, selector, (element) => element.textContent === text)
}

/** The element of `selector`; a missing one fails the test with its selector. */
export function find<T extends Element = HTMLElement>(root: ShadowRoot, selector: string): T {
  const element = root.querySelector<T>(selector)
  if (!element) throw new Error(`The panel has no ${selector}`)
  return element
}

/** Clicks the element of `selector`. */
export function click(root: ShadowRoot, selector: string): void {
  find(root, selector).click()
}

/** Sets a select's or an input's value and fires `change`, as a user's choice does. */
export function choose(root: ShadowRoot, selector: string, value: string): void {
  const control = find<HTMLInputElement | HTMLSelectElement>(root, selector)
  control.value = value
  control.dispatchEvent(new Event('change', { bubbles: true }))
}

/** The ids of the rows the jobs table shows, top to bottom. */
export function rowIds(root: ShadowRoot): string[] {
  return [...root.querySelectorAll<HTMLElement>('#jobs tbody tr')].map((tr) => tr.dataset.id!)
}
