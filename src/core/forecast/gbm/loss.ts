// Losses of count data with a log link (the raw score f is the log of the expected value): Poisson,
// and Tweedie with a power between 1 and 2 (a Poisson-gamma mixture: many zeros, skewed amounts).
export interface BoostingLoss {
	name: string;
	/** Writes the loss's first and second derivatives at raw scores f for targets y. */
	gradients(y: ArrayLike<number>, f: ArrayLike<number>, grad: Float64Array, hess: Float64Array): void;
	/** Mean deviance of the raw scores (0 for a perfect fit). */
	deviance(y: ArrayLike<number>, f: ArrayLike<number>): number;
}

/** Scores are kept in this range so exp() cannot overflow on a bad tree. */
const MAX_RAW = 30;
const clampRaw = (f: number) => Math.max(-MAX_RAW, Math.min(MAX_RAW, f));

/** The best constant raw score: log of the mean target (both losses' minimiser). */
export function initialScore(y: ArrayLike<number>): number {
	let sum = 0;
	for (let i = 0; i < y.length; i++) sum += y[i];
	if (!(sum > 0)) throw new Error('boosting a log-link loss needs some positive targets');
	return Math.log(sum / y.length);
}

export const poissonLoss: BoostingLoss = {
	name: 'poisson',
	gradients(y, f, grad, hess) {
		for (let i = 0; i < y.length; i++) {
			const mu = Math.exp(clampRaw(f[i]));
			grad[i] = mu - y[i];
			hess[i] = mu;
		}
	},
	deviance(y, f) {
		let sum = 0;
		for (let i = 0; i < y.length; i++) {
			const mu = Math.exp(clampRaw(f[i]));
			sum += 2 * ((y[i] > 0 ? y[i] * Math.log(y[i] / mu) : 0) - y[i] + mu);
		}
		return sum / y.length;
	}
};

export function tweedieLoss(power: number): BoostingLoss {
	if (!(power > 1 && power < 2)) throw new Error(`the Tweedie power must be between 1 and 2, not ${power}`);
	const a = 1 - power, b = 2 - power;
	return {
		name: `tweedie-${power}`,
		gradients(y, f, grad, hess) {
			for (let i = 0; i < y.length; i++) {
				const z = clampRaw(f[i]);
				const ea = Math.exp(a * z), eb = Math.exp(b * z);
				grad[i] = -y[i] * ea + eb;
				hess[i] = -a * y[i] * ea + b * eb;
			}
		},
		deviance(y, f) {
			let sum = 0;
			for (let i = 0; i < y.length; i++) {
				const mu = Math.exp(clampRaw(f[i]));
				const yy = y[i];
				sum += 2 * ((yy > 0 ? yy ** b / (a * b) : 0) - (yy * mu ** a) / a + mu ** b / b);
			}
			return sum / y.length;
		}
	};
}
