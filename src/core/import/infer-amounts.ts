// When the header names no quantity (PCS, Stk, Menge…) or no price, the cells decide: a column of
// small whole counts beside a price and a line total that multiply out (quantity × price ≈ total
// on most rows) is the quantity, and the other two are the price and the total. Without this a
// file headed `PCS, RATE, GROSS AMT` came in as one unit per line with no price.
import type { ColumnMapping, DecimalMark } from './types';
import { parseCents, parseNumber } from './values';

/** Rows where quantity × price must match the total, at least (of those where all three are filled). */
const FIT_SHARE = 0.8;
/** Numeric columns tried at most (a 40-column export stays fast). */
const MAX_CANDIDATES = 24;
const MAX_COUNT = 10_000;

interface NumberColumn { index: number; qty: Float64Array; cents: Float64Array; whole: number; notOne: boolean }

function numberColumn(index: number, rows: readonly string[][], decimal: DecimalMark): NumberColumn | null {
	const qty = new Float64Array(rows.length), cents = new Float64Array(rows.length);
	let filled = 0, numeric = 0, whole = 0, notOne = false;
	rows.forEach((r, i) => {
		const cell = (r[index] ?? '').trim();
		qty[i] = cents[i] = NaN;
		if (cell === '') return;
		filled++;
		const q = parseNumber(cell, decimal);
		if (Number.isNaN(q)) return;
		numeric++;
		qty[i] = q;
		cents[i] = parseCents(cell, decimal);
		if (Number.isInteger(q) && Math.abs(q) <= MAX_COUNT) whole++;
		if (Math.abs(q) !== 1 && q !== 0) notOne = true;
	});
	if (filled === 0 || numeric < filled * 0.9) return null;
	return { index, qty, cents, whole: whole / numeric, notOne };
}

/** Share of the rows (with a non-zero quantity and price) where round(q × p) − discount is the total, to 1 % or 2 cents. */
function fit(q: NumberColumn, p: NumberColumn, t: NumberColumn, discount: NumberColumn | null): number {
	let tried = 0, matched = 0;
	for (let i = 0; i < q.qty.length; i++) {
		const qty = q.qty[i], price = p.cents[i], total = t.cents[i];
		if (Number.isNaN(qty) || Number.isNaN(price) || Number.isNaN(total) || qty === 0 || price === 0) continue;
		tried++;
		const d = discount && !Number.isNaN(discount.cents[i]) ? discount.cents[i] : 0;
		const expected = Math.round(qty * price) - d;
		if (Math.abs(expected - total) <= Math.max(2, Math.abs(total) * 0.01)) matched++;
	}
	return tried >= Math.min(3, q.qty.length) && tried > 0 ? matched / tried : 0;
}

/**
 * The mapping with the quantity (and the price and total when unnamed too) found from the cells,
 * when the header names no quantity, or names a quantity but neither a price nor a total.
 */
export function inferAmounts(mapping: ColumnMapping, header: readonly string[], rows: readonly string[][], decimal: DecimalMark): ColumnMapping {
	const needQty = mapping.quantity === undefined;
	const needAmounts = mapping.unitPrice === undefined && mapping.lineTotal === undefined;
	if ((!needQty && !needAmounts) || rows.length === 0) return mapping;
	const sample = rows.slice(0, 200);
	const used = new Set(Object.values(mapping));
	const free: NumberColumn[] = [];
	for (let c = 0; c < header.length && free.length < MAX_CANDIDATES; c++) {
		if (used.has(c)) continue;
		const col = numberColumn(c, sample, decimal);
		if (col) free.push(col);
	}
	const known = (c: number | undefined) => (c === undefined ? null : numberColumn(c, sample, decimal));
	const options = (c: number | undefined) => (c === undefined ? free : [known(c)].filter((x): x is NumberColumn => x !== null));
	const discount = known(mapping.discount);
	let best: { q: NumberColumn; p: NumberColumn; t: NumberColumn; score: number } | null = null;
	for (const q of options(mapping.quantity)) {
		// An unnamed quantity must look like counts: whole numbers, not all 1.
		if (needQty && (q.whole < 0.9 || !q.notOne)) continue;
		for (const p of options(mapping.unitPrice)) {
			if (p === q || p.index === q.index) continue;
			for (const t of options(mapping.lineTotal)) {
				if (t.index === q.index || t.index === p.index) continue;
				const share = fit(q, p, t, discount);
				if (share < FIT_SHARE) continue;
				// Ties: the usual left-to-right order (quantity, price, total), then the leftmost.
				const order = (q.index < p.index ? 1 : 0) + (p.index < t.index ? 1 : 0);
				const score = share * 10 + q.whole + order * 0.01 - (q.index + p.index + t.index) * 1e-6;
				if (!best || score > best.score) best = { q, p, t, score };
			}
		}
	}
	if (!best) return mapping;
	return { ...mapping, quantity: best.q.index, unitPrice: best.p.index, lineTotal: best.t.index };
}
