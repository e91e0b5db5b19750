// Weekly demand from a daily forecast: each 7-day slice's total and range; and the CLI option.
import { describe, expect, it } from 'vitest';
import type { DayNumber, ProductId } from '$core/brand';
import { weeklyForecast } from '$core/forecast-weeks';
import { main } from '../../src/cli/main';

describe('weekly forecasts', () => {
	it('sums each 7-day slice, the last one shorter, with a range around the mean', () => {
		const mean = Array.from({ length: 10 }, (_, k) => k + 1);
		const weeks = weeklyForecast({
			productId: 'p' as ProductId, fromDay: 100 as DayNumber, mean, p50: mean, p10: mean.map(() => 0), p90: mean.map((m) => m * 2),
			method: 'tsb', modelVersion: 'tsb', overdispersion: 0.1
		});
		expect(weeks.map((w) => [w.fromDay, w.days, w.mean])).toEqual([[100, 7, 28], [107, 3, 27]]);
		for (const w of weeks) {
			expect(w.p10).toBeLessThan(w.mean);
			expect(w.p90).toBeGreaterThan(w.mean);
		}
	});

	it('the CLI refuses --weekly with --json before reading anything', async () => {
		const errors: string[] = [];
		expect(await main(['forecast', '--all', '--weekly', '--json', '--horizon', '14', '--db', ':memory:'], () => {}, (e) => errors.push(e))).toBe(2);
		expect(errors.join('\n')).toMatch(/--weekly writes the per-product CSV/);
	});
});
