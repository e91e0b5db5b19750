// The statistics under trends and reorder, against reference values (scipy, R).
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, coefficientOfVariation, empiricalQuantile, mannWhitney, normalCdf, normalQuantile } from '../../src/core/trends/statistics';

describe('normal distribution', () => {
	it('matches tabulated values and inverts itself', () => {
		expect(normalCdf(0)).toBeCloseTo(0.5, 7);
		expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
		expect(normalCdf(-1.644854)).toBeCloseTo(0.05, 6);
		expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 5);
		expect(normalQuantile(0.999)).toBeCloseTo(3.090232, 5);
		expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
		for (const p of [0.001, 0.2, 0.5, 0.9, 0.99]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
		expect(() => normalQuantile(1)).toThrow(/0 < p < 1/);
	});
});

describe('empirical quantile and variation', () => {
	it('interpolates like numpy and R type 7', () => {
		expect(empiricalQuantile([1, 2, 3, 4, 10], 0.9)).toBeCloseTo(7.6, 10);
		expect(empiricalQuantile([5], 0.95)).toBe(5);
		expect(empiricalQuantile([3, 1, 2], 0)).toBe(1);
		expect(() => empiricalQuantile([], 0.5)).toThrow(/no values/);
	});
	it('gives the coefficient of variation, null without demand', () => {
		expect(coefficientOfVariation([2, 2, 2])).toBe(0);
		expect(coefficientOfVariation([0, 4])).toBeCloseTo(1, 10);
		expect(coefficientOfVariation([0, 0])).toBeNull();
	});
});

describe('Mann-Whitney U', () => {
	it('matches scipy.stats.mannwhitneyu (asymptotic, continuity-corrected)', () => {
		const separated = mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
		expect(separated.u).toBe(0);
		expect(separated.pValue).toBeCloseTo(0.0121858, 5);
		expect(separated.z).toBeLessThan(0);
		// Intermittent weekly units: many tied zeros.
		const tied = mannWhitney([0, 0, 1, 0, 2, 0, 0, 3], [0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
		expect(tied.u).toBe(60);
		expect(tied.pValue).toBeCloseTo(0.2423601, 5);
	});
	it('says p = 1 when every value is the same', () => {
		expect(mannWhitney([0, 0, 0], [0, 0, 0, 0]).pValue).toBe(1);
	});
});

describe('Benjamini-Hochberg', () => {
	it('matches R p.adjust(method = "BH") and keeps untested entries null', () => {
		const q = benjaminiHochberg([0.01, 0.04, null, 0.03, 0.005]);
		expect(q.map((v) => (v === null ? null : Number(v.toFixed(10))))).toEqual([0.02, 0.04, null, 0.04, 0.02]);
		expect(benjaminiHochberg([])).toEqual([]);
	});
});
