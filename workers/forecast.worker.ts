// The forecasting engine alone in a worker, on series the caller hands over (no store): for the
// Chromium timing of bench:forecast and any page that already holds the sales. The app's training
// with the registry and stored runs is workers/forecasting.worker.ts, which runs the same engine.
import { expose } from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { forecastCatalog, type CatalogForecast, type ForecastOptions } from '$core/forecast/engine';
import { useFastestBackend } from '$core/forecast/tf';
import type { ProductSeries } from '$core/product-series';

let cancelRequested = false;

const api = {
	/** Trains and forecasts every product of `series`; the backend used and the wall time come back too. */
	async forecast(series: ProductSeries[], options: Omit<ForecastOptions, 'onProgress' | 'training'>, onProgress?: (stage: string, done: number) => void): Promise<{ result: CatalogForecast; backend: string; millis: number }> {
		cancelRequested = false;
		const started = performance.now();
		const backend = await useFastestBackend({
			'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded
		});
		const result = await forecastCatalog(series, { ...options, training: { shouldStop: () => cancelRequested }, onProgress });
		return { result, backend, millis: performance.now() - started };
	},

	/** Stops training at the next batch; the forecast is made with the model trained so far. */
	cancel(): void {
		cancelRequested = true;
	}
};

expose(api);
export type ForecastWorkerApi = typeof api;
