// What the scorer does not print but issue 15 asks for, over the scorer's own products (a sale on
// at least 30 distinct days up to the cutoff), from the same sales-long and forecast CSVs:
// coverage of [P10, P90] per horizon week, bias per sale-frequency group, and the accuracy of the
// totals the product forecasts add up to: each category's (when the file names categories) and the
// shop's (the sum of the product forecasts against the sum of what sold).
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

const DAY = 86_400_000;
const dayNumber = (iso) => Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY);
/** Share of calendar days from a product's first sale to the cutoff with a sale: the groups' bounds. */
export const FREQUENCY_GROUPS = [
	{ name: 'rare (<=15% of days)', max: 0.15 },
	{ name: 'some days (15-35%)', max: 0.35 },
	{ name: 'most days (35-70%)', max: 0.7 },
	{ name: 'nearly daily (>70%)', max: 1 }
];

const rows = (file) => Papa.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;

/** sku -> Map(day -> units) from a sales-long CSV (date,sku,qty). */
export function loadSalesLong(file) {
	const sales = new Map();
	for (const r of rows(file)) {
		const day = dayNumber(r.date);
		let days = sales.get(r.sku);
		if (!days) sales.set(r.sku, (days = new Map()));
		days.set(day, (days.get(day) ?? 0) + Number(r.qty));
	}
	return sales;
}

/** sku -> category from `inventario export products` (null when no product has one). */
export function loadCategories(productsCsv) {
	const categories = new Map();
	for (const r of rows(productsCsv)) if (r.category) categories.set(r.sku.startsWith("'") ? r.sku.slice(1) : r.sku, r.category);
	return categories.size ? categories : null;
}

export function extraMetrics(sales, cutoffIso, horizon, predictionsFile, categories = null, top = null) {
	const cutoff = dayNumber(cutoffIso);
	const predictions = new Map();
	for (const r of rows(predictionsFile)) {
		const k = dayNumber(r.date) - cutoff - 1;
		if (k < 0 || k >= horizon) continue;
		let p = predictions.get(r.sku);
		if (!p) predictions.set(r.sku, (p = new Array(horizon)));
		p[k] = [Number(r.p10), Number(r.p50), Number(r.p90)];
	}
	const weeks = Math.ceil(horizon / 7);
	const weekCovered = new Array(weeks).fill(0), weekDays = new Array(weeks).fill(0);
	const groups = FREQUENCY_GROUPS.map((g) => ({ name: g.name, products: 0, sold: 0, forecast: 0 }));
	const shopSold = new Array(horizon).fill(0), shopForecast = new Array(horizon).fill(0);
	const byCategory = new Map();
	// The scorer's products: a sale on 30 days by the cutoff (with top, the top sellers of those).
	let scored = [...sales].filter(([, days]) => [...days.keys()].filter((d) => d <= cutoff).length >= 30);
	if (top) {
		const unitsBefore = (days) => [...days].reduce((s, [d, q]) => (d <= cutoff ? s + q : s), 0);
		scored = scored.map((e) => [e, unitsBefore(e[1])]).sort((a, b) => b[1] - a[1]).slice(0, top).map(([e]) => e);
	}
	for (const [sku, days] of scored) {
		const before = [...days.keys()].filter((d) => d <= cutoff);
		const p = predictions.get(sku);
		if (!p || p.some((v) => v === undefined)) continue;
		const frequency = before.length / (cutoff - Math.min(...before) + 1);
		const group = groups[FREQUENCY_GROUPS.findIndex((g) => frequency <= g.max)];
		group.products++;
		const category = categories?.get(sku);
		if (category && !byCategory.has(category)) byCategory.set(category, { sold: new Array(horizon).fill(0), forecast: new Array(horizon).fill(0) });
		const categoryTotals = category ? byCategory.get(category) : null;
		for (let k = 0; k < horizon; k++) {
			const sold = days.get(cutoff + 1 + k) ?? 0;
			const [p10, p50, p90] = p[k];
			if (p10 <= sold && sold <= p90) weekCovered[Math.floor(k / 7)]++;
			weekDays[Math.floor(k / 7)]++;
			group.sold += sold;
			group.forecast += p50;
			shopSold[k] += sold;
			shopForecast[k] += p50;
			if (categoryTotals) {
				categoryTotals.sold[k] += sold;
				categoryTotals.forecast[k] += p50;
			}
		}
	}
	const sum = (a) => a.reduce((s, v) => s + v, 0);
	const totalSold = sum(shopSold);
	const categoryList = [...byCategory.values()];
	const categorySold = sum(categoryList.map((c) => sum(c.sold)));
	return {
		coverage_by_week: weekCovered.map((c, w) => (weekDays[w] ? c / weekDays[w] : null)),
		bias_by_frequency: groups.filter((g) => g.products > 0).map((g) => ({ group: g.name, products: g.products, bias_pct: g.sold > 0 ? (100 * (g.forecast - g.sold)) / g.sold : null })),
		category_totals: categoryList.length && categorySold > 0 ? {
			categories: categoryList.length,
			daily_wape: sum(categoryList.map((c) => sum(c.sold.map((s, k) => Math.abs(s - c.forecast[k]))))) / categorySold,
			horizon_error: sum(categoryList.map((c) => Math.abs(sum(c.sold) - sum(c.forecast)))) / categorySold
		} : null,
		shop_total: {
			daily_wape: totalSold > 0 ? sum(shopSold.map((s, k) => Math.abs(s - shopForecast[k]))) / totalSold : null,
			horizon_error: totalSold > 0 ? Math.abs(totalSold - sum(shopForecast)) / totalSold : null,
			bias_pct: totalSold > 0 ? (100 * (sum(shopForecast) - totalSold)) / totalSold : null
		}
	};
}
