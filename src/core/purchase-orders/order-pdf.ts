// A purchase order as an A4 PDF, drawn with the receipt's small PDF writer (Courier, so columns
// line up without font metrics): the shop and the supplier on the first page, then the lines in
// columns under a header repeated on every page (shop, order number, date, page n of N and the
// column titles), the totals after the last line. Words and formatted figures come from the
// caller (the app's language and number format); this file only lays them out.
import { pdfDocument, type PdfPage, type PdfRect, type PdfText } from '../receipt/pdf';
import { pairLines, wrap } from '../receipt/receipt-text';

const PT_PER_MM = 72 / 25.4;
const A4 = { width: 210 * PT_PER_MM, height: 297 * PT_PER_MM };
const MARGIN = 15 * PT_PER_MM;
const FONT_PT = 9;
const LINE = FONT_PT * 1.35;
/** Courier's advance: every character is 0.6 of the type size. */
export const ORDER_PDF_COLUMNS = Math.floor((A4.width - 2 * MARGIN) / (FONT_PT * 0.6));
const GAP = 2;

/** A line of the header blocks: text flush left, and optionally another flush right on the same line. */
export interface PdfHeaderLine { left: string; right?: string; bold?: boolean }

export interface OrderPdfContent {
	title: string;
	producer: string;
	/** Printed once, above the table on the first page: the shop's and the supplier's details. */
	firstPage: readonly PdfHeaderLine[];
	/** Printed at the top of every page (the same number of lines on each). */
	pageHeader: (page: number, pages: number) => readonly PdfHeaderLine[];
	/** Column titles: SKU, product, quantity, unit cost, line total. */
	columns: readonly [string, string, string, string, string];
	/** One row per order line, cells already formatted, in the columns' order. */
	rows: readonly (readonly [string, string, string, string, string])[];
	/** After the last row: total units, total amount, a note. */
	totals: readonly PdfHeaderLine[];
}

/** Characters per column: SKU, name (the rest), quantity, unit cost, total. Numbers flush right. */
function columnWidths(): number[] {
	const fixed = [14, 8, 12, 13];
	const name = ORDER_PDF_COLUMNS - fixed.reduce((a, b) => a + b, 0) - 4 * GAP;
	return [fixed[0], name, fixed[1], fixed[2], fixed[3]];
}

const chars = (text: string) => [...text].length;
const padEnd = (text: string, n: number) => text + ' '.repeat(Math.max(n - chars(text), 0));
const padStart = (text: string, n: number) => ' '.repeat(Math.max(n - chars(text), 0)) + text;

/** A table row as text lines: each cell wrapped in its column, numbers flush right on the row's first line. */
export function rowLines(cells: readonly string[], widths: readonly number[] = columnWidths()): string[] {
	const wrapped = cells.map((c, i) => (i >= 2 ? [c] : wrap(c, widths[i])).map((l) => [...l].slice(0, widths[i]).join('')));
	const height = Math.max(1, ...wrapped.map((w) => w.length));
	const gap = ' '.repeat(GAP);
	return Array.from({ length: height }, (_, k) =>
		wrapped.map((w, i) => (i >= 2 ? padStart(w[k] ?? '', widths[i]) : padEnd(w[k] ?? '', widths[i]))).join(gap).trimEnd());
}

type Block = { lines: string[]; bold: boolean; ruleAbove?: boolean };

/** Header lines as text lines; an empty one stays as a blank line. */
const headerBlock = (lines: readonly PdfHeaderLine[]): Block[] =>
	lines.map((l) => {
		const text = l.right ? pairLines(l.left, l.right, ORDER_PDF_COLUMNS) : wrap(l.left, ORDER_PDF_COLUMNS);
		return { lines: text.length ? text : [''], bold: !!l.bold };
	});

/** Splits the rows into pages: how many rows fit under the header, the first page's details and, on the last, the totals. */
export function paginate(content: Omit<OrderPdfContent, 'title' | 'producer'>): { rows: string[][]; first: boolean }[] {
	const usable = Math.floor((A4.height - 2 * MARGIN) / LINE);
	const header = headerBlock(content.pageHeader(1, 1)).reduce((s, b) => s + b.lines.length, 0) + 1 /* column titles */ + 1 /* gap */;
	const first = headerBlock(content.firstPage).reduce((s, b) => s + b.lines.length, 0) + 1;
	const totals = headerBlock(content.totals).reduce((s, b) => s + b.lines.length, 0) + 1;
	const rows = content.rows.map((r) => rowLines(r));
	const pages: { rows: string[][]; first: boolean }[] = [];
	let current: string[][] = [];
	let room = usable - header - first;
	for (const row of rows) {
		if (row.length > room && current.length) {
			pages.push({ rows: current, first: pages.length === 0 });
			current = [];
			room = usable - header;
		}
		current.push(row);
		room -= row.length;
	}
	// The totals go with the last rows; when they do not fit there, they start a page of their own.
	pages.push({ rows: current, first: pages.length === 0 });
	if (room < totals) pages.push({ rows: [], first: false });
	return pages;
}

export function orderPdf(content: OrderPdfContent): Uint8Array {
	const layout = paginate(content);
	const widths = columnWidths();
	const titles = rowLines(content.columns, widths);
	const textWidth = ORDER_PDF_COLUMNS * FONT_PT * 0.6;
	const pages: PdfPage[] = layout.map((p, i) => {
		const blocks: Block[] = [...headerBlock(content.pageHeader(i + 1, layout.length)), { lines: [''], bold: false }];
		if (p.first) blocks.push(...headerBlock(content.firstPage), { lines: [''], bold: false });
		blocks.push({ lines: titles, bold: true });
		for (const row of p.rows) blocks.push({ lines: row, bold: false });
		if (i === layout.length - 1) blocks.push({ lines: [''], bold: false, ruleAbove: true }, ...headerBlock(content.totals));
		const items: (PdfText | PdfRect)[] = [];
		let top = MARGIN;
		for (const block of blocks) {
			if (block.ruleAbove) items.push({ kind: 'rect', x: MARGIN, y: A4.height - top - LINE * 0.3, width: textWidth, height: 0.6 });
			for (const text of block.lines) {
				if (text.trim()) items.push({ kind: 'text', x: MARGIN, y: A4.height - top - FONT_PT, size: FONT_PT, bold: block.bold, text });
				top += LINE;
			}
			// A rule under the column titles, as the printed page has.
			if (block.lines === titles) items.push({ kind: 'rect', x: MARGIN, y: A4.height - top + LINE * 0.15, width: textWidth, height: 0.6 });
		}
		return { width: A4.width, height: A4.height, items };
	});
	return pdfDocument(pages, { title: content.title, producer: content.producer });
}
