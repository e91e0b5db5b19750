// How much of past years' pattern the forecasts should follow. Some shops repeat their year (a
// pharmacy's winter colds); others do not, and last year's bump becomes this year's over-stock.
// The few weeks of the rolling backtest cannot tell (they test one season); so a simple level
// forecast is tried from an origin every four weeks over the last year, with none, half and all of
// the yearly pattern, and the strength that missed least is kept.
import { seasonFactor, shopContext, type ProductTrack } from './features';
import { errorScales } from './metrics';
import type { DenseCatalog } from './prepare';
import { isClosedAhead } from './prepare';

export const YEARLY_STRENGTHS = [0, 0.5, 1];
const ORIGINS = 13;
const ORIGIN_STEP = 28;
const DAYS = 28;
const LEVEL_DAYS = 28;
const YEAR = 364;

/** The strength (0, 0.5 or 1) with the lowest mean RMSSE; null when no product has a year of history before any origin. */
export function chooseYearlyStrength(catalog: DenseCatalog, tracks: readonly ProductTrack[], end: number): number | null {
	const sums = YEARLY_STRENGTHS.map(() => 0);
	let scored = 0;
	for (let i = 0; i < ORIGINS; i++) {
		const origin = end - DAYS - i * ORIGIN_STEP;
		if (origin - YEAR - LEVEL_DAYS < 0) break;
		const shop = shopContext(catalog, origin);
		const closed = Array.from({ length: DAYS }, (_, k) => isClosedAhead(catalog, catalog.startDay + origin + k) || catalog.closedDay[origin + k] === 1);
		for (const track of tracks) {
			const { units, first } = track.product;
			if (first > origin - YEAR - LEVEL_DAYS) continue;
			const scale = errorScales(units, first, origin).rmsseScale;
			if (!(scale > 0)) continue;
			let open = 0;
			for (let d = origin - LEVEL_DAYS; d < origin; d++) if (!catalog.closedDay[d]) open++;
			const level = open ? (track.cumUnits[origin] - track.cumUnits[origin - LEVEL_DAYS]) / open : 0;
			const seasons = Array.from({ length: DAYS }, (_, k) => seasonFactor(track, shop, origin, origin + k));
			YEARLY_STRENGTHS.forEach((strength, s) => {
				let sq = 0;
				for (let k = 0; k < DAYS; k++) {
					const forecast = closed[k] ? 0 : level * seasons[k] ** strength;
					sq += (units[origin + k] - forecast) ** 2;
				}
				sums[s] += Math.sqrt(sq / DAYS / scale);
			});
			scored++;
		}
	}
	if (scored === 0) return null;
	let best = YEARLY_STRENGTHS.length - 1;
	sums.forEach((sum, s) => { if (sum < sums[best]) best = s; });
	return YEARLY_STRENGTHS[best];
}
