// A minimal PDF 1.4 writer: pages of text in the standard Courier fonts and filled rectangles,
// all a receipt needs. The standard fonts need no embedding (every viewer has them) and
// WinAnsiEncoding covers Spanish and English text and the euro sign. The file is plain ASCII
// (other bytes written as octal escapes), so byte offsets are string offsets.

export interface PdfText { kind: 'text'; x: number; y: number; size: number; bold: boolean; text: string }
export interface PdfRect { kind: 'rect'; x: number; y: number; width: number; height: number }
/** Points (1/72 inch), origin at the bottom left as PDF has it. */
export interface PdfPage { width: number; height: number; items: (PdfText | PdfRect)[] }

/** WinAnsiEncoding's bytes 0x80-0x9F (the rest of its upper half is Latin-1). */
const WIN_ANSI_EXTRA: Record<string, number> = {
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a,
	'‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
	'˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f
};
/** What Intl and shop text use that WinAnsi lacks, drawn as the nearest character it has. */
const NEAREST: Record<string, string> = { '\u202f': ' ', '\u2009': ' ', '\u2007': ' ', '\u2212': '-', '\u2010': '-', '\u2011': '-' };

/** One WinAnsi byte per character; '?' for a character the standard fonts cannot draw. */
export function winAnsiBytes(text: string): number[] {
	return [...text].map((ch) => {
		const c = NEAREST[ch] ?? ch;
		const code = c.codePointAt(0)!;
		if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return code;
		return WIN_ANSI_EXTRA[c] ?? 0x3f;
	});
}

/** A PDF literal string: parentheses and backslashes escaped, non-ASCII bytes as octal. */
export function pdfString(text: string): string {
	let out = '(';
	for (const b of winAnsiBytes(text)) {
		if (b === 0x28 || b === 0x29 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
		else if (b < 0x20 || b > 0x7e) out += `\\${b.toString(8).padStart(3, '0')}`;
		else out += String.fromCharCode(b);
	}
	return `${out})`;
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();

function contentStream(page: PdfPage): string {
	const ops: string[] = ['0 g'];
	for (const item of page.items) {
		if (item.kind === 'rect') ops.push(`${num(item.x)} ${num(item.y)} ${num(item.width)} ${num(item.height)} re f`);
		else ops.push(`BT /${item.bold ? 'F2' : 'F1'} ${num(item.size)} Tf ${num(item.x)} ${num(item.y)} Td ${pdfString(item.text)} Tj ET`);
	}
	return ops.join('\n');
}

export function pdfDocument(pages: readonly PdfPage[], info: { title: string; producer: string }): Uint8Array {
	// Objects: 1 catalog, 2 page tree, 3-4 fonts, 5 info, then a page and its content per page.
	const objects: string[] = [];
	const pageIds = pages.map((_, i) => 6 + 2 * i);
	objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
	objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
	objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>';
	objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding >>';
	objects[5] = `<< /Title ${pdfString(info.title)} /Producer ${pdfString(info.producer)} >>`;
	pages.forEach((page, i) => {
		const stream = contentStream(page);
		objects[pageIds[i]] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(page.width)} ${num(page.height)}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageIds[i] + 1} 0 R >>`;
		objects[pageIds[i] + 1] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
	});
	let out = '%PDF-1.4\n';
	const offsets: number[] = [];
	for (let id = 1; id < objects.length; id++) {
		offsets[id] = out.length;
		out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
	}
	const xref = out.length;
	out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
	for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	const bytes = new Uint8Array(out.length);
	for (let i = 0; i < out.length; i++) bytes[i] = out.charCodeAt(i);
	return bytes;
}
