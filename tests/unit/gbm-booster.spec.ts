// Histogram gradient boosting (src/core/forecast/gbm) against results known in advance: a constant,
// a step, the deviance falling tree by tree, a log-linear Poisson rate, and sklearn's own predictions.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binColumns, binEdges, binOf } from '../../src/core/forecast/gbm/binning';
import { predictBooster, trainBooster } from '../../src/core/forecast/gbm/booster';
import { initialScore, poissonLoss, tweedieLoss } from '../../src/core/forecast/gbm/loss';
import { seededRandom } from '../../src/core/forecast/global-model';
import { poissonSampler } from './poisson-sampler';

const uniform = seededRandom;
/** Poisson draws on their own seeded stream, apart from the features'. */
const poissonFrom = poissonSampler;

describe('binning', () => {
	it('gives few distinct values a bin each, cut at midpoints', () => {
		const x = Float32Array.from([3, 1, 2, 2, 1, 3]);
		const [edges] = binEdges(x, 6, 1);
		expect([...edges]).toEqual([1.5, 2.5]);
		expect([...binColumns(x, 6, [edges])[0]]).toEqual([2, 0, 1, 1, 0, 2]);
	});

	it('cuts many values at quantiles into at most maxBins bins, in order', () => {
		const x = Float32Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_000);
		const [edges] = binEdges(x, x.length, 1, 255);
		expect(edges.length).toBe(254);
		const counts = new Array(255).fill(0);
		for (const b of binColumns(x, x.length, [edges])[0]) counts[b]++;
		expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(2);
		expect(binOf(edges, -1)).toBe(0);
		expect(binOf(edges, 1e9)).toBe(254);
	});
});

describe('losses', () => {
	it('start from the log of the mean target', () => {
		expect(initialScore([1, 2, 3, 6])).toBeCloseTo(Math.log(3), 12);
	});

	it('have gradients that are the derivatives of their deviance', () => {
		const y = [0, 1, 4], f = [0.3, -0.2, 1.1];
		for (const loss of [poissonLoss, tweedieLoss(1.3)]) {
			const grad = new Float64Array(3), hess = new Float64Array(3);
			loss.gradients(y, f, grad, hess);
			for (let i = 0; i < 3; i++) {
				const at = (d: number) => loss.deviance([y[i]], [f[i] + d]) / 2;
				const h = 1e-4;
				expect(grad[i]).toBeCloseTo((at(h) - at(-h)) / (2 * h), 5);
				expect(hess[i]).toBeCloseTo((at(h) - 2 * at(0) + at(-h)) / (h * h), 3);
			}
		}
	});
});

describe('boosting', () => {
	it('predicts the mean of a constant target, from log(mean)', () => {
		const x = Float32Array.from({ length: 500 }, (_, i) => i % 17);
		const booster = trainBooster(x, new Float64Array(500).fill(3), 1, { maxTrees: 5 });
		expect(booster.initial).toBeCloseTo(Math.log(3), 12);
		for (const p of predictBooster(booster, Float32Array.from([0, 5, 16, 100]))) expect(p).toBeCloseTo(3, 9);
	});

	it('recovers a step in one feature and ignores a noise feature', () => {
		const random = uniform(3), poisson = poissonFrom(103);
		const rows = 4000, x = new Float32Array(rows * 2), y = new Float64Array(rows);
		for (let r = 0; r < rows; r++) {
			// A hundred distinct values: each has its own bin, so the step at 4 falls between bins.
			x[2 * r] = Math.floor(random() * 100) / 10;
			x[2 * r + 1] = random();
			y[r] = x[2 * r] < 4 ? 1 : 5;
		}
		const booster = trainBooster(x, y, 2, { maxTrees: 100, learningRate: 0.3 });
		const predicted = predictBooster(booster, Float32Array.from([1, 0.5, 8, 0.5, 3.9, 0.9, 4, 0.1, 3.9, 0.1, 4, 0.9]));
		[1, 5, 1, 5, 1, 5].forEach((want, i) => expect(predicted[i]).toBeCloseTo(want, 3));
		// Each tree grown on a random half of the rows finds the same step.
		const halves = trainBooster(x, y, 2, { maxTrees: 100, learningRate: 0.3, subsample: 0.5, random: seededRandom(9) });
		const fromHalves = predictBooster(halves, Float32Array.from([1, 0.5, 8, 0.5]));
		expect(fromHalves[0]).toBeCloseTo(1, 2);
		expect(fromHalves[1]).toBeCloseTo(5, 2);
	});

	it('lowers the Poisson deviance on its training rows with every tree', () => {
		const random = uniform(5), poisson = poissonFrom(105);
		const rows = 3000, x = new Float32Array(rows * 3), y = new Float64Array(rows);
		for (let r = 0; r < rows; r++) {
			for (let f = 0; f < 3; f++) x[3 * r + f] = random();
			y[r] = poisson(Math.exp(1 + x[3 * r] - 2 * x[3 * r + 1]));
		}
		const booster = trainBooster(x, y, 3, { maxTrees: 60, learningRate: 0.1 });
		expect(booster.trainDeviance).toHaveLength(60);
		for (let t = 1; t < booster.trainDeviance.length; t++) expect(booster.trainDeviance[t]).toBeLessThan(booster.trainDeviance[t - 1]);
	});

	it('recovers a known log-linear Poisson rate, and stops early on held-out rows', () => {
		const random = uniform(11), poisson = poissonFrom(111);
		const rows = 40_000, x = new Float32Array(rows * 3), y = new Float64Array(rows);
		const rate = (a: number, b: number) => Math.exp(0.5 + 1.2 * a - 0.8 * b);
		for (let r = 0; r < rows; r++) {
			for (let f = 0; f < 3; f++) x[3 * r + f] = random();
			y[r] = poisson(rate(x[3 * r], x[3 * r + 1]));
		}
		const booster = trainBooster(x, y, 3, { maxTrees: 400, learningRate: 0.1, validationRows: 8000, minSamplesLeaf: 50 });
		expect(booster.trees.length).toBeLessThan(400);
		const grid: number[] = [], truth: number[] = [];
		for (const a of [0.2, 0.35, 0.5, 0.65, 0.8]) for (const b of [0.2, 0.5, 0.8]) { grid.push(a, b, 0.5); truth.push(rate(a, b)); }
		const predicted = predictBooster(booster, Float32Array.from(grid));
		const errors = [...predicted].map((p, i) => Math.abs(p / truth[i] - 1));
		expect(errors.reduce((a, b) => a + b) / errors.length).toBeLessThan(0.05);
		expect(Math.max(...errors)).toBeLessThan(0.15);
	});

	it('learns what multiplies a known per-row offset (a product level) rather than the level itself', () => {
		const random = uniform(17), poisson = poissonFrom(117);
		const rows = 20_000, x = new Float32Array(rows), y = new Float64Array(rows), offset = new Float64Array(rows);
		for (let r = 0; r < rows; r++) {
			const level = 0.2 + 20 * random();
			offset[r] = Math.log(level);
			x[r] = random() < 0.5 ? 0 : 1;
			y[r] = poisson(level * (x[r] ? 1.5 : 0.8));
		}
		const booster = trainBooster(x, y, 1, { maxTrees: 50, validationRows: 4000 }, offset);
		const [low, high] = predictBooster(booster, Float32Array.from([0, 1, 0, 1]), [0, 0, Math.log(10), Math.log(10)]);
		expect(low).toBeCloseTo(0.8, 1);
		expect(high).toBeCloseTo(1.5, 1);
		const [, , low10, high10] = predictBooster(booster, Float32Array.from([0, 1, 0, 1]), [0, 0, Math.log(10), Math.log(10)]);
		expect(low10 / low).toBeCloseTo(10, 9);
		expect(high10 / high).toBeCloseTo(10, 9);
	});

	it('fits a Tweedie loss to the same rate', () => {
		const random = uniform(13), poisson = poissonFrom(113);
		const rows = 20_000, x = new Float32Array(rows), y = new Float64Array(rows);
		for (let r = 0; r < rows; r++) { x[r] = random(); y[r] = poisson(Math.exp(x[r] * 2)); }
		const booster = trainBooster(x, y, 1, { loss: 'tweedie', tweediePower: 1.5, maxTrees: 200, validationRows: 4000, minSamplesLeaf: 50 });
		const at = [0.25, 0.5, 0.75];
		const predicted = predictBooster(booster, Float32Array.from(at));
		at.forEach((v, i) => expect(Math.abs(predicted[i] / Math.exp(2 * v) - 1)).toBeLessThan(0.1));
	});
});

describe('against sklearn', () => {
	// tests/fixtures/gbm-sklearn-poisson.json, written by scripts/gbm-sklearn-fixture.py with
	// HistGradientBoostingRegressor(loss='poisson') on the same settings.
	const fixture = JSON.parse(readFileSync(new URL('../fixtures/gbm-sklearn-poisson.json', import.meta.url), 'utf8')) as {
		features: number; x: number[]; y: number[]; settings: { learning_rate: number; max_iter: number; max_leaf_nodes: number; min_samples_leaf: number; l2_regularization: number };
		test_x: number[]; predictions: number[];
	};
	it('predicts what HistGradientBoostingRegressor(loss="poisson") predicts on a small data set', () => {
		const s = fixture.settings;
		const booster = trainBooster(Float32Array.from(fixture.x), fixture.y, fixture.features, {
			learningRate: s.learning_rate, maxTrees: s.max_iter, maxLeaves: s.max_leaf_nodes, minSamplesLeaf: s.min_samples_leaf, l2: s.l2_regularization, minHessianLeaf: 1e-3
		});
		const ours = predictBooster(booster, Float32Array.from(fixture.test_x));
		let worst = 0;
		ours.forEach((p, i) => { worst = Math.max(worst, Math.abs(p / fixture.predictions[i] - 1)); });
		expect(worst).toBeLessThan(0.05);
	});
});
