// Gradient boosting of histogram trees with a log-link count loss: fit on row-major features and
// targets, stop early on a validation share, predict from raw features.
import { binColumns, binEdges, MAX_BINS } from './binning';
import { initialScore, poissonLoss, tweedieLoss, type BoostingLoss } from './loss';
import { growTree, treeValue, treeValueBinned, type Tree, type TreeSettings } from './tree';

export interface BoostingOptions extends Partial<TreeSettings> {
	/** 'poisson' (default) or 'tweedie' (with tweediePower). */
	loss?: 'poisson' | 'tweedie';
	tweediePower?: number;
	learningRate?: number;
	/** Most trees; fewer when early stopping finds the validation deviance no longer falls. */
	maxTrees?: number;
	maxBins?: number;
	/** Share of rows each tree is grown on (1: all), drawn afresh per tree. */
	subsample?: number;
	/** Rows 0..validationRows-1 are held out to stop early (0: no early stopping, every tree is kept). */
	validationRows?: number;
	/** Trees without a better validation deviance (by more than tolerance) before boosting stops. */
	patience?: number;
	tolerance?: number;
	/** Uniform numbers in [0, 1) for row subsampling (pass a seeded one for repeatable trees). */
	random?: () => number;
	/** Stops between trees; the trees so far are kept. */
	shouldStop?: () => boolean;
}

/** A trained booster: plain numbers only, so it can be saved as JSON and sent between threads. */
export interface Booster {
	features: number;
	initial: number;
	trees: Tree[];
	/** Training and validation deviance after each tree (validation empty without early stopping). */
	trainDeviance: number[];
	validationDeviance: number[];
}

const DEFAULTS = { learningRate: 0.1, maxTrees: 100, maxLeaves: 31, maxDepth: 12, minSamplesLeaf: 20, minHessianLeaf: 1e-3, l2: 0, maxDeltaStep: 5, subsample: 1, patience: 10, tolerance: 1e-7 };

export function lossOf(options: BoostingOptions): BoostingLoss {
	return options.loss === 'tweedie' ? tweedieLoss(options.tweediePower ?? 1.5) : poissonLoss;
}

/**
 * Boosts trees on x (row-major, rows x features) for targets y; rows before validationRows only
 * validate. offset (optional, per row) is a known part of each row's raw score, such as the log of a
 * product's level: the trees then learn what multiplies it (predict with the same offset).
 */
export function trainBooster(x: Float32Array, y: ArrayLike<number>, features: number, options: BoostingOptions = {}, offset?: ArrayLike<number>): Booster {
	const o = { ...DEFAULTS, ...options };
	const rows = y.length;
	if (x.length !== rows * features) throw new Error(`expected ${rows * features} feature values, got ${x.length}`);
	const held = Math.min(o.validationRows ?? 0, rows - 1);
	const loss = lossOf(options);
	const trainX = x.subarray(held * features), trainY = Float64Array.from({ length: rows - held }, (_, i) => y[held + i]);
	const edges = binEdges(trainX, trainY.length, features, o.maxBins ?? MAX_BINS);
	const columns = binColumns(trainX, trainY.length, edges);
	const validColumns = held ? binColumns(x.subarray(0, held * features), held, edges) : [];
	const validY = Float64Array.from({ length: held }, (_, i) => y[i]);
	const n = trainY.length;
	const base = (r: number) => (offset ? offset[r] : 0);
	const initial = offset ? initialScore(trainY) - Math.log(meanExp(offset, held, rows)) : initialScore(trainY);
	const raw = Float64Array.from({ length: n }, (_, i) => initial + base(held + i)), validRaw = Float64Array.from({ length: held }, (_, i) => initial + base(i));
	const grad = new Float64Array(n), hess = new Float64Array(n);
	const rowsBuffer = new Uint32Array(n);
	const random = options.random ?? Math.random;
	const settings: TreeSettings = { maxLeaves: o.maxLeaves, maxDepth: o.maxDepth, minSamplesLeaf: o.minSamplesLeaf, minHessianLeaf: o.minHessianLeaf, l2: o.l2, maxDeltaStep: o.maxDeltaStep };
	const trees: Tree[] = [], trainDeviance: number[] = [], validationDeviance: number[] = [];
	let best = Infinity, bestTrees = 0;
	for (let t = 0; t < o.maxTrees && !options.shouldStop?.(); t++) {
		loss.gradients(trainY, raw, grad, hess);
		let count = 0;
		for (let r = 0; r < n; r++) if (o.subsample >= 1 || random() < o.subsample) rowsBuffer[count++] = r;
		const { tree, leaves } = growTree(columns, edges, rowsBuffer, count, grad, hess, settings, o.learningRate);
		trees.push(tree);
		if (count === n) {
			for (const leaf of leaves) for (let i = leaf.start; i < leaf.end; i++) raw[rowsBuffer[i]] += tree.value[leaf.node];
		} else {
			for (let r = 0; r < n; r++) raw[r] += treeValueBinned(tree, columns, r);
		}
		trainDeviance.push(loss.deviance(trainY, raw));
		if (!held) continue;
		for (let r = 0; r < held; r++) validRaw[r] += treeValueBinned(tree, validColumns, r);
		const deviance = loss.deviance(validY, validRaw);
		validationDeviance.push(deviance);
		if (deviance < best - o.tolerance) { best = deviance; bestTrees = trees.length; }
		else if (trees.length - bestTrees >= o.patience) break;
	}
	// With early stopping, the trees after the best validation deviance are dropped.
	if (held) trees.length = Math.max(1, bestTrees);
	return { features, initial, trees, trainDeviance, validationDeviance };
}

function meanExp(offset: ArrayLike<number>, from: number, to: number): number {
	let sum = 0;
	for (let i = from; i < to; i++) sum += Math.exp(offset[i]);
	return sum / (to - from);
}

/** The raw score (log of the expected value, less the row's offset) of row `row` of x (row-major). */
export function rawScore(booster: Booster, x: ArrayLike<number>, row: number): number {
	let f = booster.initial;
	const offset = row * booster.features;
	for (const tree of booster.trees) f += treeValue(tree, x, offset);
	return f;
}

/** Expected values of every row of x (row-major), with the offsets it was trained with. */
export function predictBooster(booster: Booster, x: Float32Array, offset?: ArrayLike<number>): Float64Array {
	const rows = x.length / booster.features;
	return Float64Array.from({ length: rows }, (_, r) => Math.exp(rawScore(booster, x, r) + (offset ? offset[r] : 0)));
}
