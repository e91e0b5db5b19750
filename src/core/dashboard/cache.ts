// What the dashboard worker keeps between queries: the store's aggregates read once and indexed
// (data.ts), read again only when the store's stamp changed (a write, a pull, a new forecast run)
// or after invalidate(). A filter change is then only the view's computation.
import type { DayNumber } from '../brand';
import { checkQuery, dashboardView, hourRangesOf } from './build-view';
import { HourIndex } from './hour-index';
import type { HourTotals } from './hour-totals';
import { prepareDashboard, type DashboardData, type DashboardInput } from './data';
import type { DashboardQuery, DashboardView } from './view';

export interface DashboardSource {
	/** timings: the source may note when each part of the read arrived. */
	read(timings: Record<string, number>): Promise<DashboardInput>;
	/**
	 * The hour cells of the days in a range. When given, read() leaves input.hours empty and the
	 * cache reads the periods each query needs (a few of a long history's dozens); when not,
	 * read() gives every cell.
	 */
	hours?(from: DayNumber, to: DayNumber): Promise<HourTotals>;
	/** Changes whenever what read() returns would change; cheap (a few small reads). */
	stamp(): Promise<string>;
}

export class DashboardCache {
	private held: { stamp: string; data: DashboardData; millis: Pick<DashboardView['millis'], 'read' | 'prepare' | 'readParts'>; reported: boolean } | null = null;
	private loading: Promise<void> | null = null;
	private last: { data: DashboardData; key: string; view: DashboardView } | null = null;
	/** Raised by invalidate(): a read in flight when it happened must not be trusted. */
	private generation = 0;

	constructor(private readonly source: DashboardSource) {}

	/** The data for the store as it is now, read only if it changed. */
	async data(): Promise<{ data: DashboardData; stamp: string; millis: Pick<DashboardView['millis'], 'read' | 'prepare' | 'readParts'> }> {
		let stamp = await this.source.stamp();
		// A write landing during a read changes the stamp: read again (a few times at most; then serve what was read).
		for (let tries = 0; this.held?.stamp !== stamp && tries < 3; tries++) {
			this.loading ??= this.load(stamp).finally(() => { this.loading = null; });
			await this.loading;
			stamp = await this.source.stamp();
		}
		if (!this.held) return this.data();
		// The read's time is reported once, with the first view made from it.
		const millis = this.held.reported ? { read: 0, prepare: 0 } : this.held.millis;
		this.held.reported = true;
		return { data: this.held.data, stamp: this.held.stamp, millis };
	}

	/** The view of a query; asked again for the same query on the same data (a prewarm, then the page), the same view. */
	async view(query: DashboardQuery, today: DayNumber): Promise<DashboardView> {
		return (await this.stamped(query, today)).view;
	}

	/** The view and the stamp of the data it was made from (a copy kept elsewhere is exact while the store's stamp is that). */
	async stamped(query: DashboardQuery, today: DayNumber): Promise<{ view: DashboardView; stamp: string }> {
		checkQuery(query);
		const held = await this.data();
		const { data } = held;
		const millis = { ...held.millis };
		// The hour cells of the periods this query needs that were not read yet.
		for (const span of data.hours.missing(hourRangesOf(query))) {
			const started = performance.now();
			data.hours.add(await this.source.hours!(span.from, span.to), span.from, span.to);
			millis.read += performance.now() - started;
		}
		const key = JSON.stringify([query.from, query.to, query.category, query.supplierId, today]);
		if (this.last?.data === data && this.last.key === key) return { view: this.last.view, stamp: held.stamp };
		const view = dashboardView(data, query, today);
		Object.assign(view.millis, millis);
		this.last = { data, key, view };
		return { view, stamp: held.stamp };
	}

	/** What is held now, without asking the store (null before the first read). */
	current(): DashboardData | null {
		return this.held?.data ?? null;
	}

	invalidate() {
		this.generation++;
		this.held = null;
		this.last = null;
	}

	private async load(stamp: string) {
		const generation = this.generation;
		const started = performance.now();
		const readParts: Record<string, number> = {};
		const input = await this.source.read(readParts);
		const read = performance.now() - started;
		const data = prepareDashboard(input, this.source.hours ? new HourIndex() : undefined);
		const millis = { read, prepare: performance.now() - started - read, readParts };
		if (generation === this.generation) this.held = { stamp, data, millis, reported: false };
	}
}
