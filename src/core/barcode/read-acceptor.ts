// When a camera read counts. A single frame can misread a bar, so a code is accepted only when two
// analysed frames in a row show it and it passes its check. In continuous mode (counting shelves)
// each acceptance adds one, so a code held in front of the camera must not count again: the same
// code is taken again only after it has been out of view for a short pause, or once a different
// code has been accepted while it was out of view.
import { checkRead, type BarcodeRead, type CheckedRead } from './read';

export interface AcceptorOptions {
	/** false: the first accepted code ends the scan; true: keep accepting (counting). */
	continuous: boolean;
	/** How long (ms) a code must be out of view before the same code counts again. */
	repeatPauseMs?: number;
}

export const DEFAULT_REPEAT_PAUSE_MS = 700;

const keyOf = (r: CheckedRead) => `${r.format}:${r.code}`;

export class ReadAcceptor {
	readonly #continuous: boolean;
	readonly #pause: number;
	/** Codes in the frame before, by key. */
	#previous = new Set<string>();
	/** When each code was last in a frame. */
	#lastSeen = new Map<string, number>();
	/** Accepted codes that may not count again yet. */
	#held = new Set<string>();
	#finished = false;

	constructor(options: AcceptorOptions) {
		this.#continuous = options.continuous;
		this.#pause = options.repeatPauseMs ?? DEFAULT_REPEAT_PAUSE_MS;
	}

	/** A single scan has accepted its code: frames after it are ignored. */
	get finished(): boolean {
		return this.#finished;
	}

	/**
	 * The reads of one analysed frame, at `now` (ms, increasing); returns the codes accepted on it
	 * (at most one in single mode), in the order the detector reported them.
	 */
	frame(reads: readonly BarcodeRead[], now: number): CheckedRead[] {
		if (this.#finished) return [];
		const checked = new Map<string, CheckedRead>();
		for (const read of reads) {
			const ok = checkRead(read);
			if (ok && !checked.has(keyOf(ok))) checked.set(keyOf(ok), ok);
		}
		// A held code counts again after a pause: out of this frame's predecessor too, and long enough ago.
		for (const key of this.#held) {
			const seen = this.#lastSeen.get(key) ?? -Infinity;
			if (!this.#previous.has(key) && now - seen >= this.#pause) this.#held.delete(key);
		}
		const accepted: CheckedRead[] = [];
		for (const [key, read] of checked) {
			if (!this.#previous.has(key) || this.#held.has(key)) continue;
			accepted.push(read);
			if (!this.#continuous) break;
		}
		if (accepted.length) {
			// A different code accepted: codes out of view may count again at once.
			for (const key of this.#held) if (!checked.has(key)) this.#held.delete(key);
			for (const read of accepted) this.#held.add(keyOf(read));
			if (!this.#continuous) this.#finished = true;
		}
		for (const key of checked.keys()) this.#lastSeen.set(key, now);
		this.#previous = new Set(checked.keys());
		return accepted;
	}
}
