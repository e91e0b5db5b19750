// Derivative-free minimisation (Nelder-Mead simplex), enough for fitting a handful of parameters.

export function nelderMead(f: (x: number[]) => number, start: readonly number[], { step = 0.5, iterations = 400, tolerance = 1e-9 } = {}): number[] {
	const n = start.length;
	let simplex = [start.slice()];
	for (let i = 0; i < n; i++) {
		const p = start.slice();
		p[i] += step;
		simplex.push(p);
	}
	let values = simplex.map(f);
	const combine = (a: number[], b: number[], t: number) => a.map((v, i) => v + t * (b[i] - v));
	for (let it = 0; it < iterations; it++) {
		const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
		simplex = order.map((i) => simplex[i]);
		values = order.map((i) => values[i]);
		if (Math.abs(values[n] - values[0]) <= tolerance * (Math.abs(values[0]) + tolerance)) break;
		const centroid = Array.from({ length: n }, (_, j) => simplex.slice(0, n).reduce((s, p) => s + p[j], 0) / n);
		const reflected = combine(centroid, simplex[n], -1);
		const fr = f(reflected);
		if (fr < values[0]) {
			const expanded = combine(centroid, simplex[n], -2);
			const fe = f(expanded);
			[simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
		} else if (fr < values[n - 1]) {
			[simplex[n], values[n]] = [reflected, fr];
		} else {
			const contracted = combine(centroid, simplex[n], 0.5);
			const fc = f(contracted);
			if (fc < values[n]) [simplex[n], values[n]] = [contracted, fc];
			else {
				// Shrink towards the best point.
				for (let i = 1; i <= n; i++) {
					simplex[i] = combine(simplex[0], simplex[i], 0.5);
					values[i] = f(simplex[i]);
				}
			}
		}
	}
	let best = 0;
	for (let i = 1; i <= n; i++) if (values[i] < values[best]) best = i;
	return simplex[best];
}
