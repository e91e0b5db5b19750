// What the Trends screen does: asks workers/trends.worker.ts for the report (one worker per
// request, ended afterwards) and turns its failures into the person's language.
import { wrap, type Remote } from 'comlink';
import type { HealthOptions } from '$core/health/score';
import type { TrendsView } from '$lib/components/trends/trends-view';
import { t } from '$lib/i18n/i18n.svelte';
import type { TrendsApi, TrendsResult } from '$workers/trends.worker';

/** Runs work against a fresh trends worker (the reorder screen uses it too). */
export async function withTrendsWorker<T>(work: (api: Remote<TrendsApi>) => Promise<T>): Promise<T> {
	const worker = new Worker(new URL('../../../workers/trends.worker.ts', import.meta.url), { type: 'module' });
	// A worker script that cannot load never answers Comlink: fail instead of waiting forever.
	const notStarted = new Promise<never>((_, reject) =>
		worker.addEventListener('error', (e) => reject(new Error(e.message || 'the trends worker could not start')), { once: true })
	);
	try {
		return await Promise.race([work(wrap<TrendsApi>(worker)), notStarted]);
	} finally {
		worker.terminate();
	}
}

/** What the screen shows of the report, or null when the shop has no sales yet. */
export async function loadTrendsView(options: Partial<Pick<HealthOptions, 'deadStockDays'>> = {}): Promise<TrendsView | null> {
	const result = await withTrendsWorker<TrendsResult>((api) => api.trends(options));
	if (result.ok) return result.view;
	if (result.code === 'no_sales') return null;
	throw new Error(t('trends.error.failed', { message: result.message }));
}
