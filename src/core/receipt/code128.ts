// Code 128 (ISO/IEC 15417) for the ticket number on a receipt: printable ASCII in code set B, runs
// of digits packed two to a symbol in code set C where that makes the barcode shorter, so a ticket
// number prints narrow enough for 58 mm paper. Any scanner in keyboard mode reads it back as typed.

/** Bar and space widths (in modules) of symbols 0-105; the stop symbol is STOP. */
const PATTERNS = [
	'212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
	'221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
	'221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
	'212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
	'231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
	'231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
	'314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
	'112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
	'111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
	'214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
	'114131', '311141', '411131', '211412', '211214', '211232'
];
const STOP = '2331112';
const START_B = 104;
const START_C = 105;
const CODE_B = 100;
const CODE_C = 99;

/** Quiet zone each side, in modules (the standard asks for at least 10). */
export const QUIET_MODULES = 10;

export interface Code128 {
	/** The symbol values, start and check symbol included, stop left out. */
	symbols: number[];
	/** One character per module: '1' a bar, '0' a space, quiet zones left out. */
	modules: string;
}

export class BarcodeTextError extends Error {
	constructor(readonly text: string, readonly position: number) {
		super(position < 0
			? 'A barcode needs at least one character'
			: `Code 128 set B prints ASCII 32-126 only: "${text}" has ${JSON.stringify(text[position])} at position ${position + 1}`);
		this.name = 'BarcodeTextError';
	}
}

const isDigit = (text: string, i: number) => i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57;
const digitRun = (text: string, from: number) => {
	let end = from;
	while (isDigit(text, end)) end++;
	return end - from;
};

/**
 * The symbols for a text. Code set C pays off for 4+ digits at the start or end of the text, or 6+
 * in the middle (a switch costs a symbol each way); an odd run leaves its first digit in set B.
 */
export function code128Symbols(text: string): number[] {
	if (text.length === 0) throw new BarcodeTextError(text, -1);
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 32 || code > 126) throw new BarcodeTextError(text, i);
	}
	const symbols: number[] = [];
	let set: 'B' | 'C' | null = null;
	let i = 0;
	while (i < text.length) {
		const run = digitRun(text, i);
		const worthC = run >= (i === 0 || i + run === text.length ? 4 : 6) || (i === 0 && run === text.length && run % 2 === 0 && run >= 2);
		if (set !== 'C' && worthC) {
			// An odd run keeps its first digit in B (or starts in B) so C takes an even count.
			if (run % 2 === 1) {
				if (set === null) { symbols.push(START_B); set = 'B'; }
				symbols.push(text.charCodeAt(i) - 32);
				i++;
			}
			symbols.push(set === null ? START_C : CODE_C);
			set = 'C';
			continue;
		}
		if (set === 'C') {
			if (run >= 2) { symbols.push(Number(text.slice(i, i + 2))); i += 2; continue; }
			symbols.push(CODE_B);
			set = 'B';
			continue;
		}
		if (set === null) { symbols.push(START_B); set = 'B'; }
		symbols.push(text.charCodeAt(i) - 32);
		i++;
	}
	const check = symbols.reduce((sum, value, position) => sum + value * Math.max(position, 1), 0) % 103;
	symbols.push(check);
	return symbols;
}

/** Widths to modules: odd positions are bars, even ones spaces. */
function widthsToModules(widths: string): string {
	let out = '';
	for (let k = 0; k < widths.length; k++) out += (k % 2 === 0 ? '1' : '0').repeat(Number(widths[k]));
	return out;
}

export function code128(text: string): Code128 {
	const symbols = code128Symbols(text);
	const modules = symbols.map((s) => widthsToModules(PATTERNS[s])).join('') + widthsToModules(STOP);
	return { symbols, modules };
}

/** The bars as runs: start module and width of each bar (for drawing as rectangles). */
export function barRuns(modules: string): { start: number; width: number }[] {
	const runs: { start: number; width: number }[] = [];
	for (let i = 0; i < modules.length; i++) {
		if (modules[i] !== '1') continue;
		const start = i;
		while (modules[i + 1] === '1') i++;
		runs.push({ start, width: i - start + 1 });
	}
	return runs;
}
