// The back camera as a video stream, and its torch where the camera offers one.
import { ScanError, scanProblem } from './problems';

/** The camera facing away from the person (the one a tablet points at goods), at a size 1D barcodes read well at. */
export async function openCamera(): Promise<MediaStream> {
	// mediaDevices exists only on https (or localhost): elsewhere the browser hides the camera.
	if (!globalThis.isSecureContext || !navigator.mediaDevices?.getUserMedia) throw new ScanError('insecure');
	try {
		return await navigator.mediaDevices.getUserMedia({
			audio: false,
			video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } }
		});
	} catch (error) {
		throw new ScanError(scanProblem(error), error);
	}
}

/** Torch is not in TypeScript's DOM types yet (Chrome on Android offers it on back cameras). */
type TorchCapabilities = MediaTrackCapabilities & { torch?: boolean };

export function hasTorch(stream: MediaStream): boolean {
	const track = stream.getVideoTracks()[0];
	return (track?.getCapabilities?.() as TorchCapabilities | undefined)?.torch === true;
}

export async function setTorch(stream: MediaStream, on: boolean): Promise<void> {
	await stream.getVideoTracks()[0]?.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
}

export function stopCamera(stream: MediaStream | null): void {
	for (const track of stream?.getTracks() ?? []) track.stop();
}
