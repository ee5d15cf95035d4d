// Vitest global setup: one fault server (fault-server.ts) for the run, its origin given to
// every project (Node and the browsers) as `inject('faultServer')`.
import type { TestProject } from 'vitest/node'
import { startFaultServer } from './fault-server'

declare module 'vitest' {
  export interface ProvidedContext {
    faultServer: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startFaultServer()
  project.provide('faultServer', server.url)
  return () => server.close()
}
