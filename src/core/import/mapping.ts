// The suggested mapping of a sales file's columns: header names first (exact, then telling words),
// each checked against the sample's cells; then what the cells alone say (a quantity column named
// in a word the lists lack, a size coded at the end of the SKUs).
import { parseOptionsText } from '../variants';
import { foldHeader, HEADER_NAMES, HEADER_WORDS } from './header-names';
import { inferAmounts } from './infer-amounts';
import { isSize, sizeCodedSkus } from './sizes';
import type { ColumnMapping, DecimalMark, ImportField } from './types';
import { dateOrdersOf, parseNumber, parseRate } from './values';

const NUMERIC_FIELDS = new Set<ImportField>(['quantity', 'unitPrice', 'lineTotal', 'unitCost', 'discount', 'taxAmount']);
/** Fields a sale line cannot do without: a column mostly empty in the sample is not one of them. */
const FILLED_FIELDS = new Set<ImportField>(['dateTime', 'sku', 'productName', 'quantity', 'unitPrice', 'lineTotal', 'taxRate', 'taxAmount']);
/** A tax rate as a POS writes it: 21, 10, 5.5, 21 % (no currency, at most one decimal). */
const RATE_CELL = /^\d{1,2}(?:[.,]\d)?\s*%?$/;
/** A payment cell: a method's name (Efectivo, Card, Bizum) or our export's method:amount list. */
const PAYMENT_CELL = /^(?:[^\d:;]{2,30}|[^:;]+:\s*-?\d+(?:[.,]\d{1,2})?(?:\s*;\s*[^:;]+:\s*-?\d+(?:[.,]\d{1,2})?)*)$/;
const TIME_CELL = /^\s*\d{1,2}:\d{2}(:\d{2})?\s*([AaPp]\.?[Mm]\.?)?\s*$/;

/**
 * Whether a column's cells in the sample can be the field: amounts and quantities must read as
 * numbers ("Price Point Name" holding "Regular" is not a price), dates as dates, times as times,
 * and the fields every line needs must be filled in most rows ("Discount Code", "Paid at" set
 * only on an order's first line). Without sample rows every column fits.
 */
function columnFits(field: ImportField, column: number, rows: readonly string[][]): boolean {
	if (rows.length === 0) return true;
	const cells = rows.map((r) => (r[column] ?? '').trim());
	const filled = cells.filter((c) => c !== '');
	if (FILLED_FIELDS.has(field) && filled.length < cells.length * 0.8) return false;
	if (filled.length === 0) return true;
	const share = (test: (c: string) => boolean) => filled.filter(test).length / filled.length;
	if (NUMERIC_FIELDS.has(field)) return share((c) => !Number.isNaN(parseNumber(c, '.')) || !Number.isNaN(parseNumber(c, ','))) >= 0.8;
	if (field === 'dateTime' || field === 'date') return share((c) => dateOrdersOf(c) !== 0) >= 0.8;
	if (field === 'time') return share((c) => TIME_CELL.test(c)) >= 0.8;
	if (field === 'size') return share(isSize) >= 0.7;
	if (field === 'options') return share((c) => c.includes('=') && parseOptionsText(c) !== null) >= 0.8;
	// A rate column holds a few percentages (21, 10, 4, 0); an amount column many different values.
	if (field === 'taxRate') return share((c) => RATE_CELL.test(c) && !Number.isNaN(parseRate(c))) >= 0.9 && new Set(filled).size <= 8 && filled.some((c) => parseRate(c) >= 1);
	// A column of payment ids (Square's "Payment ID") is not how the sale was paid.
	// A customer column holds ids or names, not amounts ("Card" may be what was paid by card).
	if (field === 'customer') return share((c) => /^-?\d+[.,]\d{2}$/.test(c)) < 0.5;
	if (field === 'payments') return share((c) => PAYMENT_CELL.test(c)) >= 0.9 && (new Set(filled).size <= 12 || filled.every((c) => c.includes(':')));
	return true;
}

/**
 * Suggested mapping from header names, checked against the sample rows when given: each field
 * takes the first column whose name matches and whose cells fit the field.
 */
export function suggestMapping(header: string[], rows: readonly string[][] = []): ColumnMapping {
	const folded = header.map(foldHeader);
	const mapping: ColumnMapping = {};
	const used = new Set<number>();
	const fields = Object.keys(HEADER_NAMES) as ImportField[];
	const free = (field: ImportField, k: number) => !used.has(k) && columnFits(field, k, rows);
	// Exact names first, in the order of each field's list (earlier names are stronger).
	for (const field of fields) {
		for (const name of HEADER_NAMES[field]) {
			const i = folded.findIndex((f, k) => f === name && free(field, k));
			if (i >= 0) {
				mapping[field] = i;
				used.add(i);
				break;
			}
		}
	}
	// Then names that contain a telling word ("Fecha venta", "Nº ticket", "Precio coste",
	// "Quantity Ordered"), most specific first, for fields and columns still free.
	for (const [field, words] of HEADER_WORDS) {
		if (mapping[field] !== undefined || (field === 'dateTime' && mapping.date !== undefined)) continue;
		const i = folded.findIndex((f, k) => f !== '' && words.some((w) => f.includes(w)) && free(field, k));
		if (i >= 0) {
			mapping[field] = i;
			used.add(i);
		}
	}
	namedIdPair(folded, mapping, used, free);
	// A separate time column makes the date column a plain date.
	if (mapping.time !== undefined && mapping.dateTime !== undefined) {
		mapping.date = mapping.dateTime;
		delete mapping.dateTime;
	}
	if (mapping.time !== undefined && mapping.date === undefined) delete mapping.time;
	return mapping;
}

/**
 * With neither a product code nor a product name found: a "<thing> id" column beside a
 * "<thing> name" one ("pizza_id", "pizza_name") is the product's code and name, and a lone
 * "<thing> name" left over ("coffee_name") is the product's name. Customers, cashiers, suppliers
 * and shops were matched by their words before this, so what is left is what was sold.
 */
function namedIdPair(folded: readonly string[], mapping: ColumnMapping, used: Set<number>, free: (field: ImportField, k: number) => boolean) {
	if (mapping.sku !== undefined || mapping.productName !== undefined) return;
	const stem = (f: string, suffix: string) => (f.length > suffix.length && f.endsWith(suffix) ? f.slice(0, -suffix.length) : null);
	// "Weekday Name" and "Month Name" are the calendar's (the pharmacy's wide layout has one).
	const calendar = /(day|week|month|year|dia|semana|mes)$/;
	const name = folded.findIndex((f, k) => stem(f, 'name') !== null && !calendar.test(stem(f, 'name')!) && free('productName', k));
	if (name < 0) return;
	const code = folded.findIndex((f, k) => [stem(f, 'id'), stem(f, 'code')].includes(stem(folded[name], 'name')) && free('sku', k));
	mapping.productName = name;
	used.add(name);
	if (code >= 0) {
		mapping.sku = code;
		used.add(code);
	}
}

/**
 * What the cells say beyond the header names, once the decimal mark is known: unnamed quantity,
 * price and line total columns that multiply out, and sizes (and colour codes) at the end of the
 * SKUs when no size column is named (the size and colour then map to the SKU column itself).
 */
export function completeMapping(mapping: ColumnMapping, header: readonly string[], rows: readonly string[][], decimal: DecimalMark): ColumnMapping {
	const out = inferAmounts(mapping, header, rows, decimal);
	if (out.sku !== undefined && out.size === undefined && out.options === undefined) {
		const coded = sizeCodedSkus(rows.map((r) => r[out.sku!] ?? ''));
		if (coded.sized) {
			out.size = out.sku;
			if (coded.colour && out.color === undefined) out.color = out.sku;
		}
	}
	return out;
}

