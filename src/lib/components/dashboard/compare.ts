// How a figure moved against a comparison period: up, down, about the same, or not comparable
// (no data that far back, or nothing sold then so a percentage means nothing). Pure: tested in Node.

export type Direction = 'up' | 'down' | 'flat' | 'none';

/**
 * relative: a change as a share of the earlier value (revenue +12 %);
 * points: two shares subtracted, in percentage points (margin 41 % → 43 %: +2 points);
 * difference: two counts or scores subtracted (health 72 → 75: +3).
 */
export type ChangeKind = 'relative' | 'points' | 'difference';

export interface Change {
	direction: Direction;
	/** relative: a ratio (0.12); points: percentage points (2); difference: the difference. null when there is nothing to compare with or the earlier value was 0. */
	amount: number | null;
	/** Nothing then, something now: a percentage would be infinite. */
	fromNothing: boolean;
}

/** Changes this small read as "about the same" (half a percent, a twentieth of a point). */
const FLAT = { relative: 0.005, points: 0.05, difference: 0 } as const;

export function changeOf(current: number, earlier: number | null, kind: ChangeKind): Change {
	if (earlier === null || !Number.isFinite(earlier) || !Number.isFinite(current)) return { direction: 'none', amount: null, fromNothing: false };
	let amount: number;
	if (kind === 'relative') {
		if (earlier === 0) {
			return current === 0 ? { direction: 'flat', amount: 0, fromNothing: false } : { direction: current > 0 ? 'up' : 'down', amount: null, fromNothing: true };
		}
		amount = (current - earlier) / Math.abs(earlier);
	} else amount = kind === 'points' ? (current - earlier) * 100 : current - earlier;
	const direction: Direction = Math.abs(amount) <= FLAT[kind] ? 'flat' : amount > 0 ? 'up' : 'down';
	return { direction, amount, fromNothing: false };
}

/** What the card shows for one comparison. */
export interface Comparison {
	/** "vs. periodo anterior" */
	against: string;
	/** "+12 %", "−2 pts", "sin datos" */
	change: string;
	direction: Direction;
	/** Whether the move is good news: null for neutral figures and for no change. */
	good: boolean | null;
}

/** Good news or bad for a figure where more is better (true), less is better (false), or neither (null). */
export function isGood(direction: Direction, moreIsBetter: boolean | null): boolean | null {
	if (moreIsBetter === null || direction === 'flat' || direction === 'none') return null;
	return (direction === 'up') === moreIsBetter;
}
