// `npm test` on a machine without its browsers: install them where it may, else run without them.
import { describe, expect, it } from 'vitest'
import { argsWithout, browserPlan, enginesOf } from '../../../scripts/browser-plan.mjs'

describe('browserPlan', () => {
  it('does nothing when nothing is missing', () => {
    expect(browserPlan({ missing: { chromium: [], firefox: [], webkit: [] }, canInstall: 'root' })).toEqual({ skip: [] })
    expect(browserPlan({ missing: {}, canInstall: false })).toEqual({ skip: [] })
  })

  it('as root, installs every missing package at once, after apt-get update, saying what and why', () => {
    const plan = browserPlan({ missing: { chromium: ['chromium'], firefox: ['firefox-esr'], webkit: ['webkit2gtk-driver', 'xvfb'] }, canInstall: 'root' })
    expect(plan.install).toEqual({
      packages: ['chromium', 'firefox-esr', 'webkit2gtk-driver', 'xvfb'],
      commands: [
        ['apt-get', 'update'],
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '--no-install-recommends', 'chromium', 'firefox-esr', 'webkit2gtk-driver', 'xvfb'],
      ],
    })
    expect(plan.skip).toEqual([])
    expect(plan.notice).toBe('docket: installing chromium, firefox-esr, webkit2gtk-driver, xvfb with apt-get (running as root): the tests in chromium, firefox, webkit need them')
  })

  it('where sudo -n works, installs through it, each package once', () => {
    const plan = browserPlan({ missing: { firefox: ['firefox-esr'], webkit: ['webkit2gtk-driver'], chromium: [] }, canInstall: 'sudo' })
    expect(plan.install?.commands).toEqual([
      ['sudo', '-n', 'apt-get', 'update'],
      ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '--no-install-recommends', 'firefox-esr', 'webkit2gtk-driver'],
    ])
    expect(plan.notice).toContain('(sudo -n works): the tests in firefox, webkit need them')
  })

  it('elsewhere, installs nothing, prints the one line and skips the engines that lack a package', () => {
    const plan = browserPlan({ missing: { chromium: [], firefox: ['firefox-esr'], webkit: ['webkit2gtk-driver', 'xvfb'] }, canInstall: false })
    expect(plan).toEqual({
      skip: ['firefox', 'webkit'],
      notice: 'docket: missing firefox-esr, webkit2gtk-driver, xvfb; install the test browsers with: sudo apt-get install -y --no-install-recommends firefox-esr webkit2gtk-driver xvfb',
    })
  })
})

describe('the projects that run without the skipped engines', () => {
  it('none chosen: every other project (Node, SQLite, each engine present with its e2e suites)', () => {
    expect(argsWithout(['--bail=1'], ['firefox', 'webkit'])).toEqual(['--bail=1', '--project', '!firefox*', '--project', '!webkit*'])
    expect(argsWithout(['--bail=1'], [])).toEqual(['--bail=1'])
  })

  it('some chosen: those that name no skipped engine', () => {
    expect(argsWithout(['--project', 'firefox*', '--project=node', 'test/x.test.ts'], ['firefox'])).toEqual(['test/x.test.ts', '--project', 'node'])
    expect(argsWithout(['--project', 'webkit-e2e'], ['webkit'])).toBeUndefined()
    expect(argsWithout(['--project', '*'], ['chromium'])).toEqual(['--project', '*', '--project', '!chromium*'])
  })

  it('the engines a run needs follow the chosen projects', () => {
    expect(enginesOf([])).toEqual(['chromium', 'firefox', 'webkit'])
    expect(enginesOf(['--project', 'node'])).toEqual([])
    expect(enginesOf(['--project=firefox*', '--project', 'chromium'])).toEqual(['chromium', 'firefox'])
  })
})
