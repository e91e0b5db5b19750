// The ZXing fallback (barcode-detector's ponyfill over zxing-wasm), run inside the barcode worker.
// Its WebAssembly is the copy bundled with the app (and precached by the service worker), never
// the CDN address the package would use by default: a shop's till must scan offline.
import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { SCAN_FORMATS, type BarcodeRead } from '$core/barcode/read';

/** Emscripten asks for the .wasm by name; the bundled file's address answers. */
const overrides = {
	locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, self.location.href).href : prefix + path)
};

let detector: BarcodeDetector | null = null;

/** Loads and compiles the WebAssembly (once), so a missing file fails here with its reason. */
export async function prepareReader(): Promise<void> {
	if (detector) return;
	await prepareZXingModule({ overrides, fireImmediately: true });
	detector = new BarcodeDetector({ formats: [...SCAN_FORMATS] });
}

/** The barcodes in one frame; the bitmap is closed once read (it was transferred here). */
export async function readBarcodes(frame: ImageBitmap): Promise<BarcodeRead[]> {
	try {
		await prepareReader();
		const found = await detector!.detect(frame);
		return found.map((b) => ({ format: b.format, rawValue: b.rawValue }));
	} finally {
		frame.close();
	}
}
