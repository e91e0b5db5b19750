// Camera frames read by ZXing off the main thread, where the browser has no BarcodeDetector for
// the shop's formats (the WebAssembly decode takes tens of ms a frame).
import { expose } from 'comlink';
import { prepareReader, readBarcodes } from '$lib/scan/zxing-reader';

const api = { prepare: prepareReader, read: readBarcodes };

export type BarcodeWorkerApi = typeof api;

expose(api);
