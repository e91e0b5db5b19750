// The shop's stock, products and other records through /api/v1, typed by the API's schemas.
import type { z } from 'zod';
import type { StockList, StockRowOut } from '../core/api/stock';
import type { HttpClient } from './api-client';

export type StockRow = z.infer<typeof StockRowOut>;

/** GET /stock (every active product, or ?low=true) or GET /stock/{sku} (one, as a list of one). */
export async function stockLevels(client: HttpClient, query: { sku?: string; low?: boolean } = {}): Promise<StockRow[]> {
	if (query.sku !== undefined) {
		const row = await client.json<StockRow>('GET', `/stock/${encodeURIComponent(query.sku)}`);
		return query.low && row.status === 'ok' ? [] : [row];
	}
	return client.json<z.infer<typeof StockList>>('GET', '/stock', { query: { low: query.low ? 'true' : undefined } });
}
