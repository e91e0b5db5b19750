// Seeded Poisson draws for simulated shops whose true demand the tests know.
import { seededRandom } from '../../src/core/forecast/global-model';

export function poissonSampler(seed: number): (mean: number) => number {
	const random = seededRandom(seed);
	return (mean) => {
		let k = 0, p = Math.exp(-mean), s = p;
		const u = random();
		while (u > s && k < 1000) { k++; p *= mean / k; s += p; }
		return k;
	};
}
