import { readdirSync, readFileSync } from 'node:fs'

/** A process as Linux's /proc tells it: id, parent and command name (at most 15 characters). */
export interface ProcessEntry {
  pid: number
  ppid: number
  name: string
}

function processes(): ProcessEntry[] {
  const found: ProcessEntry[] = []
  for (const dir of readdirSync('/proc')) {
    if (!/^\d+$/.test(dir)) continue
    try {
      // "pid (name) state ppid …": the name may hold spaces and parentheses, so split at the last ')'.
      const stat = readFileSync(`/proc/${dir}/stat`, 'utf8')
      const close = stat.lastIndexOf(')')
      const [, ppid] = stat.slice(close + 2).split(' ')
      found.push({ pid: Number(dir), ppid: Number(ppid), name: stat.slice(stat.indexOf('(') + 1, close) })
    } catch {
      // Exited while we read.
    }
  }
  return found
}

/** Every live process that descends from `root` (Linux only). */
export function descendants(root: number): ProcessEntry[] {
  const all = processes()
  const result: ProcessEntry[] = []
  let parents = new Set([root])
  while (parents.size) {
    const children = all.filter((p) => parents.has(p.ppid))
    result.push(...children)
    parents = new Set(children.map((p) => p.pid))
  }
  return result
}
