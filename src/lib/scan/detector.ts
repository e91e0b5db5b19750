// Finds barcodes in video frames: the browser's own BarcodeDetector when it reads every format the
// shop uses (Chrome on Android, Safari), else ZXing in a worker (desktop Chromium, Firefox).
import { transfer, wrap } from 'comlink';
import { SCAN_FORMATS, type BarcodeRead } from '$core/barcode/read';
import type { BarcodeWorkerApi } from '$workers/barcode.worker';
import { ScanError } from './problems';

export interface FrameDetector {
	readonly engine: 'native' | 'zxing';
	/** The barcodes in the video's current frame. */
	detect(video: HTMLVideoElement): Promise<BarcodeRead[]>;
	close(): void;
}

interface NativeDetector {
	detect(source: CanvasImageSource): Promise<{ format: string; rawValue: string }[]>;
}
interface NativeDetectorClass {
	new (options: { formats: string[] }): NativeDetector;
	getSupportedFormats(): Promise<string[]>;
}

/** The browser's detector, only if it reads all of SCAN_FORMATS (some read QR codes only). */
async function nativeDetector(): Promise<FrameDetector | null> {
	const Native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
	if (!Native) return null;
	try {
		const supported = new Set(await Native.getSupportedFormats());
		if (!SCAN_FORMATS.every((f) => supported.has(f))) return null;
		const detector = new Native({ formats: [...SCAN_FORMATS] });
		return { engine: 'native', detect: (video) => detector.detect(video), close: () => undefined };
	} catch {
		return null;
	}
}

async function zxingDetector(): Promise<FrameDetector> {
	const worker = new Worker(new URL('../../../workers/barcode.worker.ts', import.meta.url), { type: 'module' });
	// A worker that cannot start (its script not cached while offline) never answers: fail instead.
	const broken = new Promise<never>((_, reject) =>
		worker.addEventListener('error', (e) => reject(new Error(`the barcode reader could not start: ${e.message || 'its script did not load'}`)), { once: true })
	);
	broken.catch(() => undefined);
	const api = wrap<BarcodeWorkerApi>(worker);
	try {
		await Promise.race([api.prepare(), broken]);
	} catch (error) {
		worker.terminate();
		throw new ScanError('reader', error);
	}
	return {
		engine: 'zxing',
		async detect(video) {
			const frame = await createImageBitmap(video);
			return Promise.race([api.read(transfer(frame, [frame])), broken]).catch((error) => {
				throw new ScanError('reader', error);
			});
		},
		close: () => worker.terminate()
	};
}

export async function createFrameDetector(): Promise<FrameDetector> {
	return (await nativeDetector()) ?? zxingDetector();
}
