// ABC (which products bring the money) and XYZ (how steady their demand is) classes.
import { coefficientOfVariation } from './statistics';

export type AbcClass = 'A' | 'B' | 'C';
export type XyzClass = 'X' | 'Y' | 'Z';

/** Cumulative revenue shares that close classes A and B (the 80/15/5 Pareto split). */
export const ABC_LIMITS = { A: 0.8, B: 0.95 } as const;
/** Coefficient of variation of weekly units that closes classes X and Y (common practice). */
export const XYZ_LIMITS = { X: 0.5, Y: 1.0 } as const;
/** Fewer weeks than this cannot tell steady from erratic. */
export const MIN_WEEKS_FOR_XYZ = 4;

export interface AbcEntry {
	abc: AbcClass;
	/** This product's share of the positive revenue. */
	revenueShare: number;
	/** Share of the products ranked above it plus its own. */
	cumulativeShare: number;
}

/**
 * Ranks revenues (any key) from highest and splits them where the cumulative share passes 80% and
 * 95%. A product straddling a limit belongs to the class it starts in, so the top product is
 * always A. Zero or negative revenue (returns only) is C with a share of 0.
 */
export function abcClasses<K>(revenue: ReadonlyMap<K, number>): Map<K, AbcEntry> {
	const ranked = [...revenue].sort((x, y) => y[1] - x[1]);
	const total = ranked.reduce((sum, [, r]) => sum + Math.max(0, r), 0);
	const out = new Map<K, AbcEntry>();
	let before = 0;
	for (const [key, r] of ranked) {
		const share = total > 0 ? Math.max(0, r) / total : 0;
		const abc: AbcClass = share <= 0 ? 'C' : before < ABC_LIMITS.A ? 'A' : before < ABC_LIMITS.B ? 'B' : 'C';
		before += share;
		out.set(key, { abc, revenueShare: share, cumulativeShare: total > 0 ? before : 0 });
	}
	return out;
}

export interface XyzEntry {
	xyz: XyzClass | null;
	/** Coefficient of variation of weekly units; null without demand or with too few weeks. */
	weeklyCv: number | null;
}

/** XYZ class from a product's weekly units (open weeks only). */
export function xyzClass(weekly: readonly number[]): XyzEntry {
	if (weekly.length < MIN_WEEKS_FOR_XYZ) return { xyz: null, weeklyCv: null };
	const cv = coefficientOfVariation(weekly);
	if (cv === null) return { xyz: null, weeklyCv: null };
	return { xyz: cv <= XYZ_LIMITS.X ? 'X' : cv <= XYZ_LIMITS.Y ? 'Y' : 'Z', weeklyCv: cv };
}
