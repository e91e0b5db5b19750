// Naming clusters: each k-means cluster gets a segment by rules over its centroid, in standard
// deviations from the average customer (z-scores of log recency, log frequency, log spend), plus
// how long ago its customers first bought (z of log tenure, not a clustering feature). Codes are
// data; the UI translates them (VIP, Frecuente, Ocasional, En riesgo, Nuevo, Inactivo).
// The rules, in order (first match wins), with value = (zFrequency + zMonetary) / 2:
//   1. vip:        the highest-value cluster among those with value >= 1 and zRecency < 0
//   2. new:        zRecency < 0, value < 0.4 and zTenure <= -0.5 (first bought recently, not yet a regular)
//   3. frequent:   zRecency < 0.5 (not lapsed) and value >= 0.4
//   4. lapsed clusters (zRecency >= 0.5): the lowest-value one is inactive (unless even its
//      value is >= 0); the others are at_risk (gone quiet, but worth more than the least valuable)
//   5. occasional: the rest (buys now and then, not lately enough to be frequent nor gone)
// See docs/insights.md for why.

export const SEGMENTS = ['vip', 'frequent', 'occasional', 'at_risk', 'new', 'inactive'] as const;
export type Segment = (typeof SEGMENTS)[number];

export interface ClusterProfile {
	recency: number;
	frequency: number;
	monetary: number;
	tenure: number;
	/** Customers in the cluster: an empty one (k-means can leave one) never takes the VIP or inactive role. */
	size: number;
}

/** Half a standard deviation longer since the last purchase than the average customer. */
const LAPSED = 0.5;
/** Buying and spending clearly above the average customer. */
const FREQUENT_VALUE = 0.4;

export function segmentOfClusters(profiles: readonly ClusterProfile[]): Segment[] {
	const value = profiles.map((p) => (p.frequency + p.monetary) / 2);
	let vip = -1;
	profiles.forEach((p, c) => {
		if (p.size > 0 && value[c] >= 1 && p.recency < 0 && (vip < 0 || value[c] > value[vip])) vip = c;
	});
	let leastValuableLapsed = -1;
	profiles.forEach((p, c) => {
		if (p.size > 0 && p.recency >= LAPSED && (leastValuableLapsed < 0 || value[c] < value[leastValuableLapsed])) leastValuableLapsed = c;
	});
	return profiles.map((p, c): Segment => {
		if (c === vip) return 'vip';
		if (p.recency < 0 && value[c] < FREQUENT_VALUE && p.tenure <= -0.5) return 'new';
		if (p.recency < LAPSED && value[c] >= FREQUENT_VALUE) return 'frequent';
		if (p.recency >= LAPSED) return c === leastValuableLapsed && value[c] < 0 ? 'inactive' : 'at_risk';
		return 'occasional';
	});
}
