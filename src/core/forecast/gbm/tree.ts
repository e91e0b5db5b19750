// One regression tree grown leaf by leaf on gradient/hessian histograms (as LightGBM and sklearn's
// HistGradientBoosting do): the leaf whose best split gains most is split next, until the leaf or
// depth limit; a child's histogram is its parent's minus its sibling's, so only the smaller child
// is counted over its rows.
import { MAX_BINS } from './binning';

export interface TreeSettings {
	maxLeaves: number;
	maxDepth: number;
	minSamplesLeaf: number;
	minHessianLeaf: number;
	/** L2 penalty on leaf values (lambda). */
	l2: number;
	/** Leaf values (before shrinkage) are clamped to +-this: a few rows cannot send exp(f) flying. */
	maxDeltaStep: number;
}

/**
 * A tree in flat arrays. Node i is a leaf when feature[i] < 0 (value[i] is then its output);
 * otherwise rows with bin <= bin[i] (raw value <= threshold[i]) go to left[i], the others to right[i].
 */
export interface Tree {
	feature: Int16Array;
	bin: Uint8Array;
	threshold: Float64Array;
	left: Int32Array;
	right: Int32Array;
	value: Float64Array;
}

const BINS = MAX_BINS + 1;

/** Per feature and bin: gradient sum, hessian sum and row count. */
interface Histogram {
	grad: Float64Array;
	hess: Float64Array;
	count: Uint32Array;
}

interface Split {
	gain: number;
	feature: number;
	bin: number;
}

interface Leaf {
	node: number;
	start: number;
	end: number;
	depth: number;
	grad: number;
	hess: number;
	histogram: Histogram;
	split: Split | null;
}

function buildHistogram(columns: readonly Uint8Array[], rows: Uint32Array, start: number, end: number, grad: Float64Array, hess: Float64Array): Histogram {
	const features = columns.length;
	const h: Histogram = { grad: new Float64Array(features * BINS), hess: new Float64Array(features * BINS), count: new Uint32Array(features * BINS) };
	// The node's gradients gathered once, in row order, so each feature's pass reads them in sequence.
	const n = end - start;
	const g = new Float64Array(n), k = new Float64Array(n);
	for (let i = 0; i < n; i++) { const r = rows[start + i]; g[i] = grad[r]; k[i] = hess[r]; }
	for (let f = 0; f < features; f++) {
		const column = columns[f], base = f * BINS;
		for (let i = 0; i < n; i++) {
			const b = base + column[rows[start + i]];
			h.grad[b] += g[i];
			h.hess[b] += k[i];
			h.count[b]++;
		}
	}
	return h;
}

function subtract(parent: Histogram, child: Histogram): Histogram {
	const out: Histogram = { grad: new Float64Array(parent.grad.length), hess: new Float64Array(parent.hess.length), count: new Uint32Array(parent.count.length) };
	for (let i = 0; i < parent.grad.length; i++) {
		out.grad[i] = parent.grad[i] - child.grad[i];
		out.hess[i] = parent.hess[i] - child.hess[i];
		out.count[i] = parent.count[i] - child.count[i];
	}
	return out;
}

const score = (g: number, h: number, l2: number) => (g * g) / (h + l2);

function bestSplit(h: Histogram, features: number, rows: number, grad: number, hess: number, s: TreeSettings): Split | null {
	const parent = score(grad, hess, s.l2);
	let best: Split | null = null;
	for (let f = 0; f < features; f++) {
		let gl = 0, hl = 0, nl = 0;
		const base = f * BINS;
		for (let b = 0; b < BINS - 1; b++) {
			gl += h.grad[base + b];
			hl += h.hess[base + b];
			nl += h.count[base + b];
			if (nl < s.minSamplesLeaf || hl < s.minHessianLeaf) continue;
			const nr = rows - nl, hr = hess - hl;
			if (nr < s.minSamplesLeaf || hr < s.minHessianLeaf) break;
			const gain = score(gl, hl, s.l2) + score(grad - gl, hr, s.l2) - parent;
			if (gain > 1e-12 && (!best || gain > best.gain)) best = { gain, feature: f, bin: b };
		}
	}
	return best;
}

/** Moves the rows of [start, end) with bin <= split.bin to the front; returns where the right child starts. */
function partition(rows: Uint32Array, start: number, end: number, column: Uint8Array, bin: number): number {
	let i = start, j = end - 1;
	while (i <= j) {
		if (column[rows[i]] <= bin) i++;
		else { const t = rows[i]; rows[i] = rows[j]; rows[j] = t; j--; }
	}
	return i;
}

export interface GrownTree {
	tree: Tree;
	/** Per leaf node: the rows (indexes into `rows`) it holds, to update training scores without a pass down the tree. */
	leaves: { node: number; start: number; end: number }[];
}

/**
 * Grows a tree on the rows rows[0..count) (reordered in place). Leaf values are the Newton step
 * -G / (H + l2), clamped, times the learning rate. edges turn split bins into raw thresholds.
 */
export function growTree(columns: readonly Uint8Array[], edges: readonly Float64Array[], rows: Uint32Array, count: number,
	grad: Float64Array, hess: Float64Array, s: TreeSettings, learningRate: number): GrownTree {
	const features = columns.length;
	const feature: number[] = [], bin: number[] = [], threshold: number[] = [], left: number[] = [], right: number[] = [], value: number[] = [];
	const addNode = () => { feature.push(-1); bin.push(0); threshold.push(0); left.push(-1); right.push(-1); value.push(0); return feature.length - 1; };
	const leafOf = (start: number, end: number, depth: number, histogram: Histogram): Leaf => {
		let g = 0, h = 0;
		// Every row falls in one bin of feature 0, so its bins sum to the node's totals.
		for (let b = 0; b < BINS; b++) { g += histogram.grad[b]; h += histogram.hess[b]; }
		const leaf: Leaf = { node: addNode(), start, end, depth, grad: g, hess: h, histogram, split: null };
		if (depth < s.maxDepth && end - start >= 2 * s.minSamplesLeaf) leaf.split = bestSplit(histogram, features, end - start, g, h, s);
		return leaf;
	};
	const open: Leaf[] = [leafOf(0, count, 0, buildHistogram(columns, rows, 0, count, grad, hess))];
	while (open.length < s.maxLeaves) {
		let at = -1;
		for (let i = 0; i < open.length; i++) if (open[i].split && (at < 0 || open[i].split!.gain > open[at].split!.gain)) at = i;
		if (at < 0) break;
		const leaf = open.splice(at, 1)[0];
		const split = leaf.split!;
		const middle = partition(rows, leaf.start, leaf.end, columns[split.feature], split.bin);
		const leftSmaller = middle - leaf.start <= leaf.end - middle;
		const small = leftSmaller ? buildHistogram(columns, rows, leaf.start, middle, grad, hess) : buildHistogram(columns, rows, middle, leaf.end, grad, hess);
		const large = subtract(leaf.histogram, small);
		const l = leafOf(leaf.start, middle, leaf.depth + 1, leftSmaller ? small : large);
		const r = leafOf(middle, leaf.end, leaf.depth + 1, leftSmaller ? large : small);
		feature[leaf.node] = split.feature;
		bin[leaf.node] = split.bin;
		threshold[leaf.node] = edges[split.feature][split.bin] ?? Infinity;
		left[leaf.node] = l.node;
		right[leaf.node] = r.node;
		open.push(l, r);
	}
	const leaves = open.map((leaf) => {
		const step = -leaf.grad / (leaf.hess + s.l2);
		value[leaf.node] = learningRate * Math.max(-s.maxDeltaStep, Math.min(s.maxDeltaStep, Number.isFinite(step) ? step : 0));
		return { node: leaf.node, start: leaf.start, end: leaf.end };
	});
	const tree: Tree = {
		feature: Int16Array.from(feature), bin: Uint8Array.from(bin), threshold: Float64Array.from(threshold),
		left: Int32Array.from(left), right: Int32Array.from(right), value: Float64Array.from(value)
	};
	return { tree, leaves };
}

/** The tree's output for one row of raw features (row-major x at offset). */
export function treeValue(tree: Tree, x: ArrayLike<number>, offset: number): number {
	let node = 0;
	while (tree.feature[node] >= 0) node = x[offset + tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
	return tree.value[node];
}

/** The tree's output for one row of binned features. */
export function treeValueBinned(tree: Tree, columns: readonly Uint8Array[], row: number): number {
	let node = 0;
	while (tree.feature[node] >= 0) node = columns[tree.feature[node]][row] <= tree.bin[node] ? tree.left[node] : tree.right[node];
	return tree.value[node];
}
