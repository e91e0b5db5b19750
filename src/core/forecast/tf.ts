// The one place tfjs is imported, so each runtime picks its backend before training: wasm in Node
// (CLI, tests) and in the browser worker, with the plain cpu backend as the fallback.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export { tf };

/** Where the wasm binaries are: a directory (Node path or URL prefix ending in "/") or one URL per file. */
export type WasmLocation = string | Record<string, string>;

/**
 * Selects the wasm backend (falls back to cpu when it cannot start) and returns the backend in use.
 * Call once before training; later calls return the backend already chosen.
 */
export async function useFastestBackend(wasm?: WasmLocation): Promise<string> {
	if (tf.getBackend() === 'wasm') return 'wasm';
	try {
		if (wasm !== undefined) setWasmPaths(wasm as Parameters<typeof setWasmPaths>[0]);
		if (await tf.setBackend('wasm')) {
			await tf.ready();
			return 'wasm';
		}
	} catch {
		// No wasm here (old browser, missing files): the cpu backend gives the same results, slower.
	}
	await tf.setBackend('cpu');
	await tf.ready();
	return 'cpu';
}
