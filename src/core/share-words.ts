// Shares said the way people say them: "1 in 5" reads faster than "19 %" for the small shares of
// baskets, customers or days the analytic screens quote; from about half up a percentage is clearer.

/** Below this share "1 in N" is said; at or above it, a percentage. */
const ONE_IN_BELOW = 0.45;

/**
 * N for "1 in N" (N = 1/share rounded, at least 2), or null when a percentage says it better: a
 * share of a half or more, or one so small that N would be a meaningless large number (< 1 %).
 */
export function oneInHowMany(share: number): number | null {
	if (!Number.isFinite(share) || share >= ONE_IN_BELOW || share < 0.01) return null;
	return Math.max(2, Math.round(1 / share));
}
