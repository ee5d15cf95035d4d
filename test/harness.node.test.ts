import { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { expect, it } from 'vitest';

interface EchoApi {
  add(a: number, b: number): number;
}

it('calls a worker_threads Worker through comlink', async () => {
  const worker = new Worker(new URL('./support/echo.worker.mjs', import.meta.url));
  try {
    const api = wrap<EchoApi>(nodeEndpoint(worker));
    expect(await api.add(2, 3)).toBe(5);
  } finally {
    await worker.terminate();
  }
});
