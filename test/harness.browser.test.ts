import { wrap } from 'comlink';
import { expect, it } from 'vitest';
import type { EchoApi } from './support/echo.worker';

it('calls a module Web Worker through comlink', async () => {
  const worker = new Worker(new URL('./support/echo.worker.ts', import.meta.url), {
    type: 'module',
  });
  try {
    const api = wrap<EchoApi>(worker);
    expect(await api.add(2, 3)).toBe(5);
  } finally {
    worker.terminate();
  }
});
