// The dashboard's figures (core/dashboard) against a direct computation from the generated
// shop's sale lines and its own record of stock, to the cent, for several ranges and filters; the
// same view from the memory, IndexedDB and SQLite stores; products moved to another category.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DayNumber, ProductId, SupplierId } from '$core/brand';
import { dashboardView, DashboardQueryError } from '$core/dashboard/build-view';
import { prepareDashboard, type DashboardData } from '$core/dashboard/data';
import { loadDashboardInput } from '$core/dashboard/load';
import { lastYearRange, previousRange, type DayRange } from '$core/dashboard/periods';
import { ABC_LIMITS, heatIndex, MOVERS_SHOWN, SELL_THROUGH_SHOWN, weekdayOf, type DashboardQuery, type DashboardView } from '$core/dashboard/view';
import { MemoryRepository } from '$core/memory-repository';
import { dayOf } from '$core/time';
import type { Product, Sale } from '$core/types';
import { isStockItem } from '$core/variants';
import { DexieRepository } from '$lib/db/dexie-repository';
import { InventoryDB } from '$lib/db/inventory-db';
import { freshRepository } from '../support/sql-databases';
import { FIRST_DAY, generateShop, LAST_DAY, loadShop, type GeneratedShop } from './dashboard-fixture';

const shop = generateShop();
const byId = new Map(shop.products.map((p) => [p.id, p]));
const TODAY = (LAST_DAY + 1) as DayNumber;

// ---------------------------------------------------------------- the direct computation

const netOf = (sale: Sale, l: Sale['lines'][number]) => Math.round(l.quantity * l.unitPrice) - l.discount - (sale.taxExcluded ? 0 : (l.tax ?? 0));
const inFilter = (p: Product | undefined, q: DashboardQuery) => (q.category === null || (p?.category ?? '') === q.category) && (q.supplierId === null || (p?.supplierId ?? null) === q.supplierId);
const inRange = (day: number, r: DayRange) => day >= r.from && day <= r.to;

function linesIn(r: DayRange, q: DashboardQuery) {
	const out: { sale: Sale; line: Sale['lines'][number]; day: number; product: Product }[] = [];
	for (const sale of shop.sales) {
		const day = dayOf(sale.at);
		if (!inRange(day, r)) continue;
		for (const line of sale.lines) {
			const product = byId.get(line.productId)!;
			if (inFilter(product, q)) out.push({ sale, line, day, product });
		}
	}
	return out;
}

function truthTotals(r: DayRange, q: DashboardQuery) {
	let revenue = 0, units = 0, cost = 0;
	const tickets = new Set<string>();
	for (const { sale, line, day, product } of linesIn(r, q)) {
		revenue += netOf(sale, line);
		units += line.quantity;
		cost += Math.round(line.quantity * product.unitCost);
		if (line.quantity > 0) tickets.add(sale.invoice === '' ? sale.id : `${day}|${sale.invoice}`);
	}
	return { revenue, units, cost, tickets: tickets.size };
}

const endOfDay = (id: ProductId, day: number) => (day < FIRST_DAY - 1 ? 0 : shop.endOfDay.get(id)![day - FIRST_DAY + 1]);
const stocked = (p: Product) => p.active && isStockItem(p);

function truthStockValue(day: number, q: DashboardQuery, recordedOnly = false) {
	let v = 0;
	for (const p of shop.products) {
		if (!inFilter(p, q) || !stocked(p) || (recordedOnly && !shop.grounded.has(p.id))) continue;
		v += Math.round(Math.max(0, endOfDay(p.id, day)) * p.unitCost);
	}
	return v;
}

function productSums(r: DayRange, q: DashboardQuery) {
	const sums = new Map<ProductId, { units: number; revenue: number; byDay: Map<number, { units: number; revenue: number }> }>();
	for (const { sale, line, day } of linesIn(r, q)) {
		const s = sums.get(line.productId) ?? { units: 0, revenue: 0, byDay: new Map() };
		s.units += line.quantity;
		s.revenue += netOf(sale, line);
		const d = s.byDay.get(day) ?? { units: 0, revenue: 0 };
		d.units += line.quantity;
		d.revenue += netOf(sale, line);
		s.byDay.set(day, d);
		sums.set(line.productId, s);
	}
	return sums;
}

const openDays = [...new Set(shop.sales.map((s) => dayOf(s.at)))].sort((a, b) => a - b);

function truthLostSales(r: DayRange, q: DashboardQuery) {
	const to = Math.min(r.to, TODAY);
	const windowFrom = Math.min(r.from, to - 89);
	const window = { from: windowFrom as DayNumber, to: to as DayNumber };
	const sums = productSums(window, q);
	const rows = [];
	for (const p of shop.products) {
		if (!inFilter(p, q) || !stocked(p) || !shop.grounded.has(p.id)) continue;
		let out = 0, inDays = 0, inUnits = 0, inRevenue = 0;
		for (const day of openDays) {
			if (!inRange(day, window)) continue;
			const sold = sums.get(p.id)?.byDay.get(day) ?? { units: 0, revenue: 0 };
			if (shop.startOfDay.get(p.id)![day - FIRST_DAY] <= 0 && sold.units <= 0) { if (day >= r.from) out++; }
			else { inDays++; if (sold.units > 0) { inUnits += sold.units; inRevenue += sold.revenue; } }
		}
		if (out === 0 || inDays === 0 || inUnits <= 0) continue;
		const lostUnits = out * (inUnits / inDays);
		rows.push({ sku: p.sku, stockOutDays: out, lostUnits, lostRevenue: Math.round(lostUnits * (inRevenue / inUnits)) });
	}
	return rows.sort((a, b) => b.lostRevenue - a.lostRevenue || a.sku.localeCompare(b.sku));
}

// ---------------------------------------------------------------- the cases

const day = (offset: number) => (LAST_DAY - offset) as DayNumber;
const RANGES: [string, DayRange][] = [
	['the last 7 days', { from: day(6), to: LAST_DAY }],
	['the last 30 days', { from: day(29), to: LAST_DAY }],
	['90 days a year back', { from: day(455), to: day(366) }],
	['one day', { from: day(10), to: day(10) }],
	['from a delivery day', { from: (FIRST_DAY + 450) as DayNumber, to: day(20) }],
	['a range starting before the first sale', { from: (FIRST_DAY - 20) as DayNumber, to: (FIRST_DAY + 40) as DayNumber }]
];
const FILTERS: [string, Pick<DashboardQuery, 'category' | 'supplierId'>][] = [
	['no filter', { category: null, supplierId: null }],
	['category Ropa', { category: 'Ropa', supplierId: null }],
	['products without a category', { category: '', supplierId: null }],
	['supplier 2', { category: null, supplierId: 'sup-2' as SupplierId }],
	['category Hogar and supplier 3', { category: 'Hogar', supplierId: 'sup-3' as SupplierId }]
];

let memoryData: DashboardData;
beforeAll(async () => {
	const repo = new MemoryRepository();
	await loadShop(repo, shop);
	memoryData = prepareDashboard(await loadDashboardInput(repo));
}, 60_000);

describe('the dashboard against the sale lines of a generated shop', () => {
	it('the shop has what the cases need: stock-outs, returns, sales without invoice, taxes excluded, ungrounded products', () => {
		expect(shop.sales.some((s) => s.invoice === '')).toBe(true);
		expect(shop.sales.some((s) => s.taxExcluded)).toBe(true);
		expect(shop.sales.some((s) => s.lines.some((l) => l.quantity < 0))).toBe(true);
		expect(shop.grounded.size).toBeLessThan(shop.products.length);
		const outDays = [...shop.grounded].reduce((n, id) => n + shop.startOfDay.get(id)!.filter((q) => q <= 0).length, 0);
		expect(outDays).toBeGreaterThan(50);
	});

	for (const [rangeName, range] of RANGES) {
		for (const [filterName, filter] of FILTERS) {
			it(`${rangeName}, ${filterName}`, () => {
				const q: DashboardQuery = { ...range, ...filter };
				const view = dashboardView(memoryData, q, TODAY);
				checkKpis(view, q);
				checkCharts(view, q);
				checkProducts(view, q);
				const recorded = shop.products.some((p) => inFilter(p, q) && stocked(p) && shop.grounded.has(p.id));
				expect(view.accuracy).toEqual({ groupsMoved: false, movedProducts: 0, stockHistory: recorded });
			});
		}
	}

	it('refuses a range that ends before it starts, or that is not made of days, saying so', () => {
		expect(() => dashboardView(memoryData, { from: day(1), to: day(5), category: null, supplierId: null }, TODAY)).toThrow(DashboardQueryError);
		expect(() => dashboardView(memoryData, { from: day(1), to: day(5), category: null, supplierId: null }, TODAY)).toThrow(/starts after it ends/);
		expect(() => dashboardView(memoryData, { from: 1.5 as DayNumber, to: day(5), category: null, supplierId: null }, TODAY)).toThrow(/day numbers/);
	});

	it('the filters offer every category of the catalogue and the suppliers by name', () => {
		const view = dashboardView(memoryData, { from: day(6), to: LAST_DAY, category: null, supplierId: null }, TODAY);
		expect(view.options.categories).toEqual(['', 'Calzado', 'Hogar', 'Regalos', 'Ropa']);
		expect(view.options.suppliers.map((s) => s.name)).toEqual(['Calzados Sur', 'Casa y Regalo', 'Textil Norte']);
		expect([view.firstSalesDay, view.lastSalesDay]).toEqual([openDays[0], openDays.at(-1)]);
	});
});

function checkKpis(view: DashboardView, q: DashboardQuery) {
	const r = { from: q.from, to: q.to };
	const prev = previousRange(r), ly = lastYearRange(r);
	const before = (x: DayRange) => x.to < openDays[0];
	const t = truthTotals(r, q), tp = truthTotals(prev, q), tl = truthTotals(ly, q);
	const cmp = (f: (x: ReturnType<typeof truthTotals>) => number) => ({ current: f(t), previous: before(prev) ? null : f(tp), lastYear: before(ly) ? null : f(tl) });
	expect(view.kpis.revenue).toEqual(cmp((x) => x.revenue));
	expect(view.kpis.tickets).toEqual(cmp((x) => x.tickets));
	const units = cmp((x) => x.units);
	expect(view.kpis.units.current).toBeCloseTo(units.current, 9);
	if (units.previous !== null) expect(view.kpis.units.previous).toBeCloseTo(units.previous, 9);
	const avg = cmp((x) => (x.tickets > 0 ? x.revenue / x.tickets : 0));
	const margin = cmp((x) => (x.revenue > 0 ? (x.revenue - x.cost) / x.revenue : 0));
	for (const key of ['current', 'previous', 'lastYear'] as const) {
		if (avg[key] === null) expect(view.kpis.averageTicket[key]).toBeNull();
		else expect(view.kpis.averageTicket[key]).toBeCloseTo(avg[key]!, 9);
		if (margin[key] === null) expect(view.kpis.grossMargin[key]).toBeNull();
		else expect(view.kpis.grossMargin[key]).toBeCloseTo(margin[key]!, 12);
	}
	// In the past only products whose stock was recorded (the generator's deliveries before its first day) are known.
	const recordedBy = (d: number) => d >= FIRST_DAY - 1 && shop.products.some((p) => inFilter(p, q) && stocked(p) && shop.grounded.has(p.id));
	expect(view.kpis.stockValue).toEqual({
		current: truthStockValue(Math.min(q.to, TODAY), q),
		previous: recordedBy(prev.to) ? truthStockValue(prev.to, q, true) : null,
		lastYear: recordedBy(ly.to) ? truthStockValue(ly.to, q, true) : null
	});
}

function checkCharts(view: DashboardView, q: DashboardQuery) {
	const n = q.to - q.from + 1;
	const revenue = new Array(n).fill(0), tickets = new Array(n).fill(0), units = new Array(n).fill(0);
	const heatRevenue = new Array(168).fill(0), heatTickets = new Array(168).fill(0);
	const seen = new Set<string>();
	for (const { sale, line, day } of linesIn(q, q)) {
		revenue[day - q.from] += netOf(sale, line);
		units[day - q.from] += line.quantity;
		const cell = heatIndex(weekdayOf(day), Math.floor((sale.at % 86_400_000) / 3_600_000));
		heatRevenue[cell] += netOf(sale, line);
		const key = sale.invoice === '' ? sale.id : `${day}|${sale.invoice}`;
		if (line.quantity > 0 && !seen.has(key)) { seen.add(key); tickets[day - q.from]++; heatTickets[cell]++; }
	}
	expect(view.daily.days).toEqual(Array.from({ length: n }, (_, i) => q.from + i));
	expect(view.daily.revenue).toEqual(revenue);
	expect(view.daily.tickets).toEqual(tickets);
	view.daily.units.forEach((u, i) => expect(u).toBeCloseTo(units[i], 9));
	expect(view.heat).toEqual({ revenue: heatRevenue, tickets: heatTickets });
	// Categories: the view's revenue split, largest first.
	const byCategory = new Map<string, number>();
	for (const { sale, line, product } of linesIn(q, q)) byCategory.set(product.category, (byCategory.get(product.category) ?? 0) + netOf(sale, line));
	expect(view.categories.map((c) => [c.category, c.revenue])).toEqual([...byCategory].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

function checkProducts(view: DashboardView, q: DashboardQuery) {
	const sums = productSums(q, q);
	const earning = [...sums].filter(([, s]) => s.revenue > 0).sort((a, b) => b[1].revenue - a[1].revenue || byId.get(a[0])!.sku.localeCompare(byId.get(b[0])!.sku));
	const total = earning.reduce((n, [, s]) => n + s.revenue, 0);
	let before = 0;
	const pareto = earning.map(([id, s]) => {
		const share = before / total;
		before += s.revenue;
		return { sku: byId.get(id)!.sku, name: byId.get(id)!.name, revenue: s.revenue, cumulativeShare: before / total, abc: share < ABC_LIMITS.A ? 'A' : share < ABC_LIMITS.B ? 'B' : 'C' };
	});
	expect(view.pareto).toEqual(pareto);
	expect(view.paretoProducts).toBe(pareto.length);
	for (const cls of ['A', 'B', 'C'] as const) {
		const rows = pareto.filter((p) => p.abc === cls);
		expect(view.abc[cls].products).toBe(rows.length);
		expect(view.abc[cls].revenueShare).toBeCloseTo(rows.reduce((n, p) => n + p.revenue, 0) / (total || 1), 12);
	}
	const fast = [...sums].filter(([, s]) => s.units > 0).sort((a, b) => b[1].units - a[1].units || b[1].revenue - a[1].revenue || byId.get(a[0])!.sku.localeCompare(byId.get(b[0])!.sku));
	expect(view.movers.fast.map((m) => [m.sku, m.revenue])).toEqual(fast.slice(0, MOVERS_SHOWN).map(([id, s]) => [byId.get(id)!.sku, s.revenue]));
	for (const m of [...view.movers.fast, ...view.movers.slow]) {
		const p = shop.products.find((x) => x.sku === m.sku)!;
		expect(m.onHand).toBe(endOfDay(p.id, LAST_DAY));
	}
	expect(view.movers.slow.every((m) => m.onHand > 0)).toBe(true);
	// Sell-through: sold, received and opening stock from the generator's own books.
	const received = new Map<ProductId, number>();
	for (const m of shop.stockMoves) if (m.reason === 'purchase' && inRange(dayOf(m.at), q)) received.set(m.productId, (received.get(m.productId) ?? 0) + m.quantity);
	const rows = shop.products.filter((p) => inFilter(p, q) && stocked(p)).flatMap((p) => {
		const sold = sums.get(p.id)?.units ?? 0, got = received.get(p.id) ?? 0;
		if (sold <= 0 && got <= 0) return [];
		const opening = Math.max(0, endOfDay(p.id, q.from - 1));
		return [{ sku: p.sku, sold, received: got, opening }];
	}).sort((a, b) => b.sold - a.sold || a.sku.localeCompare(b.sku)).slice(0, SELL_THROUGH_SHOWN);
	expect(view.sellThrough.map((r) => ({ sku: r.sku, sold: r.sold, received: r.received, opening: r.opening }))).toEqual(rows);
	for (const r of view.sellThrough) expect(r.sellThrough).toBe(r.opening + r.received > 0 ? Math.max(0, r.sold) / (r.opening + r.received) : null);
	// Sales lost to stock-outs.
	const lost = truthLostSales(q, q);
	expect(view.lostSales.products.map((r) => [r.sku, r.stockOutDays, r.lostRevenue])).toEqual(lost.slice(0, 20).map((r) => [r.sku, r.stockOutDays, r.lostRevenue]));
	expect(view.lostSales.days).toBe(lost.reduce((n, r) => n + r.stockOutDays, 0));
	expect(view.lostSales.revenue).toBe(lost.reduce((n, r) => n + r.lostRevenue, 0));
}

describe('the same dashboard from every store', () => {
	it('IndexedDB and SQLite give the memory store\'s view for every case', async () => {
		const dexie = new DexieRepository(new InventoryDB('dash', { indexedDB: new IDBFactory(), IDBKeyRange }));
		await loadShop(dexie, shop);
		const sqlite = await freshRepository('sqlite');
		await loadShop(sqlite, shop);
		const views = async (data: DashboardData) => RANGES.flatMap(([, r]) => FILTERS.map(([, f]) => ({ ...dashboardView(data, { ...r, ...f }, TODAY), millis: null })));
		const expected = await views(memoryData);
		expect(await views(prepareDashboard(await loadDashboardInput(dexie)))).toEqual(expected);
		expect(await views(prepareDashboard(await loadDashboardInput(sqlite)))).toEqual(expected);
	}, 120_000);
});

describe('a product moved to another category after it sold', { timeout: 30_000 }, () => {
	async function movedShop(repo: MemoryRepository, s: GeneratedShop) {
		await loadShop(repo, s);
		const p = s.products.find((x) => x.category === 'Ropa')!;
		await repo.putProduct({ ...p, category: 'Hogar' });
		return p;
	}

	it('leaves revenue exact, flags tickets and the heat map of the two categories as approximate, until the totals are rebuilt', async () => {
		const repo = new MemoryRepository();
		const moved = await movedShop(repo, shop);
		const q = { from: day(89), to: LAST_DAY, category: 'Hogar', supplierId: null };
		const data = prepareDashboard(await loadDashboardInput(repo));
		const view = dashboardView(data, q, TODAY);
		expect(view.accuracy).toMatchObject({ groupsMoved: true, movedProducts: 1 });
		expect(dashboardView(data, { ...q, category: 'Ropa' }, TODAY).accuracy.groupsMoved).toBe(true);
		expect(dashboardView(data, { ...q, category: 'Calzado' }, TODAY).accuracy.groupsMoved).toBe(false);
		expect(dashboardView(data, { ...q, category: null }, TODAY).accuracy.groupsMoved).toBe(false);
		// Revenue follows today's catalogue: the moved product's sales are under Hogar now.
		const withMove = new Map(byId);
		withMove.set(moved.id, { ...moved, category: 'Hogar' });
		const hogarRevenue = shop.sales.filter((s) => inRange(dayOf(s.at), q)).flatMap((s) => s.lines.map((l) => ({ s, l })))
			.filter(({ l }) => withMove.get(l.productId)!.category === 'Hogar').reduce((n, { s, l }) => n + netOf(s, l), 0);
		expect(view.kpis.revenue.current).toBe(hogarRevenue);

		await repo.rebuildHourTotals();
		const rebuilt = dashboardView(prepareDashboard(await loadDashboardInput(repo)), q, TODAY);
		expect(rebuilt.accuracy).toMatchObject({ groupsMoved: false, movedProducts: 0 });
		const tickets = new Set<string>();
		for (const s of shop.sales) {
			if (!inRange(dayOf(s.at), q)) continue;
			if (s.lines.some((l) => l.quantity > 0 && withMove.get(l.productId)!.category === 'Hogar')) tickets.add(s.invoice === '' ? s.id : `${dayOf(s.at)}|${s.invoice}`);
		}
		expect(rebuilt.kpis.tickets.current).toBe(tickets.size);
		expect(view.kpis.tickets.current).not.toBe(tickets.size);
	});
});
