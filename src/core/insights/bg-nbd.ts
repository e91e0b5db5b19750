// BG/NBD (Fader, Hardie and Lee 2005, "Counting your customers the easy way"): while a customer
// is "alive" they buy at a Poisson rate (gamma-distributed across customers, r and alpha); after
// each purchase they may drop out with a probability (beta-distributed, a and b). Fitted by
// maximum likelihood on each customer's repeat purchases x, time of the last one t_x and age T;
// it gives expected purchases in a coming period and the probability that a customer is still active.
import { nelderMead } from './nelder-mead';

export interface BgNbdCustomer {
	/** Repeat purchases (purchase days after the first). */
	x: number;
	/** Time from the first to the last purchase. */
	tx: number;
	/** Time from the first purchase to the as-of day. */
	T: number;
}

export interface BgNbdParams {
	r: number;
	alpha: number;
	a: number;
	b: number;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
	const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
		12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
	x -= 1;
	let s = c[0];
	for (let i = 1; i < 9; i++) s += c[i] / (x + i);
	const t = x + 7.5;
	return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Gauss hypergeometric ₂F₁(a, b; c; z) by its series, for 0 <= z < 1. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
	let term = 1, sum = 1;
	for (let n = 0; n < 10_000; n++) {
		term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
		sum += term;
		if (Math.abs(term) < 1e-12 * Math.abs(sum)) break;
	}
	return sum;
}

/** Log-likelihood of customers sharing one x (the gamma terms depend on x alone: computed once). */
function logLikelihoodOfGroup(x: number, times: readonly BgNbdCustomer[], p: BgNbdParams): number {
	const { r, alpha, a, b } = p;
	const common = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
	const dropWeight = x > 0 ? Math.log(a) - Math.log(b + x - 1) : 0;
	let sum = common * times.length;
	for (const { tx, T } of times) {
		const stillActive = -(r + x) * Math.log(alpha + T);
		if (x === 0) { sum += stillActive; continue; }
		const droppedOut = dropWeight - (r + x) * Math.log(alpha + tx);
		const top = Math.max(stillActive, droppedOut);
		sum += top + Math.log(Math.exp(stillActive - top) + Math.exp(droppedOut - top));
	}
	return sum;
}

/** A light pull of every log-parameter towards 0 keeps the fit finite on small or odd shops. */
const PENALTY = 0.001;

/** Maximum-likelihood parameters (a is kept above 1 so that expected purchases are finite). */
export function fitBgNbd(customers: readonly BgNbdCustomer[]): BgNbdParams {
	const params = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: 1 + Math.exp(v[2]), b: Math.exp(v[3]) });
	const byRepeats = new Map<number, BgNbdCustomer[]>();
	for (const c of customers) {
		const group = byRepeats.get(c.x);
		if (group) group.push(c);
		else byRepeats.set(c.x, [c]);
	}
	const cost = (v: number[]) => {
		const p = params(v);
		let ll = 0;
		for (const [x, group] of byRepeats) ll += logLikelihoodOfGroup(x, group, p);
		const value = -ll / customers.length + PENALTY * v.reduce((s, x) => s + x * x, 0);
		return Number.isFinite(value) ? value : Infinity;
	};
	const meanT = customers.reduce((s, c) => s + c.T, 0) / Math.max(1, customers.length);
	return params(nelderMead(cost, [0, Math.log(Math.max(1, meanT / 4)), 0, 0], { iterations: 600 }));
}

/** Expected purchases in the next `horizon` time units (same unit as T). */
export function expectedPurchases(c: BgNbdCustomer, p: BgNbdParams, horizon: number): number {
	const { r, alpha, a, b } = p;
	const { x, tx, T } = c;
	const z = horizon / (alpha + T + horizon);
	const head = ((a + b + x - 1) / (a - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + horizon), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z));
	const tail = x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0;
	return Math.max(0, head / (1 + tail));
}

/** Probability that the customer has not dropped out. */
export function probabilityActive(c: BgNbdCustomer, p: BgNbdParams): number {
	if (c.x === 0) return 1;
	return 1 / (1 + (p.a / (p.b + c.x - 1)) * Math.pow((p.alpha + c.T) / (p.alpha + c.tx), p.r + c.x));
}
