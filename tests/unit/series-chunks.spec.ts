// Columnar product-day chunks: sums from sale blocks, merges and per-product reads agree with a plain count.
import { describe, expect, it } from 'vitest';
import type { ProductId } from '$core/brand';
import { buildBlock } from '$core/sale-blocks';
import { chunkEntries, chunkOfSeries, deltaOfBlocks, mergeChunks, seriesOfChunks, seriesOfProduct, splitChunk, SeriesAccumulator } from '$core/series-chunks';
import { seededRandom } from '$core/forecast/global-model';
import { dayOf, parseIsoLocal } from '$core/time';
import type { Sale } from '$core/types';

const A = 'prod-a' as ProductId, B = 'prod-b' as ProductId;
const at = (s: string) => parseIsoLocal(s)!;
const sale = (id: string, when: string, lines: [ProductId, number, number][]): Sale => ({
	id, invoice: id, at: at(when), customerId: null, deviceId: 'd',
	lines: lines.map(([productId, quantity, unitPrice]) => ({ productId, quantity, unitPrice, discount: 0 }))
}) as unknown as Sale;

describe('series chunks', () => {
	const blocks = [
		buildBlock('b1', [sale('1', '2024-05-10 10:00', [[A, 2, 150], [B, 1, 1000]]), sale('2', '2024-05-10 18:00', [[A, 1, 150]])], 'import'),
		buildBlock('b2', [sale('3', '2024-05-12 09:00', [[B, -1, 1000]]), sale('4', '2024-05-09 09:00', [[A, 3, 150]])], 'import')
	];
	const d10 = dayOf(at('2024-05-10 00:00')), d9 = d10 - 1, d12 = d10 + 2;

	it('sums lines per product-day and per day, sorted by product then day', () => {
		const { series, shop } = deltaOfBlocks(blocks, (p) => (p === A ? 100 : 0));
		expect(chunkEntries(series).map((t) => [t.productId, t.day, t.units, t.revenue, t.cost, t.lines])).toEqual([
			[A, d9, 3, 450, 300, 1], [A, d10, 3, 450, 300, 2], [B, d10, 1, 1000, 0, 1], [B, d12, -1, -1000, 0, 1]
		]);
		expect(shop.get(d10 as never)).toMatchObject({ units: 4, revenue: 1450, cost: 300, lines: 3 });
		expect([...series.starts]).toEqual([0, 2, 4]);
	});

	it('merging chunks adds equal product-days and keeps the others', () => {
		const first = deltaOfBlocks(blocks.slice(0, 1), () => 0).series;
		const second = deltaOfBlocks(blocks, () => 0).series;
		const merged = mergeChunks([first, second]);
		const ofA = seriesOfProduct([first, second], A)!;
		expect([...ofA.days]).toEqual([d9, d10]);
		expect([...ofA.units]).toEqual([3, 6]);
		expect(splitChunk(merged).find((s) => s.productId === A)!.units).toEqual(ofA.units);
		expect(seriesOfProduct([first], 'nobody' as ProductId)).toBeUndefined();
	});

	it('every product\'s series read from many chunks is the merge of them: same products, order and sums, days in or out of order', () => {
		const random = seededRandom(5);
		const products = Array.from({ length: 30 }, (_, i) => `p${i}` as ProductId);
		for (const mode of ['disjoint', 'touching', 'overlapping']) {
			const chunks = Array.from({ length: 6 }, (_, k) => {
				const acc = new SeriesAccumulator();
				for (let e = 0; e < 80; e++) {
					const p = products[Math.floor(random() * random() * products.length)];
					// In time order (one chunk after another, or sharing the day a batch was split on), or anywhere in the history.
					const day = mode === 'overlapping' ? 19_000 + Math.floor(random() * 60) : 19_000 + k * 10 + Math.floor(random() * (mode === 'touching' ? 11 : 10));
					acc.add(acc.slot(p), day, 0.1 + random(), Math.round(random() * 1000), Math.round(random() * 400), 1);
				}
				return acc.toChunk();
			});
			expect(seriesOfChunks(chunks)).toEqual(splitChunk(mergeChunks(chunks)));
			expect(seriesOfChunks(chunks.slice(0, 1))).toEqual(splitChunk(mergeChunks(chunks.slice(0, 1))));
		}
		expect(seriesOfChunks([])).toEqual([]);
	});

	it('per-product series and a chunk convert both ways', () => {
		const chunk = deltaOfBlocks(blocks, () => 0).series;
		expect(chunkOfSeries(splitChunk(chunk))).toEqual(chunk);
	});
});
