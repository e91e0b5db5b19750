// The catalogue's gradient-boosted trees: one booster (gbm/) over every product at once, direct
// multi-horizon (the horizon day is a feature), Poisson loss on raw daily units with each product's
// 8-week level as the offset, so trees learn what multiplies a product's level on a given day
// (gbm-features.ts). Plain numbers only: it runs in the forecast worker and saves as JSON.
import { trainBooster, predictBooster, type Booster, type BoostingOptions } from './gbm/booster';
import { DAY_OF_YEAR_HISTORY, GBM_FEATURE_COUNT, productAtOrigin, shopAtOrigin, writeGbmFeatures } from './gbm-features';
import { MODEL_HORIZON, type ProductTrack } from './features';
import { seededRandom } from './global-model';
import { isClosedAhead, type DenseCatalog } from './prepare';

export const GBM_MODEL_NAME = 'gbm';

export interface GbmTrainingOptions extends BoostingOptions {
	/** Training rows drawn at most (the cost of a tree grows with them). */
	maxRows?: number;
	/** Weekly forecast origins looked back over. */
	origins?: number;
	seed?: number;
	/** Keep the latest origins aside to stop early (default); off, exactly maxTrees trees are grown. */
	validate?: boolean;
}

export interface GbmModel {
	booster: Booster;
	/** Whether the day of the year is among the features (two years of history). */
	dayOfYear: boolean;
	log: { rows: number; trees: number; trainedThrough: number; millis: number };
}

/** Share of the (latest) origins kept aside to stop early. */
const VALIDATION_SHARE = 0.15;
/** A scaled target above this many times the product's level is clipped (a one-off wholesale order). */
const TARGET_CAP = 60;
const SETTINGS: BoostingOptions = { learningRate: 0.05, maxTrees: 400, maxLeaves: 31, minSamplesLeaf: 200, l2: 10, maxDeltaStep: 2, patience: 20 };

/** Trains on forecast origins whose whole horizon is before trainEnd (days >= trainEnd are never seen). */
export function trainGbmModel(catalog: DenseCatalog, tracks: readonly ProductTrack[], trainEnd: number, options: GbmTrainingOptions = {}): GbmModel {
	const started = Date.now();
	const { maxRows = 300_000, origins = 52, seed = 1 } = options;
	const random = seededRandom(seed);
	const originList: number[] = [];
	for (let t = trainEnd - MODEL_HORIZON; t > 14 && originList.length < origins; t -= 7) originList.push(t);
	let pairs = 0;
	for (const t of originList) for (const track of tracks) if (track.product.first < t) pairs++;
	if (pairs === 0) throw new Error('too little history to train the gradient-boosted trees (fewer than 6 weeks of sales)');
	const perPair = Math.max(1, Math.min(MODEL_HORIZON, Math.round(maxRows / pairs)));
	const capacity = pairs * perPair;
	const x = new Float32Array(capacity * GBM_FEATURE_COUNT), y = new Float64Array(capacity), offset = new Float64Array(capacity);
	const dayOfYear = trainEnd >= DAY_OF_YEAR_HISTORY;
	const validate = options.validate !== false && originList.length >= 4;
	const validationOrigins = validate ? Math.max(1, Math.round(originList.length * VALIDATION_SHARE)) : 0;
	let n = 0, validationRows = 0;
	// Latest origins first: they are the validation rows at the front.
	for (const [o, t] of originList.entries()) {
		if (o === validationOrigins) validationRows = n;
		const shop = shopAtOrigin(catalog, t);
		for (const track of tracks) {
			if (track.product.first >= t) continue;
			const own = productAtOrigin(catalog, track, t);
			for (let s = 0; s < perPair; s++) {
				const k = perPair === MODEL_HORIZON ? s + 1 : 1 + Math.floor(random() * MODEL_HORIZON);
				const target = t + k - 1;
				// Closed weekdays are zero by rule, not something to learn; other days the shop sold
				// nothing (holidays) stay: the year-ago features can learn them.
				if (isClosedAhead(catalog, catalog.startDay + target)) continue;
				writeGbmFeatures(x, n * GBM_FEATURE_COUNT, catalog, track, shop, own, k, dayOfYear);
				y[n] = Math.min(TARGET_CAP * own.level, track.product.units[target]);
				offset[n] = Math.log(own.level);
				n++;
			}
		}
	}
	if (!validate) validationRows = 0;
	let positive = false;
	for (let i = validationRows; i < n && !positive; i++) positive = y[i] > 0;
	if (!positive) throw new Error('no sales in the training rows of the gradient-boosted trees');
	const booster = trainBooster(x.subarray(0, n * GBM_FEATURE_COUNT), y.subarray(0, n), GBM_FEATURE_COUNT,
		{ ...SETTINGS, ...options, validationRows, random }, offset.subarray(0, n));
	return { booster, dayOfYear, log: { rows: n, trees: booster.trees.length, trainedThrough: trainEnd - 1, millis: Date.now() - started } };
}

/** Rows predicted at once (bounds the feature matrix for long horizons of big catalogues). */
const PREDICT_ROWS = 65_536;

/** Expected units per product (same order as tracks) for the days from origin on. */
export function predictGbm(model: GbmModel, catalog: DenseCatalog, tracks: readonly ProductTrack[], origin: number, days: number): Float64Array[] {
	const shop = shopAtOrigin(catalog, origin);
	const closed = Array.from({ length: days }, (_, k) => isClosedAhead(catalog, catalog.startDay + origin + k));
	const x = new Float32Array(Math.min(PREDICT_ROWS, tracks.length * days) * GBM_FEATURE_COUNT);
	const perChunk = Math.max(1, Math.floor(PREDICT_ROWS / days));
	const out: Float64Array[] = [];
	for (let from = 0; from < tracks.length; from += perChunk) {
		const chunk = tracks.slice(from, from + perChunk);
		const own = chunk.map((track) => productAtOrigin(catalog, track, origin));
		const offset = new Float64Array(chunk.length * days);
		chunk.forEach((track, p) => {
			for (let k = 1; k <= days; k++) {
				writeGbmFeatures(x, (p * days + k - 1) * GBM_FEATURE_COUNT, catalog, track, shop, own[p], k, model.dayOfYear);
				offset[p * days + k - 1] = Math.log(own[p].level);
			}
		});
		const means = predictBooster(model.booster, x.subarray(0, chunk.length * days * GBM_FEATURE_COUNT), offset);
		chunk.forEach((_, p) => out.push(Float64Array.from({ length: days }, (_, k) => (closed[k] ? 0 : means[p * days + k]))));
	}
	return out;
}
