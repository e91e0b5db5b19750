// Naming clusters: each k-means cluster gets a segment by rules over its centroid, in standard
// deviations from the average customer (z-scores of log recency, log frequency, log spend), plus
// how long ago its customers first bought (z of log tenure, not a clustering feature). Codes are
// data; the UI translates them (VIP, Frecuente, Ocasional, En riesgo, Nuevo, Inactivo).
// The rules, in order (first match wins), with value = (zFrequency + zMonetary) / 2:
//   1. vip:        the single highest-value cluster, if value >= 1 and zRecency < 0
//   2. new:        zRecency < 0, value < 0 and zTenure <= -0.5 (first bought recently)
//   3. frequent:   zRecency < 0 and value >= 0.25
//   4. occasional: zRecency < 0.25 (buys now and then, recently enough)
//   5. at_risk:    value >= -0.25 (bought at least like the average customer, not lately)
//   6. inactive:   the rest (low value, long ago)
// See docs/insights.md for why.

export const SEGMENTS = ['vip', 'frequent', 'occasional', 'at_risk', 'new', 'inactive'] as const;
export type Segment = (typeof SEGMENTS)[number];

export interface ClusterProfile {
	recency: number;
	frequency: number;
	monetary: number;
	tenure: number;
}

export function segmentOfClusters(profiles: readonly ClusterProfile[]): Segment[] {
	const value = profiles.map((p) => (p.frequency + p.monetary) / 2);
	let vip = -1;
	profiles.forEach((p, c) => {
		if (value[c] >= 1 && p.recency < 0 && (vip < 0 || value[c] > value[vip])) vip = c;
	});
	return profiles.map((p, c): Segment => {
		if (c === vip) return 'vip';
		if (p.recency < 0 && value[c] < 0 && p.tenure <= -0.5) return 'new';
		if (p.recency < 0 && value[c] >= 0.25) return 'frequent';
		if (p.recency < 0.25) return 'occasional';
		if (value[c] >= -0.25) return 'at_risk';
		return 'inactive';
	});
}
