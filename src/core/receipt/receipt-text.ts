// A receipt's rows as lines of fixed-width text, the way a till printer prints them: labels
// wrapped, amounts flush right, the tax table in columns. The PDF draws these lines in Courier.
import type { ReceiptRow } from './receipt-rows';

export interface TextLine {
	text: string;
	bold: boolean;
	/** Type size relative to the body (the shop's name and the total print larger). */
	scale: number;
	/** A larger line holds fewer characters: its box sits centred (the name) or flush right (the total). */
	align: 'left' | 'center' | 'right';
}
export interface BarcodeLine { barcode: string }
export type LaidOutLine = TextLine | BarcodeLine;

export const TITLE_SCALE = 1.5;
export const BIG_SCALE = 1.25;
const INDENT = '  ';

/** Characters, not UTF-16 units, so "€" and "ñ" take one column each. */
const width = (text: string) => [...text].length;

/** Greedy word wrap; a word longer than the line is cut. */
export function wrap(text: string, columns: number): string[] {
	const out: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		let rest = word;
		while (width(rest) > columns) {
			if (line) { out.push(line); line = ''; }
			const chars = [...rest];
			out.push(chars.slice(0, columns).join(''));
			rest = chars.slice(columns).join('');
		}
		if (!rest) continue;
		if (!line) line = rest;
		else if (width(line) + 1 + width(rest) <= columns) line += ` ${rest}`;
		else { out.push(line); line = rest; }
	}
	if (line) out.push(line);
	return out;
}

const padStart = (text: string, n: number) => ' '.repeat(Math.max(n - width(text), 0)) + text;
const padEnd = (text: string, n: number) => text + ' '.repeat(Math.max(n - width(text), 0));
const center = (text: string, n: number) => ' '.repeat(Math.max(Math.floor((n - width(text)) / 2), 0)) + text;

/** A label and an amount on one line when they fit; else the label wraps and the amount ends its last line. */
export function pairLines(left: string, right: string, columns: number, indent = ''): string[] {
	const room = columns - width(indent);
	if (width(left) + 1 + width(right) <= room) return [indent + padEnd(left, room - width(right)) + right];
	const wrapped = wrap(left, room);
	const last = wrapped[wrapped.length - 1] ?? '';
	if (width(last) + 1 + width(right) <= room) wrapped[wrapped.length - 1] = padEnd(last, room - width(right)) + right;
	else wrapped.push(padStart(right, room));
	return wrapped.map((l) => indent + l);
}

/** The tax table's columns: the rate takes what the two amounts leave. */
export function columnsLine(cells: readonly [string, string, string], columns: number): string {
	const amount = Math.floor((columns - 1) * 0.36);
	const first = columns - 2 * amount;
	const firstCell = [...cells[0]].slice(0, first - 1).join('');
	return padEnd(firstCell, first) + padStart(cells[1], amount) + padStart(cells[2], amount);
}

export function layoutRows(rows: readonly ReceiptRow[], columns: number): LaidOutLine[] {
	const out: LaidOutLine[] = [];
	const push = (texts: string[], bold = false, scale = 1, align: TextLine['align'] = 'left') => { for (const text of texts) out.push({ text, bold, scale, align }); };
	for (const row of rows) {
		switch (row.kind) {
			case 'title': {
				const room = Math.floor(columns / TITLE_SCALE);
				push(wrap(row.text, room).map((l) => center(l, room)), true, TITLE_SCALE, 'center');
				break;
			}
			case 'center': push(wrap(row.text, columns).map((l) => center(l, columns))); break;
			case 'text': {
				const indent = row.indent ? INDENT : '';
				push(wrap(row.text, columns - indent.length).map((l) => indent + l), row.strong);
				break;
			}
			case 'pair': {
				const scale = row.big ? BIG_SCALE : 1;
				push(pairLines(row.left, row.right, Math.floor(columns / scale), row.indent ? INDENT : ''), row.strong || row.big, scale, scale === 1 ? 'left' : 'right');
				break;
			}
			case 'columns': push([columnsLine(row.cells, columns)], row.header || row.strong); break;
			case 'rule': push(['-'.repeat(columns)]); break;
			case 'gap': push(['']); break;
			case 'barcode': out.push({ barcode: row.value }); break;
		}
	}
	return out;
}
