import { expose } from 'comlink';

const api = {
  add(a: number, b: number): number {
    return a + b;
  },
};

export type EchoApi = typeof api;

expose(api);
