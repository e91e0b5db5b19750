// Is demand growing or falling? Recent weeks against the weeks before them, with a test.
import { benjaminiHochberg, empiricalQuantile, mannWhitney, mean } from './statistics';

export type TrendDirection = 'growth' | 'decline' | 'no_clear_change' | 'insufficient_data';

export interface GrowthOptions {
	/** Latest weeks compared (default 8). */
	recentWeeks: number;
	/** Weeks before them that they are compared with (default 16). */
	baselineWeeks: number;
	/** Two-sided significance level (default 0.05). */
	significance: number;
}

export const DEFAULT_GROWTH_OPTIONS: GrowthOptions = { recentWeeks: 8, baselineWeeks: 16, significance: 0.05 };
/** Each side needs this many open weeks, or no test can tell anything. */
export const MIN_WEEKS_PER_SIDE = 4;

export interface GrowthResult {
	direction: TrendDirection;
	/** Mean units per open week in each period. */
	recentMean: number;
	baselineMean: number;
	/** recentMean / baselineMean; null when the baseline sold nothing. */
	ratio: number | null;
	/** Mann-Whitney two-sided p-value; null when there was no test. */
	pValue: number | null;
	/**
	 * The p-value adjusted for testing every product at once (Benjamini-Hochberg); the direction of
	 * a product in a catalogue report follows it. Equal to pValue for a single test (the shop's).
	 */
	qValue: number | null;
	recentWeeks: number;
	baselineWeeks: number;
	/** Weeks with any sale in each period: few of them is why a large change can still be unsure. */
	recentSellingWeeks: number;
	baselineSellingWeeks: number;
	/** Most recent weeks sold between these (10th and 90th percentile of the recent weeks); null without recent weeks. */
	recentLow: number | null;
	recentHigh: number | null;
}

/**
 * weekly[0] is the latest week; `usable[i]` says whether week i counts (shop open, product already
 * on sale). Takes the first `recentWeeks` usable weeks as recent and the next `baselineWeeks`.
 */
export function testGrowth(weekly: readonly number[], usable: readonly boolean[], options: GrowthOptions = DEFAULT_GROWTH_OPTIONS): GrowthResult {
	const recent: number[] = [], baseline: number[] = [];
	for (let w = 0; w < weekly.length; w++) {
		if (!usable[w]) continue;
		if (recent.length < options.recentWeeks) recent.push(weekly[w]);
		else if (baseline.length < options.baselineWeeks) baseline.push(weekly[w]);
	}
	const recentMean = mean(recent), baselineMean = mean(baseline);
	const selling = (weeks: number[]) => weeks.filter((u) => u > 0).length;
	const base = {
		recentMean, baselineMean, ratio: baselineMean > 0 ? recentMean / baselineMean : null, recentWeeks: recent.length, baselineWeeks: baseline.length,
		recentSellingWeeks: selling(recent), baselineSellingWeeks: selling(baseline),
		recentLow: recent.length ? empiricalQuantile(recent, 0.1) : null, recentHigh: recent.length ? empiricalQuantile(recent, 0.9) : null
	};
	if (recent.length < MIN_WEEKS_PER_SIDE || baseline.length < MIN_WEEKS_PER_SIDE) return { ...base, direction: 'insufficient_data', pValue: null, qValue: null };
	const { z, pValue } = mannWhitney(recent, baseline);
	const direction: TrendDirection = pValue >= options.significance ? 'no_clear_change' : z > 0 ? 'growth' : 'decline';
	return { ...base, direction, pValue, qValue: pValue };
}

/** The same results judged on their Benjamini-Hochberg q-values, as a catalogue of tests needs. */
export function adjustForManyTests(results: readonly GrowthResult[], significance: number): GrowthResult[] {
	const q = benjaminiHochberg(results.map((r) => r.pValue));
	// q >= p, so a product significant after adjustment already has its direction from its own test.
	return results.map((r, i) => (r.pValue === null ? r : { ...r, qValue: q[i], direction: q[i]! < significance ? r.direction : 'no_clear_change' }));
}
