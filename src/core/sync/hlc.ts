// Hybrid logical clocks (Kulkarni et al., 2014) for catalogue edits: a stamp is the wall time in
// ms, a counter for edits within one ms, and the device id as the tie-break, written so that
// comparing two stamps as strings orders them. A device that has seen a stamp never makes a
// smaller one, so an edit made after a sync beats what it saw even when its clock runs behind.

/** "<15-digit ms>-<4 hex counter>-<device id>"; the empty string is older than every stamp. */
export type HlcStamp = string;

export const ZERO_STAMP: HlcStamp = '';

export interface HlcParts { wall: number; counter: number; node: string }

export function formatStamp({ wall, counter, node }: HlcParts): HlcStamp {
	return `${String(Math.floor(wall)).padStart(15, '0')}-${counter.toString(16).padStart(4, '0')}-${node}`;
}

export function parseStamp(stamp: HlcStamp): HlcParts | null {
	const m = /^(\d{15})-([0-9a-f]{4})-(.+)$/.exec(stamp);
	return m ? { wall: Number(m[1]), counter: parseInt(m[2], 16), node: m[3] } : null;
}

export const stampWall = (stamp: HlcStamp): number => parseStamp(stamp)?.wall ?? 0;

/** The larger of two stamps (string order is stamp order). */
export const maxStamp = (a: HlcStamp, b: HlcStamp): HlcStamp => (a >= b ? a : b);

export class HybridClock {
	private wall = 0;
	private counter = 0;

	/** `now`: the device's clock in ms (UTC epoch); injectable so tests can skew it. */
	constructor(readonly node: string, private readonly now: () => number = Date.now, last: HlcStamp = ZERO_STAMP) {
		this.observe(last);
	}

	/** A new stamp, larger than every stamp made or observed here. */
	tick(): HlcStamp {
		const physical = this.now();
		if (physical > this.wall) {
			this.wall = physical;
			this.counter = 0;
		} else {
			this.counter++;
			if (this.counter > 0xffff) { this.wall++; this.counter = 0; }
		}
		return formatStamp({ wall: this.wall, counter: this.counter, node: this.node });
	}

	/** Moves the clock past a stamp seen from elsewhere (a pulled edit). */
	observe(stamp: HlcStamp) {
		const p = parseStamp(stamp);
		if (!p) return;
		if (p.wall > this.wall || (p.wall === this.wall && p.counter > this.counter)) {
			this.wall = p.wall;
			this.counter = p.counter;
		}
	}

	/** The largest stamp made or observed (kept in the store so a restart never goes back). */
	last(): HlcStamp {
		return this.wall === 0 ? ZERO_STAMP : formatStamp({ wall: this.wall, counter: this.counter, node: this.node });
	}
}
