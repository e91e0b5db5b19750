// Barcode labels on A4 sheets: where each label sits (in millimetres, as the print stylesheet
// places them), how the chosen labels fill the sheets, which symbology each product's code takes,
// and how wide the bars may be drawn. Pure: no DOM, tested in Node.
import { isValidBarcode } from '$core/validation';

export const LABEL_FORMATS = ['38x25', '50x30'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

export const A4_MM = { width: 210, height: 297 } as const;
/** What most office printers cannot print near the edge: labels start at least this far in. */
export const PRINTER_MARGIN_MM = 5;
/** A print run beyond this many labels is refused with a message (the page would hold too much to stay quick). */
export const MAX_LABELS = 2000;

export interface LabelSheet {
	format: LabelFormat;
	labelWidthMm: number;
	labelHeightMm: number;
	columns: number;
	rows: number;
	perSheet: number;
	/** The grid is centred on the sheet: these are its left and top margins. */
	marginLeftMm: number;
	marginTopMm: number;
	/** Type sizes and the barcode's height inside a label (mm). */
	paddingMm: number;
	nameMm: number;
	priceMm: number;
	skuMm: number;
	barcodeHeightMm: number;
}

const TYPE: Record<LabelFormat, Pick<LabelSheet, 'paddingMm' | 'nameMm' | 'priceMm' | 'skuMm' | 'barcodeHeightMm'>> = {
	'38x25': { paddingMm: 1.5, nameMm: 2.4, priceMm: 3.6, skuMm: 2, barcodeHeightMm: 10.5 },
	'50x30': { paddingMm: 2, nameMm: 2.9, priceMm: 4.4, skuMm: 2.3, barcodeHeightMm: 12.5 }
};

const mm = (n: number) => Math.round(n * 100) / 100;

/** Labels of the format side by side with no gap (as die-cut sheets are), as many as fit inside the printer margin, centred. */
export function labelSheet(format: LabelFormat): LabelSheet {
	const [w, h] = format.split('x').map(Number);
	const columns = Math.floor((A4_MM.width - 2 * PRINTER_MARGIN_MM) / w);
	const rows = Math.floor((A4_MM.height - 2 * PRINTER_MARGIN_MM) / h);
	return {
		format, labelWidthMm: w, labelHeightMm: h, columns, rows, perSheet: columns * rows,
		marginLeftMm: mm((A4_MM.width - columns * w) / 2), marginTopMm: mm((A4_MM.height - rows * h) / 2),
		...TYPE[format]
	};
}

export interface LabelRequest<T> { item: T; count: number }

/**
 * The sheets: each a list of perSheet cells, a label's item or null (left blank). `skip` leaves the
 * first labels of the first sheet blank, for a sheet already partly used.
 */
export function labelPages<T>(requests: readonly LabelRequest<T>[], sheet: Pick<LabelSheet, 'perSheet'>, skip = 0): (T | null)[][] {
	if (!Number.isInteger(skip) || skip < 0 || skip >= sheet.perSheet) throw new RangeError(`labels to skip must be a whole number from 0 to ${sheet.perSheet - 1}, got ${skip}`);
	const total = labelCount(requests);
	if (total > MAX_LABELS) throw new RangeError(`at most ${MAX_LABELS} labels at a time, got ${total}`);
	const cells: (T | null)[] = Array.from({ length: skip }, () => null);
	for (const r of requests) for (let i = 0; i < r.count; i++) cells.push(r.item);
	if (total === 0) return [];
	const pages: (T | null)[][] = [];
	for (let at = 0; at < cells.length; at += sheet.perSheet) {
		const page = cells.slice(at, at + sheet.perSheet);
		while (page.length < sheet.perSheet) page.push(null);
		pages.push(page);
	}
	return pages;
}

/** Labels asked for; a count that is not a whole number from 0 up is a mistake to report, never rounded here. */
export function labelCount(requests: readonly LabelRequest<unknown>[]): number {
	let total = 0;
	for (const r of requests) {
		if (!Number.isInteger(r.count) || r.count < 0) throw new RangeError(`a label count must be a whole number from 0 up, got ${r.count}`);
		total += r.count;
	}
	return total;
}

/** How many labels a product gets unless the person changes it: one per unit on hand, one when there is none. */
export const defaultLabelCount = (onHand: number): number => (onHand >= 1 ? Math.floor(onHand) : 1);

/** EAN-13: thirteen digits whose last is the GS1 check digit of the first twelve (the rule product barcodes are validated with). */
export const isEan13 = (code: string): boolean => /^\d{13}$/.test(code) && isValidBarcode(code);

export type LabelSymbology = 'EAN13' | 'CODE128';
export interface LabelBarcode { format: LabelSymbology; value: string }

/** Code 128 as drawn here takes printable ASCII. */
const CODE128_TEXT = /^[\x20-\x7e]+$/;

/**
 * What a product's label encodes: its barcode as EAN-13 when it is a valid one; else Code 128 of
 * the barcode, or of the SKU when it has none (or one Code 128 cannot carry); null when neither can be drawn.
 */
export function labelBarcode(product: { barcode: string; sku: string }): LabelBarcode | null {
	const barcode = product.barcode.trim();
	const sku = product.sku.trim();
	if (isEan13(barcode)) return { format: 'EAN13', value: barcode };
	if (CODE128_TEXT.test(barcode)) return { format: 'CODE128', value: barcode };
	if (CODE128_TEXT.test(sku)) return { format: 'CODE128', value: sku };
	return null;
}

/** Narrowest bar scanners read reliably from a laser or inkjet print, and the widest worth drawing. */
export const MIN_MODULE_MM = 0.19;
export const MAX_MODULE_MM = 0.33;

/**
 * The bar width for a barcode `modules` wide (quiet zones included) in `widthMm`: the widest up to
 * MAX_MODULE_MM that fits; `tooDense` when even the fit is below what scanners read.
 */
export function barcodeFit(modules: number, widthMm: number): { moduleMm: number; widthMm: number; tooDense: boolean } {
	if (!(modules > 0) || !(widthMm > 0)) throw new RangeError(`a barcode needs modules and room, got ${modules} modules in ${widthMm} mm`);
	const moduleMm = Math.min(MAX_MODULE_MM, widthMm / modules);
	return { moduleMm, widthMm: mm(moduleMm * modules), tooDense: moduleMm < MIN_MODULE_MM };
}
