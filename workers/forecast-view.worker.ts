// A product's forecast view off the main thread: reads the newest stored forecast runs (each a
// whole catalogue, a few megabytes in a large shop) and the product's sales from the app's
// IndexedDB, and hands the product page back only the small view it shows.
import { expose } from 'comlink';
import type { ProductId } from '$core/brand';
import { productForecastDays, productForecastView, RUNS_JUDGED, styleForecastView, type ProductForecastView, type StyleForecastView } from '$core/product-forecast-view';
import { today } from '$core/time';
import { DexieForecastStore } from '$lib/db/dexie-forecast-store';
import { DexieRepository } from '$lib/db/dexie-repository';
import { InventoryDB } from '$lib/db/inventory-db';
import { OVERRIDES_SETTING } from '$core/forecast-settings';

// One connection for the worker's life, opened on the first read. Dexie closes it when another
// connection asks for a schema upgrade (and reopens it on the next read), so it never blocks one.
const db = new InventoryDB();
const repo = new DexieRepository(db);
const store = new DexieForecastStore(db);

const api = {
	/** The product's latest forecast with how the earlier ones did; undefined before any training or for a product it did not cover. */
	async productForecast(productId: ProductId): Promise<ProductForecastView | undefined> {
		const [runs, overrides] = await Promise.all([store.listRuns(RUNS_JUDGED + 1), repo.getSetting<Record<string, string>>(OVERRIDES_SETTING)]);
		const range = productForecastDays(runs, productId);
		if (!range) return undefined;
		const days = await repo.productDays(productId, range.from, range.to);
		return productForecastView(runs, productId, days, overrides?.[productId] ?? null);
	},

	/** A style's page: each variant's sales and forecast, and the style's forecast as their sum. */
	async styleForecast(styleId: ProductId, variantIds: ProductId[]): Promise<StyleForecastView> {
		const [runs, series] = await Promise.all([store.listRuns(1), repo.allProductSeries()]);
		const seriesOf = new Map(series.map((s) => [s.productId, s]));
		return styleForecastView(runs, styleId, variantIds, (id) => seriesOf.get(id), today());
	}
};

expose(api);
export type ForecastViewApi = typeof api;
