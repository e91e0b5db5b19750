// Naming clusters: each k-means cluster is matched to one of the six segment profiles, one cluster
// per profile, so that two clusters never share a name while another name goes unused. A cluster
// is read by its centroid in standard deviations from the average customer (z-scores of log
// recency, log frequency, log spend) and the mean z of its customers' log tenure (days since the
// first purchase; not a clustering feature). Each profile is a target point in that space plus a
// gate that keeps its name true (a "Nuevo" group is mostly newcomers, a "VIP" group is above the
// average customer, and so on); the clusters are given to the profiles by the assignment with the
// most profiles filled and, among those, the least total squared distance to the targets (an
// exhaustive search: k is at most ~10). Clusters left over (k > 6, or no gate open to them) join
// the open profile they are nearest to. A profile no cluster could take is empty, with the reason
// (EmptySegment). Codes are data; the UI translates them (VIP, Frecuente, Ocasional, En riesgo,
// Nuevo, Inactivo). See docs/insights.md for why.

export const SEGMENTS = ['vip', 'frequent', 'occasional', 'at_risk', 'new', 'inactive'] as const;
export type Segment = (typeof SEGMENTS)[number];

export interface ClusterProfile {
	recency: number;
	frequency: number;
	monetary: number;
	tenure: number;
	/** Customers in the cluster: an empty one (k-means can leave one) takes no profile. */
	size: number;
	/** Share of its customers who first bought within the newcomer window (0 when not given). */
	newcomers?: number;
}

/** A point in the z-score space (log recency, log frequency, log spend, log tenure). */
export interface ProfileTarget { recency: number; frequency: number; monetary: number; tenure: number }

/**
 * Where each segment's typical group sits, in standard deviations from the average customer. Read
 * as: VIP bought lately, very often, spent most, long-standing; Frecuente the same, less so;
 * Ocasional about average; En riesgo has not bought for a while but had bought and spent above
 * average; Inactivo has not bought for longer and bought and spent little; Nuevo bought lately
 * for the first time (short tenure, few purchases).
 */
export const PROFILE_TARGETS: Record<Segment, ProfileTarget> = {
	vip: { recency: -1, frequency: 1.8, monetary: 1.6, tenure: 0.5 },
	frequent: { recency: -0.6, frequency: 0.8, monetary: 0.7, tenure: 0.4 },
	occasional: { recency: -0.2, frequency: -0.2, monetary: 0, tenure: 0 },
	at_risk: { recency: 0.8, frequency: 0, monetary: 0.2, tenure: 0.3 },
	new: { recency: -0.8, frequency: -0.6, monetary: -0.5, tenure: -1.3 },
	inactive: { recency: 1, frequency: -0.8, monetary: -0.9, tenure: 0 }
};

/**
 * How much each dimension counts in the distance: recency twice the others, since how long ago a
 * customer last bought is the best single sign of whether they come back.
 */
export const PROFILE_WEIGHTS: ProfileTarget = { recency: 2, frequency: 1, monetary: 1, tenure: 1 };

/** Half a standard deviation longer since the last purchase than the average customer: gone quiet. */
export const LAPSED = 0.5;
/** A "Nuevo" group: at least this share of its customers first bought within the newcomer window. */
export const NEWCOMER_MAJORITY = 0.5;

/** Why a profile may not take a cluster (the gate that keeps its name true); null when it may. */
export type GateFailure = 'no_standout' | 'no_regulars' | 'nobody_lapsed' | 'no_newcomers';

const value = (p: ClusterProfile) => (p.frequency + p.monetary) / 2;

/** The gate of each profile, on a non-empty cluster. */
export function gateFailure(segment: Segment, p: ClusterProfile): GateFailure | null {
	switch (segment) {
		case 'vip': return value(p) > 0 && p.recency < LAPSED ? null : 'no_standout';
		case 'frequent': return p.frequency > 0 && p.recency < LAPSED ? null : 'no_regulars';
		case 'at_risk':
		case 'inactive': return p.recency > 0 ? null : 'nobody_lapsed';
		case 'new': return (p.newcomers ?? 0) >= NEWCOMER_MAJORITY ? null : 'no_newcomers';
		case 'occasional': return null;
	}
}

/**
 * Directions in which going past a profile's target costs nothing (its shape is open that way): a
 * group that buys and spends even more than VIP's target, or bought even more lately, is no less
 * VIP; Inactivo is open towards longer ago and less; Nuevo towards more recent first purchases.
 */
export const OPEN_SIDES: Partial<Record<Segment, Partial<Record<keyof ProfileTarget, 1 | -1>>>> = {
	vip: { recency: -1, frequency: 1, monetary: 1 },
	inactive: { recency: 1, frequency: -1, monetary: -1 },
	new: { recency: -1, tenure: -1 }
};

/** Weighted squared distance from a cluster to a profile's target (zero past an open side). */
export function profileCost(segment: Segment, p: ClusterProfile): number {
	const target = PROFILE_TARGETS[segment], open = OPEN_SIDES[segment] ?? {};
	let cost = 0;
	for (const d of ['recency', 'frequency', 'monetary', 'tenure'] as const) {
		const gap = p[d] - target[d];
		if (open[d] !== undefined && gap * open[d]! > 0) continue;
		cost += PROFILE_WEIGHTS[d] * gap ** 2;
	}
	return cost;
}

/** Total distance of the one-to-one part of a match (to compare clusterings: lower fits the six profiles better). */
export function matchCost(profiles: readonly ClusterProfile[], match: SegmentMatch): number {
	return profiles.reduce((sum, p, c) => sum + (match.matched[c] ? profileCost(match.names[c], p) : 0), 0);
}

/** Why a segment has no cluster: too few clusters for six, no cluster passed its gate, or the only ones that did were closer to other segments. */
export type EmptyReason = 'too_few_groups' | GateFailure | 'closer_to_others';

export interface SegmentMatch {
	/** Per cluster, its segment. */
	names: Segment[];
	/** Per cluster, whether it got its segment one-to-one (false: it joined the nearest open segment). */
	matched: boolean[];
	/** The segments no cluster got, and why. */
	empty: { segment: Segment; reason: EmptyReason }[];
}

/** Larger than any sum of six squared distances: filling one more profile always beats a cheaper fit. */
const UNFILLED = 1e9;

/**
 * Matches clusters to the six profiles one-to-one (most profiles filled, then least total cost);
 * clusters left over join the open profile nearest to them.
 */
export function matchSegments(profiles: readonly ClusterProfile[]): SegmentMatch {
	const k = profiles.length;
	const open = SEGMENTS.map((s) => profiles.map((p) => p.size > 0 && gateFailure(s, p) === null));
	const cost = SEGMENTS.map((s) => profiles.map((p) => profileCost(s, p)));
	// Exhaustive over the profiles: each takes a free cluster its gate allows, or none.
	let best = { total: Infinity, pick: [] as number[] };
	const pick: number[] = [], used = new Array<boolean>(k).fill(false);
	const search = (s: number, total: number) => {
		if (total >= best.total) return;
		if (s === SEGMENTS.length) { best = { total, pick: [...pick] }; return; }
		for (let c = 0; c < k; c++) {
			if (used[c] || !open[s][c]) continue;
			used[c] = true; pick.push(c);
			search(s + 1, total + cost[s][c]);
			used[c] = false; pick.pop();
		}
		pick.push(-1);
		search(s + 1, total + UNFILLED);
		pick.pop();
	};
	search(0, 0);

	const names = new Array<Segment>(k), matched = new Array<boolean>(k).fill(false);
	best.pick.forEach((c, s) => { if (c >= 0) { names[c] = SEGMENTS[s]; matched[c] = true; } });
	for (let c = 0; c < k; c++) {
		if (matched[c]) continue;
		// VIP stays one group (the best); Occasional has no gate, so some profile is always open.
		const choices = SEGMENTS.map((s, i) => ({ s, i })).filter(({ s, i }) => s !== 'vip' && (profiles[c].size === 0 || open[i][c]));
		names[c] = choices.reduce((a, b) => (cost[b.i][c] < cost[a.i][c] ? b : a)).s;
	}
	const filled = new Set(best.pick.map((c, s) => (c >= 0 ? SEGMENTS[s] : null)));
	const nonEmpty = profiles.filter((p) => p.size > 0);
	const empty = SEGMENTS.filter((s) => !filled.has(s)).map((segment) => {
		const s = SEGMENTS.indexOf(segment);
		const anyOpen = open[s].some(Boolean);
		const gate = nonEmpty.length > 0 && !anyOpen ? gateFailure(segment, nonEmpty[0]) : null;
		const reason: EmptyReason = gate ?? (nonEmpty.length < SEGMENTS.length ? 'too_few_groups' : 'closer_to_others');
		return { segment, reason };
	});
	return { names, matched, empty };
}

/** Each cluster's segment (see matchSegments). */
export function segmentOfClusters(profiles: readonly ClusterProfile[]): Segment[] {
	return matchSegments(profiles).names;
}
