// The one health computation the health and trends workers share: the report over the store with
// the newest forecast run, so the alerts, the score's parts and the Trends screen read the same
// products the same way.
import type { DayNumber } from '$core/brand';
import { forecastsFromRun } from '$core/forecast-runs';
import { loadHealth, type HealthReport } from '$core/health/report';
import type { HealthOptions } from '$core/health/score';
import { DexieRepository } from '$lib/db/dexie-repository';
import type { InventoryDB } from '$lib/db/inventory-db';

export async function loadShopHealth(db: InventoryDB, options: Partial<HealthOptions> = {}): Promise<{ report: HealthReport; forecastFrom: DayNumber | null }> {
	// Only the newest run: the others are history.
	const run = await db.forecastRuns.orderBy('createdAt').last();
	const forecasts = run ? [...forecastsFromRun(run).values()] : null;
	const report = await loadHealth(new DexieRepository(db), forecasts, options);
	return { report, forecastFrom: run ? run.fromDay : null };
}
