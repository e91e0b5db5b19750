// A worker thread's first module: plain JavaScript, so Node can start it without a TypeScript
// loader. It registers tsx in this thread (hooks registered by the parent or by --import in the
// worker's execArgv do not reach a worker's own imports on Node 20), then imports the TypeScript
// entry named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
