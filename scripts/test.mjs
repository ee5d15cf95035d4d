#!/usr/bin/env node
// `npm test`: find Chromium, type-check, then run Vitest (Node + browser projects).
// Extra arguments go to Vitest: `npm test -- --project node`.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium'];
  for (const file of candidates) {
    if (file && isExecutable(file)) return file;
  }
  return onPath('chromium') ?? onPath('chromium-browser');
}

function run(command, args, env = process.env) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    child.on('error', (error) => {
      console.error(`docket: cannot run ${command}: ${error.message}`);
      resolvePromise(1);
    });
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

const chromium = findChromium();
if (!chromium) {
  console.error(
    'docket: Chromium not found; install it with: sudo apt-get install -y --no-install-recommends chromium  (or set CHROMIUM_PATH)',
  );
  process.exit(1);
}

const tscCode = await run(bin('tsc'), ['--noEmit', '-p', '.']);
if (tscCode !== 0) process.exit(tscCode);

// A JSON report beside the usual one, so the run ends on one plain summary line.
const report = join(root, 'test-results', 'vitest.json');
rmSync(report, { force: true });
const vitestCode = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
  ...process.env,
  CHROMIUM_PATH: chromium,
});
if (existsSync(report)) {
  const { numPassedTests = 0, numFailedTests = 0, numPendingTests = 0, numTodoTests = 0 } = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`\ntests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped`);
}
process.exit(vitestCode);
