// Whether a customer is likely to buy again, in words rather than as a probability: the model's
// chance that they are still a customer (BG/NBD P(alive)). A single purchase tells the model
// nothing yet (it then says 1), so that case is "cannot tell", never "very likely".
export type ComeBackChance = 'likely' | 'maybe' | 'unlikely' | 'unknown';

/** At or above: "very likely to come back". */
const LIKELY = 0.7;
/** Below: "unlikely to come back unless you get in touch". */
const UNLIKELY = 0.35;

export function comeBackChance(c: { probabilityActive: number; purchaseDays: number }): ComeBackChance {
	if (c.purchaseDays <= 1 || !Number.isFinite(c.probabilityActive)) return 'unknown';
	if (c.probabilityActive >= LIKELY) return 'likely';
	return c.probabilityActive < UNLIKELY ? 'unlikely' : 'maybe';
}
