// Honest baselines: seasonal naive (weekly), moving average and the intermittent-demand methods
// Croston/SBA, TSB and ADIDA. Each gives the mean demand for the open days ahead of an origin.
// Days the whole shop was closed carry no information about a product, so the recursions skip them.

export interface MethodInput {
	/** Units sold per calendar day. */
	units: ArrayLike<number>;
	/** Index of the product's first sale. */
	first: number;
	/** Forecast origin: days < origin are known. */
	origin: number;
	/** Per day, 1 when the shop was closed. */
	closedDay: ArrayLike<number>;
}

/** Means for the given target days (calendar indexes >= origin, the shop open on them). */
export type Baseline = (input: MethodInput, targets: readonly number[]) => Float64Array;

export const SMOOTHING = 0.1;
const MOVING_AVERAGE_DAYS = 28;

const flat = (value: number, n: number) => new Float64Array(n).fill(Math.max(0, value));

/** The same weekday in the last week before the origin. */
export const seasonalNaive: Baseline = ({ units, first, origin }, targets) =>
	Float64Array.from(targets, (t) => {
		const back = t - 7 * Math.ceil((t - origin + 1) / 7);
		return back >= first ? units[back] : 0;
	});

/** Mean of the last 28 open days. */
export const movingAverage: Baseline = ({ units, first, origin, closedDay }, targets) => {
	let sum = 0, n = 0;
	for (let i = origin - 1; i >= first && n < MOVING_AVERAGE_DAYS; i--) {
		if (closedDay[i]) continue;
		sum += units[i];
		n++;
	}
	return flat(n ? sum / n : 0, targets.length);
};

/** Croston/SBA and TSB in one pass over the open days: push each day's units in order. */
export class IntermittentSmoother {
	private size = 0;
	private interval = 0;
	private sinceLast = 0;
	private sales = 0;
	private tsbSize = 0;
	private probability = 0;
	constructor(private readonly alpha = SMOOTHING, private readonly beta = SMOOTHING) {}

	push(y: number): void {
		this.sinceLast++;
		if (this.sales > 1) this.probability += this.beta * ((y > 0 ? 1 : 0) - this.probability);
		if (y <= 0) return;
		if (this.sales === 0) {
			this.size = this.tsbSize = y;
		} else if (this.sales === 1) {
			// The first gap between sales starts the interval (a first sale says nothing about it).
			this.interval = this.sinceLast;
			this.probability = 1 / this.sinceLast;
			this.size += this.alpha * (y - this.size);
			this.tsbSize += this.alpha * (y - this.tsbSize);
		} else {
			this.size += this.alpha * (y - this.size);
			this.tsbSize += this.alpha * (y - this.tsbSize);
			this.interval += this.alpha * (this.sinceLast - this.interval);
		}
		this.sales++;
		this.sinceLast = 0;
	}

	/** With one sale so far: that sale spread over the days seen since. */
	private get singleSaleRate(): number {
		return this.size / (this.sinceLast + 1);
	}

	/** Croston with the Syntetos-Boylan bias correction. */
	get sba(): number {
		if (this.sales < 2) return this.sales ? this.singleSaleRate : 0;
		return ((1 - this.alpha / 2) * this.size) / Math.max(1, this.interval);
	}

	/** Teunter-Syntetos-Babai: the demand probability decays every day without a sale. */
	get tsb(): number {
		if (this.sales < 2) return this.sales ? this.singleSaleRate : 0;
		return this.probability * this.tsbSize;
	}
}

function smoothed({ units, first, origin, closedDay }: MethodInput): IntermittentSmoother {
	const smoother = new IntermittentSmoother();
	for (let i = first; i < origin; i++) if (!closedDay[i]) smoother.push(units[i]);
	return smoother;
}

/** ADIDA: sums over buckets of the mean inter-demand interval, smoothed, spread back over the days. */
export function adidaLevel({ units, first, origin, closedDay }: MethodInput, alpha = SMOOTHING): number {
	const open: number[] = [];
	for (let i = first; i < origin; i++) if (!closedDay[i]) open.push(units[i]);
	const sales = open.filter((y) => y > 0).length;
	if (sales === 0) return 0;
	const bucket = Math.max(1, Math.round(open.length / sales));
	// Buckets end at the origin, so the most recent one is complete.
	const start = open.length % bucket;
	let level = -1;
	for (let b = start; b + bucket <= open.length; b += bucket) {
		let sum = 0;
		for (let i = b; i < b + bucket; i++) sum += open[i];
		level = level < 0 ? sum : level + alpha * (sum - level);
	}
	return level < 0 ? 0 : level / bucket;
}

export const BASELINES: Record<string, Baseline> = {
	'seasonal-naive': seasonalNaive,
	'moving-average': movingAverage,
	'croston-sba': (input, targets) => flat(smoothed(input).sba, targets.length),
	tsb: (input, targets) => flat(smoothed(input).tsb, targets.length),
	adida: (input, targets) => flat(adidaLevel(input), targets.length)
};
