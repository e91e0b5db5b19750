// A growth test read as a shop owner needs it: up, down, steady, or not sure yet and why. The test
// decides only "sure"; a large change it cannot confirm is never "no change" but "unsure", with
// the reason (few weeks with sales, weeks too uneven, or a change one product in a catalogue could
// show by chance).
import { MIN_WEEKS_PER_SIDE, type GrowthResult } from './growth';

export type ChangeVerdict = 'up' | 'down' | 'steady' | 'unsure' | 'too_new';
export type UnsureReason = 'few_sales' | 'many_products' | 'uneven';

/** A change within this share either way that the test does not confirm reads "steady". */
export const STEADY_BAND = 0.25;

export interface ChangeReading {
	verdict: ChangeVerdict;
	/** recent / earlier - 1; null when nothing sold before (or in either period). */
	change: number | null;
	/** Why an unconfirmed large change is unsure; null otherwise. */
	reason: UnsureReason | null;
	/** For 'up' and 'unsure' moves: which way the numbers point. */
	direction: 'up' | 'down' | null;
}

/**
 * `significance` is the level the report judged q-values at. A product in a catalogue report whose
 * own p passes but whose q does not is unsure for 'many_products'; with fewer than four selling
 * weeks on a side, for 'few_sales'; otherwise the weeks are too uneven ('uneven').
 */
export function readChange(g: GrowthResult, significance: number): ChangeReading {
	const change = g.ratio === null ? null : g.ratio - 1;
	const direction = g.recentMean > g.baselineMean ? 'up' : g.recentMean < g.baselineMean ? 'down' : null;
	if (g.direction === 'insufficient_data' || g.pValue === null) return { verdict: 'too_new', change, reason: null, direction };
	if (g.direction === 'growth') return { verdict: 'up', change, reason: null, direction: 'up' };
	if (g.direction === 'decline') return { verdict: 'down', change, reason: null, direction: 'down' };
	const small = direction === null || (change !== null && Math.abs(change) < STEADY_BAND);
	if (small) return { verdict: 'steady', change, reason: null, direction };
	const reason: UnsureReason =
		Math.min(g.recentSellingWeeks, g.baselineSellingWeeks) < MIN_WEEKS_PER_SIDE ? 'few_sales'
			: g.pValue < significance && (g.qValue ?? g.pValue) >= significance ? 'many_products'
				: 'uneven';
	return { verdict: 'unsure', change, reason, direction };
}
