import { mountDevtools } from 'docket/devtools'
import { expect, it } from 'vitest'
import { queueFixture } from '../support/queue-fixture'
import { find, waitFor, waitForText } from './panel-probe'

// A document under the strictest policy there is (`default-src 'none'`: no script, no style
// element, no style attribute, nothing loaded): the panel mounted in it draws, styles itself and
// shows live state from two contexts without one violation.
const fixture = queueFixture('inline')

/** An iframe whose document carries `policy`, loaded. */
async function frameUnder(policy: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe')
  frame.srcdoc = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${policy}"></head><body></body></html>`
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }))
  document.body.append(frame)
  await loaded
  return frame
}

it('draws, styles itself and follows two contexts under default-src \'none\', with no violation', async () => {
  const frame = await frameUnder("default-src 'none'")
  const doc = frame.contentDocument!
  const violations: string[] = []
  doc.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective))

  const page = await fixture.open({ autostart: false })
  const other = await fixture.open({ autostart: false })
  const devtools = mountDevtools(page, doc.body, { refreshGap: 0 })
  const root = devtools.host.shadowRoot!
  await other.add('progress', { steps: 4 })
  await other.add('echo', { value: '<style>body{display:none}</style>' })
  await waitForText(root, '.state-card[data-state="waiting"] .state-count', '2')
  await other.start()
  await waitForText(root, '.state-card[data-state="completed"] .state-count', '2')
  // The progress bar's width is set through the CSSOM, which the policy allows.
  const bar = await waitFor(root, '#jobs tr[data-name="progress"] .bar[aria-valuenow="100"]')
  expect((bar.querySelector('.fill') as HTMLElement).style.width).toBe('100%')
  expect(frame.contentWindow!.getComputedStyle(find(root, '.state-card[data-state="completed"]')).borderTopWidth).toBe('3px')
  expect(violations).toEqual([])

  // The policy is enforced: a style element is refused, and the listener above sees it.
  const refused = new Promise((resolve) => doc.addEventListener('securitypolicyviolation', resolve, { once: true }))
  const style = doc.createElement('style')
  style.textContent = 'body { color: red }'
  doc.head.append(style)
  await refused
  expect(violations).toHaveLength(1)
  devtools.unmount()
  frame.remove()
})
