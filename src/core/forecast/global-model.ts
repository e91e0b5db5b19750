// The global model: one small neural network in tfjs trained over every product at once, direct
// multi-horizon (the horizon day is a feature), on amounts divided by each product's level, with a
// Poisson loss so its output is the expected demand. Intervals come from distribution.ts.
import { FEATURE_COUNT, levelAt, MODEL_HORIZON, seasonFactor, shopContext, writeFeatures, type ProductTrack } from './features';
import type { DenseCatalog } from './prepare';
import { isClosedAhead } from './prepare';
import { tf } from './tf';

export const GLOBAL_MODEL_NAME = 'global-nn';

export interface TrainingOptions {
	/** Examples drawn for training (the cost of an epoch grows with it). */
	maxExamples?: number;
	/** Networks trained side by side and averaged (default: more when there are few examples). */
	members?: number;
	/** Weekly forecast origins looked back over. */
	origins?: number;
	epochs?: number;
	batchSize?: number;
	learningRate?: number;
	seed?: number;
	/** Called after each epoch with its number (1-based) and loss. */
	onEpoch?: (epoch: number, epochs: number, loss: number) => void;
	/** Epochs without a better validation loss before training stops. */
	patience?: number;
	/** Stops training between batches; the model trained so far is kept. */
	shouldStop?: () => boolean;
	/**
	 * Keep the latest origins aside to stop early (default). Off: every origin trains, for exactly
	 * `epochs` epochs (a refit through the last day with the epochs an earlier fit found best).
	 */
	validate?: boolean;
}

export interface TrainingLog {
	examples: number;
	epochs: number;
	loss: number[];
	/** Loss on the latest origins' examples after each epoch (empty when too few origins). */
	validationLoss: number[];
	/** The epoch whose weights were kept (the best on validation; the last without validation). */
	bestEpoch: number;
	/** Networks trained side by side and averaged. */
	members: number;
	trainedThrough: number;
	millis: number;
}

export interface GlobalModel {
	network: tf.LayersModel;
	log: TrainingLog;
}

/** Share of the (latest) origins kept for validation. */
const VALIDATION_SHARE = 0.1;
/** Epochs without a better validation loss before training stops. */
const PATIENCE = 2;
/** Examples seen in all (epochs x examples) at most: about 20 s on the wasm backend of a 2-core machine. */
const EXAMPLE_PASSES = 1_800_000;
const MIN_EPOCHS = 3;
const MAX_EPOCHS = 40;
/** Networks trained side by side: as many as fit MEMBER_EXAMPLES training examples, at most MAX_MEMBERS. */
const MEMBER_EXAMPLES = 60_000;
const MAX_MEMBERS = 5;

/** Scaled targets above this are clipped: a one-off wholesale order should not drag every forecast. */
const TARGET_CAP = 60;

/** Small seeded PRNG (mulberry32), so the same data trains the same model. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Trains on forecast origins whose whole horizon is before trainEnd (days >= trainEnd are never seen). */
export async function trainGlobalModel(catalog: DenseCatalog, tracks: readonly ProductTrack[], trainEnd: number, options: TrainingOptions = {}): Promise<GlobalModel> {
	const started = Date.now();
	const { maxExamples = 300_000, origins = 104, learningRate = 0.003, seed = 1 } = options;
	const random = seededRandom(seed);
	const lastOrigin = trainEnd - MODEL_HORIZON;
	const originList: number[] = [];
	for (let t = lastOrigin; t > 14 && originList.length < origins; t -= 7) originList.push(t);
	let pairs = 0;
	for (const t of originList) for (const track of tracks) if (track.product.first < t) pairs++;
	if (pairs === 0) throw new Error('too little history to train the global model (fewer than 6 weeks of sales)');
	const perPair = Math.max(1, Math.min(MODEL_HORIZON, Math.round(maxExamples / pairs)));
	const capacity = pairs * perPair;
	const x = new Float32Array(capacity * FEATURE_COUNT), y = new Float32Array(capacity);
	let n = 0, validationEnd = 0;
	const validationOrigins = Math.max(1, Math.round(originList.length * VALIDATION_SHARE));
	for (const [o, t] of originList.entries()) {
		if (o === validationOrigins) validationEnd = n;
		const shop = shopContext(catalog, t);
		for (const track of tracks) {
			if (track.product.first >= t) continue;
			const level = levelAt(track, t);
			for (let s = 0; s < perPair; s++) {
				const k = perPair === MODEL_HORIZON ? s + 1 : 1 + Math.floor(random() * MODEL_HORIZON);
				const target = t + k - 1;
				// Closed days are zero by rule, not something to learn.
				if (catalog.closedDay[target] || isClosedAhead(catalog, catalog.startDay + target)) continue;
				writeFeatures(x, n * FEATURE_COUNT, track, t, k, level, catalog.startDay, false, shop);
				// The model learns demand with the yearly pattern taken out; forecasts put it back.
				y[n] = Math.min(TARGET_CAP, track.product.units[target] / (level * seasonFactor(track, shop, t, target)));
				n++;
			}
		}
	}
	// The examples of the latest origins (written first) check each epoch on days the network has not
	// fitted; training stops when they stop improving and keeps the best epoch's weights.
	const validation = options.validate !== false && originList.length >= 4 ? validationEnd : 0;
	shuffleRows(x.subarray(validation * FEATURE_COUNT), y.subarray(validation), n - validation, random);
	const train = n - validation;
	const batchSize = options.batchSize ?? 1024;
	// Small shops give few examples: several networks from different starting weights, averaged,
	// steady a forecast one network would learn by chance; the work stays within the same budget.
	const members = options.members ?? Math.max(1, Math.min(MAX_MEMBERS, Math.floor(MEMBER_EXAMPLES / train)));
	const epochs = options.epochs ?? Math.min(MAX_EPOCHS, Math.max(MIN_EPOCHS, Math.ceil(EXAMPLE_PASSES / (train * members))));
	const network = buildNetwork(seed, learningRate, members);
	const xs = tf.tensor2d(x.subarray(validation * FEATURE_COUNT, n * FEATURE_COUNT), [train, FEATURE_COUNT]);
	// Every network learns the same target: one column each.
	const targets = (from: number, to: number) => tf.tidy(() => tf.tile(tf.tensor2d(y.subarray(from, to), [to - from, 1]), [1, members]));
	const ys = targets(validation, n);
	const xv = validation ? tf.tensor2d(x.subarray(0, validation * FEATURE_COUNT), [validation, FEATURE_COUNT]) : null;
	const yv = validation ? targets(0, validation) : null;
	const loss: number[] = [], validationLoss: number[] = [];
	let best: tf.Tensor[] | null = null, bestLoss = Infinity, worse = 0, bestEpoch = 0;
	try {
		await network.fit(xs, ys, {
			batchSize, epochs, shuffle: false, verbose: 0, validationData: xv && yv ? [xv, yv] : undefined,
			callbacks: {
				onBatchEnd: async () => { if (options.shouldStop?.()) network.stopTraining = true; },
				onEpochEnd: async (epoch, logs) => {
					loss.push(logs?.loss ?? NaN);
					options.onEpoch?.(epoch + 1, epochs, logs?.loss ?? NaN);
					if (logs?.val_loss === undefined) return;
					validationLoss.push(logs.val_loss);
					if (logs.val_loss < bestLoss - 1e-4) {
						bestLoss = logs.val_loss;
						bestEpoch = epoch + 1;
						worse = 0;
						best?.forEach((w) => w.dispose());
						best = network.getWeights().map((w) => w.clone());
					} else if (++worse >= (options.patience ?? PATIENCE)) network.stopTraining = true;
				}
			}
		});
		if (best) network.setWeights(best);
		else bestEpoch = loss.length;
	} finally {
		[xs, ys, xv, yv, ...(best ?? [])].forEach((t) => t?.dispose());
	}
	return { network, log: { examples: n, epochs: loss.length, loss, validationLoss, bestEpoch, members, trainedThrough: trainEnd - 1, millis: Date.now() - started } };
}

/**
 * `members` networks side by side that share only the input: each output column is one network's
 * log of the expected scaled demand. The loss is the mean of their own losses, so each learns as if
 * alone; predictions average them.
 */
function buildNetwork(seed: number, learningRate: number, members: number): tf.LayersModel {
	const init = (s: number) => tf.initializers.glorotUniform({ seed: seed * 101 + s });
	// A little weight decay: with few products the network otherwise learns each one by heart.
	const kernelRegularizer = tf.regularizers.l2({ l2: 1e-3 });
	const input = tf.input({ shape: [FEATURE_COUNT] });
	const outputs = Array.from({ length: members }, (_, m) => {
		const hidden = tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: init(10 * m + 1), kernelRegularizer }).apply(input);
		const second = tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: init(10 * m + 2), kernelRegularizer }).apply(hidden);
		return tf.layers.dense({ units: 1, kernelInitializer: init(10 * m + 3) }).apply(second) as tf.SymbolicTensor;
	});
	const output = members === 1 ? outputs[0] : (tf.layers.concatenate().apply(outputs) as tf.SymbolicTensor);
	const network = tf.model({ inputs: input, outputs: output });
	network.compile({ optimizer: tf.train.adam(learningRate), loss: poissonLogLoss });
	return network;
}

/** Poisson deviance with a log link: exp(z) - y z, clipped so a bad batch cannot overflow. */
function poissonLogLoss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
	return tf.tidy(() => {
		const z = tf.clipByValue(yPred, -12, 6);
		return tf.mean(tf.sub(tf.exp(z), tf.mul(yTrue, z)));
	});
}

function shuffleRows(x: Float32Array, y: Float32Array, n: number, random: () => number) {
	const row = new Float32Array(FEATURE_COUNT);
	for (let i = n - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		const yi = y[i]; y[i] = y[j]; y[j] = yi;
		row.set(x.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT));
		x.copyWithin(i * FEATURE_COUNT, j * FEATURE_COUNT, (j + 1) * FEATURE_COUNT);
		x.set(row, j * FEATURE_COUNT);
	}
}

/** Rows predicted at once: bounds the feature matrix (a year's horizon for 4,000 products would be 200 MB). */
const PREDICT_ROWS = 65_536;

/** Expected units per product (same order as tracks) for the horizon days from origin on. */
export function predictGlobal(model: GlobalModel, catalog: DenseCatalog, tracks: readonly ProductTrack[], origin: number, horizon: number): Float64Array[] {
	const shop = shopContext(catalog, origin);
	const closed = Array.from({ length: horizon }, (_, k) => isClosedAhead(catalog, catalog.startDay + origin + k));
	const perChunk = Math.max(1, Math.floor(PREDICT_ROWS / horizon));
	const out: Float64Array[] = [];
	for (let from = 0; from < tracks.length; from += perChunk) {
		const chunk = tracks.slice(from, from + perChunk);
		const rows = chunk.length * horizon;
		const x = new Float32Array(rows * FEATURE_COUNT);
		const levels = chunk.map((t) => levelAt(t, origin));
		chunk.forEach((track, p) => {
			for (let k = 1; k <= horizon; k++) writeFeatures(x, (p * horizon + k - 1) * FEATURE_COUNT, track, origin, k, levels[p], catalog.startDay, closed[k - 1], shop);
		});
		const scaled = tf.tidy(() => {
			const z = model.network.predict(tf.tensor2d(x, [rows, FEATURE_COUNT]), { batchSize: 8192 }) as tf.Tensor;
			return tf.mean(tf.exp(tf.clipByValue(z, -12, 6)), 1).dataSync() as Float32Array;
		});
		chunk.forEach((track, p) => {
			out.push(Float64Array.from({ length: horizon }, (_, k) => (closed[k] ? 0 : scaled[p * horizon + k] * levels[p] * seasonFactor(track, shop, origin, origin + k))));
		});
	}
	return out;
}
