// The pay step's arithmetic beyond settle(): which banknote amounts to offer for cash.
import type { Cents } from '../brand';

/** Round amounts a customer hands over: 5, 10, 20, 50 and 100 (in the currency's units). */
const ROUND_STEPS = [500, 1000, 2000, 5000, 10000];

/** The quick cash buttons: the exact amount first, then the next round amounts above it, at most `count` in all. */
export function quickCash(due: Cents, count = 5): Cents[] {
	if (!(due > 0)) return [];
	const out: Cents[] = [due];
	for (const step of ROUND_STEPS) {
		const next = (Math.ceil(due / step) * step) as Cents;
		if (next > due && !out.includes(next)) out.push(next);
	}
	return out.slice(0, count);
}
