// How much of past years' pattern the forecasts follow is decided on the shop's own last year: a
// shop that repeats its year keeps all of it, one whose bumps move from year to year drops it.
import { describe, expect, it } from 'vitest';
import type { Cents, DayNumber, ProductId } from '../../src/core/brand';
import { trackProduct } from '../../src/core/forecast/features';
import { prepareCatalog } from '../../src/core/forecast/prepare';
import { chooseYearlyStrength } from '../../src/core/forecast/yearly-strength';
import { addToSeries } from '../../src/core/product-series';
import { parseIsoDay } from '../../src/core/time';
import { poissonSampler } from './poisson-sampler';

const start = parseIsoDay('2021-01-04')!;
const days = 3 * 364 + 100;

/** A shop of 20 products whose daily rate is `rate(day)`, Poisson noise around it. */
function shop(rate: (day: number) => number) {
	const poisson = poissonSampler(11);
	const series = Array.from({ length: 20 }, (_, p) => addToSeries(undefined, `p-${p}` as ProductId, Array.from({ length: days }, (_, i) => i).flatMap((i) => {
		const units = poisson(rate(i) * (1 + p / 10));
		return units > 0 ? [{ day: (start + i) as DayNumber, units, revenue: (units * 100) as Cents, cost: 0 as Cents, lines: 1 }] : [];
	})));
	const catalog = prepareCatalog(series, (start + days - 1) as DayNumber);
	return { catalog, tracks: catalog.products.map((p) => trackProduct(p, catalog.closedDay)) };
}

describe('the strength of the yearly pattern', () => {
	it('follows a year that repeats', () => {
		// Four times the sales for six weeks every winter, at the same weeks each year.
		const { catalog, tracks } = shop((i) => (i % 364 < 42 || i % 364 > 322 ? 8 : 2));
		expect(chooseYearlyStrength(catalog, tracks, catalog.length)).toBe(1);
	});

	it('drops a pattern that moves from year to year', () => {
		// The busy six weeks fall in a different month every year.
		const { catalog, tracks } = shop((i) => {
			const year = Math.floor(i / 364), at = i % 364;
			const busyFrom = [40, 200, 110, 300][year];
			return at >= busyFrom && at < busyFrom + 42 ? 8 : 2;
		});
		expect(chooseYearlyStrength(catalog, tracks, catalog.length)).toBe(0);
	});

	it('has nothing to choose without a year of history', () => {
		const short = prepareCatalog([0, 1].map((p) => addToSeries(undefined, `p-${p}` as ProductId, Array.from({ length: 200 }, (_, i) => ({ day: (start + i) as DayNumber, units: 1, revenue: 100 as Cents, cost: 0 as Cents, lines: 1 })))), (start + 199) as DayNumber);
		expect(chooseYearlyStrength(short, short.products.map((p) => trackProduct(p, short.closedDay)), short.length)).toBeNull();
	});
});
