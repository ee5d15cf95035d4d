import type { Plugin } from 'vite'

const path = '/@docket-e2e/error-watch.js'

// Runs before any script of the page (first in <head>, classic, same origin, so a strict CSP of
// `script-src 'self'` allows it). WebDriver classic has no console or error events, so in WebKit
// this is the only witness; in the other engines it adds CSP violations to what they report.
const script = `(() => {
  const seen = []
  Object.defineProperty(window, '__e2eErrors', { value: seen })
  const text = (value) => (value instanceof Error ? value.name + ': ' + value.message : String(value))
  addEventListener('error', (event) => seen.push('uncaught ' + text(event.error ?? event.message)))
  addEventListener('unhandledrejection', (event) => seen.push('unhandled rejection ' + text(event.reason)))
  addEventListener('securitypolicyviolation', (event) => seen.push('CSP ' + event.violatedDirective + ' blocked ' + event.blockedURI))
  const consoleError = console.error.bind(console)
  console.error = (...args) => {
    seen.push('console.error ' + args.map(text).join(' '))
    consoleError(...args)
  }
})()
`

/** A Vite plugin for the e2e servers: every HTML page they serve loads the error watch first. */
export function errorWatch(): Plugin {
  return {
    name: 'docket-e2e-error-watch',
    configureServer(server) {
      server.middlewares.use(path, (_request, response) => {
        response.setHeader('Content-Type', 'text/javascript')
        response.end(script)
      })
    },
    transformIndexHtml: {
      order: 'pre',
      handler: () => [{ tag: 'script', attrs: { src: path }, injectTo: 'head-prepend' }],
    },
  }
}

/** In the page: what the error watch saw so far (nothing on a page it was not injected into). */
export function watchedErrors(): string[] {
  return [...((window as unknown as { __e2eErrors?: string[] }).__e2eErrors ?? [])]
}
