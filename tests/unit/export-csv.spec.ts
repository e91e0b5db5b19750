// The CSV writer: quoting, delimiters, decimal styles, BOM/CRLF, and formula neutralization.
import { describe, expect, it } from 'vitest';
import { BOM, csvText, formatCell, formatNumber, money, neutralize, parseCsvDecimal, parseCsvDelimiter } from '$core/export/csv-writer';

const semi = { delimiter: ';', decimal: ',' } as const;
const comma = { delimiter: ',', decimal: '.' } as const;

describe('CSV writer', () => {
	it('starts with a BOM, ends every row with CRLF, and quotes what needs quoting', () => {
		const text = csvText(['a', 'b'], [['x;y', 'say "hi"'], ['line\nbreak', 'plain']], semi);
		expect(text).toBe(`${BOM}a;b\r\n"x;y";"say ""hi"""\r\n"line\nbreak";plain\r\n`);
		expect(csvText(['a'], [['x;y']], comma)).toBe(`${BOM}a\r\nx;y\r\n`);
		expect(csvText(['a', 'b'], [['tab\there', 1]], { delimiter: '\t', decimal: '.' })).toBe(`${BOM}a\tb\r\n"tab\there"\t1\r\n`);
	});

	it('writes numbers and money in the chosen decimal style, without exponents or float dust', () => {
		expect(formatCell(1234.5, semi)).toBe('1234,5');
		expect(formatCell(1234.5, comma)).toBe('1234.5');
		expect(formatCell(money(1250), semi)).toBe('12,50');
		expect(formatCell(money(-5), comma)).toBe('-0.05');
		expect(formatCell(money(7), { delimiter: ',', decimal: ',' })).toBe('"0,07"');
		expect(formatNumber(0.1 + 0.2, '.')).toBe('0.3');
		expect(formatNumber(1e-7, '.')).toBe('0');
		expect(formatNumber(-0, '.')).toBe('0');
		expect(formatNumber(1e21, '.')).toBe('1000000000000000000000');
		expect(() => formatNumber(NaN, '.')).toThrow(RangeError);
	});

	it('neutralizes text that a spreadsheet would run as a formula, but a negative number stays a number', () => {
		for (const bad of ['=1+1', '+34 600', '-5', '@SUM(A1)', '\tx', '\rx']) expect(neutralize(bad)).toBe(`'${bad}`);
		expect(neutralize('Camiseta niño')).toBe('Camiseta niño');
		expect(formatCell(-3, semi)).toBe('-3');
		expect(formatCell(money(-150), semi)).toBe('-1,50');
		expect(formatCell('-3', semi)).toBe("'-3");
		expect(formatCell('=A1;B1', semi)).toBe(`"'=A1;B1"`);
		expect(formatCell('\rx', semi)).toBe(`"'\rx"`);
		expect(formatCell(null, semi)).toBe('');
		expect(formatCell(true, semi)).toBe('true');
	});

	it('reads delimiter and decimal choices from the command line', () => {
		expect(parseCsvDelimiter(';')).toBe(';');
		expect(parseCsvDelimiter('tab')).toBe('\t');
		expect(parseCsvDelimiter('\\t')).toBe('\t');
		expect(parseCsvDelimiter('\t')).toBe('\t');
		expect(parseCsvDelimiter('|')).toBeNull();
		expect(parseCsvDecimal('comma')).toBe(',');
		expect(parseCsvDecimal('.')).toBe('.');
		expect(parseCsvDecimal('x')).toBeNull();
	});
});
