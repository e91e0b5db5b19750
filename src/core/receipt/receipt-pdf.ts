// A receipt as a PDF on the shop's paper: one long page the width of an 80 or 58 mm roll (as a till
// printer prints it), or A4 pages. Fixed-width Courier, so the columns line up as on the printer.
import type { ReceiptPaper } from '../till/settings';
import { barRuns, BarcodeTextError, code128, QUIET_MODULES } from './code128';
import { pdfDocument, type PdfPage, type PdfRect, type PdfText } from './pdf';
import type { ReceiptSection } from './receipt-rows';
import { layoutRows, type LaidOutLine } from './receipt-text';

const PT_PER_MM = 72 / 25.4;
/** Courier's advance width: every character is 0.6 of the type size. */
const COURIER_ADVANCE = 0.6;
const LINE_HEIGHT = 1.3;

export interface PaperLayout {
	widthMm: number;
	/** Set for cut sheets; a roll's page is as long as the receipt. */
	heightMm: number | null;
	/** Characters per line (what 80 and 58 mm till printers print: 42 and 32). */
	columns: number;
	fontPt: number;
	marginMm: number;
	/** Barcode bar height and widest module. */
	barcodeMm: number;
	maxModuleMm: number;
}

export const PAPER_LAYOUTS: Record<ReceiptPaper, PaperLayout> = {
	'80mm': { widthMm: 80, heightMm: null, columns: 42, fontPt: 8, marginMm: 4, barcodeMm: 12, maxModuleMm: 0.5 },
	'58mm': { widthMm: 58, heightMm: null, columns: 32, fontPt: 7.5, marginMm: 3, barcodeMm: 10, maxModuleMm: 0.4 },
	A4: { widthMm: 210, heightMm: 297, columns: 64, fontPt: 10, marginMm: 20, barcodeMm: 14, maxModuleMm: 0.6 }
};

/** The PDF pages of laid-out lines: text baseline by baseline, the barcode as bars. */
export function receiptPages(lines: readonly LaidOutLine[], paper: ReceiptPaper): PdfPage[] {
	const p = PAPER_LAYOUTS[paper];
	const margin = p.marginMm * PT_PER_MM;
	const width = p.widthMm * PT_PER_MM;
	const textWidth = p.columns * p.fontPt * COURIER_ADVANCE;
	const left = (width - textWidth) / 2;
	const heightOf = (line: LaidOutLine) => ('barcode' in line ? p.barcodeMm * PT_PER_MM + p.fontPt * 0.6 : p.fontPt * line.scale * LINE_HEIGHT);
	const fixedHeight = p.heightMm === null ? null : p.heightMm * PT_PER_MM;
	const pageHeight = fixedHeight ?? lines.reduce((s, l) => s + heightOf(l), 0) + 2 * margin;

	const pages: PdfPage[] = [];
	let items: (PdfText | PdfRect)[] = [];
	let top = margin;
	for (const line of lines) {
		const h = heightOf(line);
		if (fixedHeight !== null && top + h > fixedHeight - margin && items.length) {
			pages.push({ width, height: pageHeight, items });
			items = [];
			top = margin;
		}
		if ('barcode' in line) items.push(...barcodeRects(line.barcode, p, left, textWidth, pageHeight - top - p.fontPt * 0.3 - p.barcodeMm * PT_PER_MM));
		else if (line.text.trim()) {
			const size = p.fontPt * line.scale;
			const box = Math.floor(p.columns / line.scale) * size * COURIER_ADVANCE;
			const x = left + (line.align === 'right' ? textWidth - box : line.align === 'center' ? (textWidth - box) / 2 : 0);
			items.push({ kind: 'text', x, y: pageHeight - top - size, size, bold: line.bold, text: line.text });
		}
		top += h;
	}
	pages.push({ width, height: pageHeight, items });
	return pages;
}

/** Bars centred in the text column; modules as wide as fit, up to the paper's widest. Nothing when the text cannot be encoded. */
function barcodeRects(value: string, p: PaperLayout, left: number, textWidth: number, bottom: number): PdfRect[] {
	let modules: string;
	try { modules = code128(value).modules; } catch (e) { if (e instanceof BarcodeTextError) return []; throw e; }
	const module = Math.min(textWidth / (modules.length + 2 * QUIET_MODULES), p.maxModuleMm * PT_PER_MM);
	const x0 = left + (textWidth - modules.length * module) / 2;
	return barRuns(modules).map((r) => ({ kind: 'rect', x: x0 + r.start * module, y: bottom, width: r.width * module, height: p.barcodeMm * PT_PER_MM }));
}

export function receiptPdf(sections: readonly ReceiptSection[], paper: ReceiptPaper, info: { title: string; producer: string }): Uint8Array {
	const lines = layoutRows(sections.flatMap((s) => s.rows), PAPER_LAYOUTS[paper].columns);
	return pdfDocument(receiptPages(lines, paper), info);
}
