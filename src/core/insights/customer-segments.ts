// Customer segments as of a day: RFM per customer (log-scaled, standardized), k-means with k
// chosen by silhouette (at least six, one cluster per segment), clusters named one-to-one by
// segment-rules.ts (an empty segment says why), and a lifetime value per customer:
// BG/NBD expected purchase days in the next year x their average spend per purchase day, shrunk
// towards the shop's average for customers with few purchases (one big order is weak evidence).
import type { CustomerId } from '../brand';
import type { Baskets } from './baskets';
import { type BgNbdCustomer, type BgNbdParams, expectedPurchases, fitBgNbd, probabilityActive } from './bg-nbd';
import { clusterBySilhouette, standardize } from './clustering';
import { customerActivity, type CustomerActivity } from './rfm';
import { type ClusterProfile, type EmptyReason, matchCost, matchSegments, profileCost, type Segment, SEGMENTS } from './segment-rules';

export interface SegmentationOptions {
	/** Values of k tried (see clusterBySilhouette for how one is chosen). */
	kRange: number[];
	/** Among equal silhouettes, the k closest to this. */
	preferredK: number;
	/** Lifetime value looks this many days ahead. */
	ltvHorizonDays: number;
	/** Purchase days of the shop's average spend mixed into each customer's own average. */
	spendPriorDays: number;
	seed: number;
}

/** k starts at six: fewer clusters than segments would leave a segment empty that the customers may support. */
export const DEFAULT_SEGMENTATION: SegmentationOptions = { kRange: [6, 7, 8], preferredK: 6, ltvHorizonDays: 365, spendPriorDays: 2, seed: 1 };

/** A segment with no customers, and the facts behind why (see segment-rules.ts for the reasons). */
export interface EmptySegment {
	segment: Segment;
	reason: EmptyReason;
	/** For `no_newcomers`: the newcomer window in days and how many customers first bought within it. */
	newcomerDays: number;
	newcomers: number;
	/** Clusters formed (fewer than six: `too_few_groups`). */
	groups: number;
}

/** The newcomer window is twice the shop's usual gap between a customer's purchase days, within these bounds. */
export const NEWCOMER_DAYS_MIN = 30, NEWCOMER_DAYS_MAX = 90;

export interface CustomerSegment extends CustomerActivity {
	segment: Segment;
	cluster: number;
	/** Expected purchase days in the LTV horizon (BG/NBD). */
	expectedPurchases: number;
	probabilityActive: number;
	/** Spend per purchase day used for the LTV, in cents (shrunk towards the shop's average). */
	spendPerPurchase: number;
	/** Lifetime value over the horizon, in cents. */
	ltv: number;
}

export interface SegmentSummary {
	segment: Segment;
	customers: number;
	share: number;
	medianRecencyDays: number;
	medianFrequency: number;
	medianMonetary: number;
	totalLtv: number;
}

export interface Segmentation {
	asOfDay: number;
	k: number;
	silhouette: number;
	tried: { k: number; silhouette: number }[];
	/** Per cluster: its segment, size, centroid in z-scores (what the naming reads), whether it got its segment one-to-one, and its distance to it. */
	clusters: { segment: Segment; size: number; centroid: Omit<ClusterProfile, 'size'>; matched: boolean; cost: number }[];
	segments: SegmentSummary[];
	/** "Nuevo" means a first purchase within this many days (twice the usual gap between purchases; see newcomerWindowDays). */
	newcomerDays: number;
	/** The segments without customers, and why. */
	empty: EmptySegment[];
	customers: CustomerSegment[];
	ltvModel: { name: string; params: BgNbdParams; horizonDays: number };
}

const DAYS_PER_WEEK = 7;

const median = (values: number[]) => {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Days within which a first purchase makes a newcomer: twice the median gap between purchase days
 * of customers who came back (someone newer has hardly had the time to), within the bounds.
 */
export function newcomerWindowDays(activity: readonly CustomerActivity[]): number {
	const gaps = activity.filter((a) => a.purchaseDays > 1).map((a) => (a.lastDay - a.firstDay) / (a.purchaseDays - 1));
	const gap = gaps.length ? 2 * median(gaps) : NEWCOMER_DAYS_MAX;
	return Math.round(Math.min(NEWCOMER_DAYS_MAX, Math.max(NEWCOMER_DAYS_MIN, gap)));
}

/** A customer's history as BG/NBD reads it: repeat purchase days, in weeks. */
export function repeatPurchases(a: CustomerActivity, asOfDay: number): BgNbdCustomer {
	return { x: a.purchaseDays - 1, tx: (a.lastDay - a.firstDay) / DAYS_PER_WEEK, T: (asOfDay - a.firstDay) / DAYS_PER_WEEK };
}

/** Segments every customer who bought on or before asOfDay. */
export function segmentCustomers(b: Baskets, asOfDay: number, options: SegmentationOptions = DEFAULT_SEGMENTATION): Segmentation {
	const activity = customerActivity(b, asOfDay);
	const features = standardize(activity.map((a) => [Math.log1p(a.recencyDays), Math.log1p(a.frequency), Math.log1p(a.monetary / 100)]));
	const tenure = standardize(activity.map((a) => [Math.log1p(asOfDay - a.firstDay)])).points;
	const newcomerDays = newcomerWindowDays(activity);
	const isNewcomer = activity.map((a) => asOfDay - a.firstDay < newcomerDays);
	const profilesOf = (clusters: readonly number[], centroids: readonly number[][]): ClusterProfile[] => centroids.map((centroid, c) => {
		let size = 0, tenureSum = 0, newcomers = 0;
		clusters.forEach((cluster, i) => {
			if (cluster !== c) return;
			size++;
			tenureSum += tenure[i][0];
			if (isNewcomer[i]) newcomers++;
		});
		return { recency: centroid[0], frequency: centroid[1], monetary: centroid[2], tenure: tenureSum / Math.max(1, size), size, newcomers: newcomers / Math.max(1, size) };
	});
	// Among k of equal silhouette, the clustering whose groups fit the six profiles best (each
	// profile left empty outweighs any sum of distances).
	const fit = (clusters: readonly number[], centroids: readonly number[][]) => {
		const candidate = profilesOf(clusters, centroids), m = matchSegments(candidate);
		return m.empty.length * 1000 + matchCost(candidate, m);
	};
	const clustering = clusterBySilhouette(features.points, options.kRange, options.preferredK, options.seed, fit);
	const profiles = profilesOf(clustering.clusters, clustering.centroids);
	const match = matchSegments(profiles);
	const names = match.names;
	const newcomerCount = isNewcomer.filter(Boolean).length;
	const groups = profiles.filter((p) => p.size > 0).length;

	const repeatData = activity.map((a) => repeatPurchases(a, asOfDay));
	const params = fitBgNbd(repeatData);
	const totalSpend = activity.reduce((s, a) => s + a.monetary, 0), totalDays = activity.reduce((s, a) => s + a.purchaseDays, 0);
	const shopSpend = totalDays > 0 ? totalSpend / totalDays : 0;
	const horizon = options.ltvHorizonDays / DAYS_PER_WEEK;
	const customers: CustomerSegment[] = activity.map((a, i) => {
		const expected = expectedPurchases(repeatData[i], params, horizon);
		const spendPerPurchase = (a.monetary + options.spendPriorDays * shopSpend) / (a.purchaseDays + options.spendPriorDays);
		return {
			...a, segment: names[clustering.clusters[i]], cluster: clustering.clusters[i], expectedPurchases: expected,
			probabilityActive: probabilityActive(repeatData[i], params), spendPerPurchase: Math.round(spendPerPurchase),
			ltv: Math.round(expected * spendPerPurchase)
		};
	});
	const segments = SEGMENTS.map((segment): SegmentSummary => {
		const members = customers.filter((c) => c.segment === segment);
		return {
			segment, customers: members.length, share: customers.length ? members.length / customers.length : 0,
			medianRecencyDays: median(members.map((m) => m.recencyDays)), medianFrequency: median(members.map((m) => m.frequency)),
			medianMonetary: median(members.map((m) => m.monetary)), totalLtv: members.reduce((s, m) => s + m.ltv, 0)
		};
	});
	return {
		asOfDay, k: clustering.k, silhouette: clustering.silhouette, tried: clustering.tried,
		clusters: profiles.map(({ size, ...centroid }, c) => ({ segment: names[c], size, centroid, matched: match.matched[c], cost: profileCost(names[c], profiles[c]) })),
		segments, customers, newcomerDays,
		empty: match.empty.map(({ segment, reason }) => ({ segment, reason, newcomerDays, newcomers: newcomerCount, groups })),
		ltvModel: { name: 'BG/NBD expected purchase days x spend per purchase day (shrunk to the shop average)', params, horizonDays: options.ltvHorizonDays }
	};
}

/**
 * Who to call back: at-risk customers, those who spent most first (their lifetime value is low
 * precisely because they stopped; what they spent is what a call could win back). When no cluster
 * is at risk (all the lapsed customers formed one inactive cluster), the inactive customers who
 * spent more than the median customer stand in for them.
 */
export function callBackList(segmentation: Segmentation, limit = 20): CustomerSegment[] {
	let candidates = segmentation.customers.filter((c) => c.segment === 'at_risk');
	if (candidates.length === 0) {
		const medianSpend = median(segmentation.customers.map((c) => c.monetary));
		candidates = segmentation.customers.filter((c) => c.segment === 'inactive' && c.monetary > medianSpend);
	}
	return candidates.sort((a, b) => b.monetary - a.monetary || b.ltv - a.ltv).slice(0, limit);
}

export function customerSegment(segmentation: Segmentation, customerId: CustomerId): CustomerSegment | undefined {
	return segmentation.customers.find((c) => c.customerId === customerId);
}
