#!/usr/bin/env node
// `npm start`: the live dashboard at http://localhost:5173/, straight after `git clone`.
import { spawn } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureDependencies } from './ensure-deps.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
ensureDependencies(root)
const vite = spawn(join(root, 'node_modules', '.bin', 'vite'), ['demo', '--port', '5173', '--strictPort', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
vite.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
