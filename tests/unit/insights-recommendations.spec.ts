// Baskets, item-item similarity, content neighbours, the hybrid recommender, association rules and
// the hit-rate protocol, on a small shop with known patterns.
import { describe, expect, it } from 'vitest';
import { MemoryRepository } from '$core/memory-repository';
import { buildBaskets, buyerCount } from '$core/insights/baskets';
import { buildContentIndex, contentNeighbors, nameWords } from '$core/insights/content-similarity';
import { coOccurrenceBaseline, hitRate, popularityBaseline, testBaskets } from '$core/insights/hit-rate';
import { itemNeighbors } from '$core/insights/item-similarity';
import { buildRecommendationModel } from '$core/insights/recommendation-model';
import { Recommender } from '$core/insights/recommender';
import { computeInsights, lastSaleDay } from '$core/insights/insights';
import { topK } from '$core/insights/top-k';
import { buildInsightsShop, LAST_DAY, LATE_FROM, START_DAY } from './insights-fixture';

async function shop() {
	const repo = new MemoryRepository();
	const built = await buildInsightsShop(repo);
	const blocks = await repo.saleBlocks();
	const id = (sku: string) => built.products.get(sku as never)!.id;
	return { ...built, blocks, id, catalog: [...built.products.values()] };
}

describe('baskets', () => {
	it('makes one basket per sale with its distinct products, in time order; returns are never purchases', async () => {
		const { blocks, sales, id, customers } = await shop();
		const b = buildBaskets(blocks);
		// The return-only sale is no basket.
		expect(b.day.length).toBe(sales.length - 1);
		for (let i = 1; i < b.day.length; i++) expect(b.day[i]).toBeGreaterThanOrEqual(b.day[i - 1]);
		const ana = b.customers.indexOf(customers.get('C01')!.id);
		expect(b.customerReturns[ana]).toBe(2 * 500);
		// Ana's only sale on day 100 is the return: it left no basket.
		expect(Array.from(b.day).some((day, i) => day === START_DAY + 100 && b.customer[i] === ana)).toBe(false);
		const honey = b.products.indexOf(id('HONEY'));
		expect(b.value[0]).toBeGreaterThan(0);
		expect(honey).toBeGreaterThanOrEqual(0);
		expect(buyerCount(b)).toBe(12);
	});

	it('keeps only the sales up to the day asked for', async () => {
		const { blocks, id } = await shop();
		const early = buildBaskets(blocks, { toDay: (LATE_FROM - 1) as never });
		expect(early.products).not.toContain(id('LATE'));
		expect(Math.max(...early.day)).toBeLessThan(LATE_FROM);
		const late = buildBaskets(blocks, { fromDay: LATE_FROM as never });
		expect(Math.min(...late.day)).toBeGreaterThanOrEqual(LATE_FROM);
	});
});

describe('item similarity', () => {
	it('scores products bought together above products bought apart, and counts the baskets behind it', async () => {
		const { blocks, id } = await shop();
		const b = buildBaskets(blocks);
		const n = itemNeighbors(b, b.products.length, { asOfDay: LAST_DAY, halfLifeDays: Infinity, sizeDamping: 0, sourcePower: 0, targetPower: 0, shrink: 0, pairBasketFloor: Infinity, pairBasketQuantile: 1, neighbors: 10 });
		const row = (sku: string) => {
			const i = b.products.indexOf(id(sku));
			return Array.from(n.items.subarray(n.offsets[i], n.offsets[i + 1]), (j) => b.products[j]);
		};
		expect(row('BREAD')[0]).toBe(id('JAM'));
		expect(row('COFFEE')).not.toContain(id('MUG'));
		const bread = b.products.indexOf(id('BREAD'));
		// Plain counts: every basket with bread but Lola's has jam.
		expect(n.together[n.offsets[bread]]).toBe(n.baskets[bread] - 1);
	});

	it('topK keeps the k best, best first, ties by lower index, skipping non-positive scores', () => {
		const score = [0.5, 2, 2, 0, -1, 3];
		expect(topK([0, 1, 2, 3, 4, 5], 6, score, 3)).toEqual([5, 1, 2]);
		expect(topK([3, 4], 2, score, 3)).toEqual([]);
	});
});

describe('content similarity', () => {
	it('finds products alike by name words, category and price band', () => {
		expect(nameWords('Té verde  Sencha 100g')).toEqual(['verde', 'sencha', '100g']);
		const index = buildContentIndex([
			{ name: 'Té rojo Pu Erh', category: 'Bebidas', unitPrice: 320 },
			{ name: 'Té verde Sencha', category: 'Bebidas', unitPrice: 300 },
			{ name: 'Tetera de hierro', category: 'Menaje', unitPrice: 2500 },
			{ name: 'Té rojo con canela', category: 'Bebidas', unitPrice: 350 }
		]);
		const { items, scores } = contentNeighbors(index, 0, 3);
		expect(items[0]).toBe(3);
		expect(items).not.toContain(2);
		expect(scores[0]).toBeGreaterThan(scores[1]);
	});
});

describe('recommender', () => {
	it('recommends what sells with a product, never the product itself, with association rules behind', async () => {
		const { blocks, id, catalog } = await shop();
		const model = buildRecommendationModel(buildBaskets(blocks), catalog, LAST_DAY);
		const r = new Recommender(model);
		const forTea = r.forProduct(id('TEA'), 3);
		expect(forTea[0]).toMatchObject({ productId: id('MUG'), reason: 'together' });
		expect(forTea.map((x) => x.productId)).not.toContain(id('TEA'));
		expect(r.forProduct(id('BREAD'), 1)[0].productId).toBe(id('JAM'));
		const rule = r.boughtTogether(id('BREAD')).find((x) => x.productId === id('JAM'))!;
		expect(rule.together).toBeGreaterThan(60);
		expect(rule.confidence).toBeCloseTo(rule.together / model.baskets[model.products.indexOf(id('BREAD'))], 10);
		expect(rule.lift).toBeGreaterThan(1);
		expect(rule.support).toBeCloseTo(rule.together / model.basketTotal, 10);
	});

	it('gives a product without history the company of similar products', async () => {
		const { blocks, id, catalog } = await shop();
		const r = new Recommender(buildRecommendationModel(buildBaskets(blocks), catalog, LAST_DAY));
		const forNewTea = r.forProduct(id('NEWTEA'), 5);
		expect(forNewTea.length).toBe(5);
		expect(forNewTea.map((x) => x.productId)).toContain(id('TEA'));
		expect(forNewTea.find((x) => x.productId === id('TEA'))!.reason).toBe('similar');
	});

	it('blends the basket with the customer history, and leaves out what is in the basket', async () => {
		const { blocks, id, catalog, customers } = await shop();
		const r = new Recommender(buildRecommendationModel(buildBaskets(blocks), catalog, LAST_DAY));
		const ines = customers.get('C09')!.id;
		const forIne = r.forCustomer(ines, 3).map((x) => x.productId);
		expect(forIne).toEqual(expect.arrayContaining([id('BREAD'), id('JAM'), id('HONEY')]));
		const basket = r.forBasket([id('BREAD'), id('JAM')], ines, 3).map((x) => x.productId);
		expect(basket[0]).toBe(id('HONEY'));
		expect(basket).not.toContain(id('BREAD'));
		// An unknown customer or product changes nothing and breaks nothing.
		expect(r.forBasket([id('BREAD'), 'nope' as never], 'nobody' as never, 1)[0].productId).toBe(id('JAM'));
	});
});

describe('hit rate', () => {
	it('hides one product per basket of two or more and checks the recommendations from the rest', async () => {
		const { blocks, catalog } = await shop();
		const train = buildBaskets(blocks, { toDay: (START_DAY + 150) as never });
		const test = testBaskets(buildBaskets(blocks, { fromDay: (START_DAY + 151) as never }));
		expect(test.every((t) => t.items.length >= 2)).toBe(true);
		const r = new Recommender(buildRecommendationModel(train, catalog, START_DAY + 150));
		const hybrid = hitRate(test, (rest, c, k) => r.forBasket(rest, c, k).map((x) => x.productId));
		const co = hitRate(test, coOccurrenceBaseline(train));
		expect(hybrid).toBeGreaterThan(0.5);
		expect(co).toBeGreaterThan(0.5);
		// Popularity with k = 1 can only name the single best seller.
		expect(hitRate(test, popularityBaseline(train), 1)).toBeLessThan(hybrid);
		expect(hitRate([], popularityBaseline(train))).toBe(0);
	});
});

describe('computeInsights', () => {
	it('learns both models as of a day, and leaves segments out for a shop with too few customers', async () => {
		const { blocks, catalog } = await shop();
		expect(lastSaleDay(blocks)).toBe(LAST_DAY);
		expect(lastSaleDay([])).toBeNull();
		const all = computeInsights(blocks, catalog, LAST_DAY as never);
		expect(all.model.products.length).toBe(catalog.length);
		expect(all.segmentation?.customers.length).toBe(12);
		// By day 5 only five customers had bought.
		const early = computeInsights(blocks, catalog, (START_DAY + 5) as never);
		expect(early.segmentation).toBeNull();
		expect(early.model.basketTotal).toBeLessThan(all.model.basketTotal);
	});
});
