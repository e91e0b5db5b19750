// One camera scan: opens the camera and the detector together, reads frames one after another
// (never two at once, at most ~12 a second), and hands each accepted code to the page. The
// acceptance rule (two frames agree, check digit, the pause between repeats) is the core's.
import { ReadAcceptor } from '$core/barcode/read-acceptor';
import type { CheckedRead } from '$core/barcode/read';
import { hasTorch, openCamera, setTorch, stopCamera } from './camera';
import { createFrameDetector, type FrameDetector } from './detector';
import { scanProblem, type ScanProblem } from './problems';

/** Time between the starts of two analysed frames: enough for two to agree within a fifth of a second. */
const FRAME_INTERVAL_MS = 80;

export type ScannerPhase = 'starting' | 'scanning' | 'stopped' | 'failed';

export interface ScanOptions {
	continuous: boolean;
	onaccept: (read: CheckedRead) => void;
}

export class CameraScanner {
	phase = $state<ScannerPhase>('starting');
	problem = $state<ScanProblem | null>(null);
	/** The technical reason behind a problem (shown under "Details"). */
	reason = $state('');
	engine = $state<FrameDetector['engine'] | null>(null);
	torchAvailable = $state(false);
	torchOn = $state(false);
	/** Frames analysed, and how long the last one took (shown under "Details"). */
	frames = $state(0);
	frameMillis = $state(0);

	#stream: MediaStream | null = null;
	#detector: FrameDetector | null = null;
	#running = false;

	async start(video: HTMLVideoElement, options: ScanOptions): Promise<void> {
		this.#running = true;
		// The camera and the reader start together; a detector that arrives after a close is closed at once.
		const detector = createFrameDetector();
		const discard = () => detector.then((d) => d.close(), () => undefined);
		try {
			this.#stream = await openCamera();
			if (!this.#running) {
				discard();
				return this.stop();
			}
			video.srcObject = this.#stream;
			await video.play();
			this.torchAvailable = hasTorch(this.#stream);
			this.#detector = await detector;
			if (!this.#running) return this.stop();
			this.engine = this.#detector.engine;
			this.phase = 'scanning';
		} catch (error) {
			discard();
			return this.fail(error);
		}
		void this.#loop(video, new ReadAcceptor({ continuous: options.continuous }), options.onaccept);
	}

	async #loop(video: HTMLVideoElement, acceptor: ReadAcceptor, onaccept: ScanOptions['onaccept']): Promise<void> {
		while (this.#running && !acceptor.finished) {
			const started = performance.now();
			if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
				try {
					const reads = await this.#detector!.detect(video);
					this.frameMillis = Math.round(performance.now() - started);
					this.frames++;
					if (!this.#running) break;
					for (const read of acceptor.frame(reads, started)) onaccept(read);
				} catch (error) {
					return this.fail(error);
				}
			}
			const wait = Math.max(0, FRAME_INTERVAL_MS - (performance.now() - started));
			await new Promise((resolve) => setTimeout(resolve, wait));
		}
	}

	async toggleTorch(): Promise<void> {
		if (!this.#stream || !this.torchAvailable) return;
		try {
			await setTorch(this.#stream, !this.torchOn);
			this.torchOn = !this.torchOn;
		} catch {
			this.torchAvailable = false;
		}
	}

	fail(error: unknown): void {
		if (!this.#running) return; // closed meanwhile: nothing to tell
		this.problem = scanProblem(error);
		this.reason = error instanceof Error ? error.message : String(error);
		this.phase = 'failed';
		this.#release();
	}

	stop(): void {
		if (this.phase !== 'failed') this.phase = 'stopped';
		this.#release();
	}

	#release(): void {
		this.#running = false;
		stopCamera(this.#stream);
		this.#stream = null;
		this.#detector?.close();
		this.#detector = null;
	}
}
