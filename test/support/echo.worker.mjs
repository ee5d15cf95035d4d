// Node worker_threads entry: plain JavaScript (Node 20 cannot load .ts in a worker).
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink/dist/esm/comlink.mjs';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

const api = {
  add(a, b) {
    return a + b;
  },
};

expose(api, nodeEndpoint(parentPort));
