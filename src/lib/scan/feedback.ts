// A beep and a buzz for each read, so a person counting a shelf need not look at the screen.
// The AudioContext is made on the tap that opens the camera (browsers allow sound only after one).

export type ReadTone = 'ok' | 'miss';

export class ReadSignal {
	#audio: AudioContext | null = null;

	/** Call from the tap that opens the scanner. */
	prepare(): void {
		try {
			this.#audio ??= new AudioContext();
			void this.#audio.resume();
		} catch {
			this.#audio = null; // no sound on this device: the vibration and the screen still tell
		}
	}

	signal(tone: ReadTone): void {
		navigator.vibrate?.(tone === 'ok' ? 40 : [70, 50, 70]);
		const audio = this.#audio;
		if (!audio) return;
		const oscillator = audio.createOscillator();
		const gain = audio.createGain();
		oscillator.frequency.value = tone === 'ok' ? 1800 : 300;
		const end = audio.currentTime + (tone === 'ok' ? 0.08 : 0.25);
		gain.gain.setValueAtTime(0.12, audio.currentTime);
		gain.gain.exponentialRampToValueAtTime(0.001, end);
		oscillator.connect(gain).connect(audio.destination);
		oscillator.start();
		oscillator.stop(end);
	}

	/** Lets the last beep finish first. */
	close(): void {
		const audio = this.#audio;
		this.#audio = null;
		if (audio) setTimeout(() => void audio.close(), 400);
	}
}
