// A file chosen for import is named from its bytes, whatever its name says: real files of each
// kind (tests/unit/fixtures/file-kinds, the app's own PNG icon, an openpyxl workbook) and ZIPs
// built here with the entry names Office, OpenDocument and Numbers write.
import { readFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { identifyBytes, identifyFile, REFUSAL_TEXT, zipEntryNames } from '../../src/core/import/file-kind';
import { planImport, ImportRequestError, type CsvSource } from '../../src/core/import/run-import';

const file = (path: string) => new Uint8Array(readFileSync(new URL(path, import.meta.url)));
const kinds = (path: string) => file(`./fixtures/file-kinds/${path}`);
const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((b) => parseInt(b, 16)));
const identify = (bytes: Uint8Array) => identifyBytes(bytes.length, async (from, to) => bytes.slice(from, to));
const refused = (what: string) => ({ kind: 'refused', what });

describe('identifyFile', () => {
	it('refuses a PNG renamed .csv and says it is a PNG image', async () => {
		const png = file('../../static/icons/icon-192.png');
		expect(await identify(png)).toEqual(refused('png'));
		expect(REFUSAL_TEXT.png).toBe('This is a PNG image, not a sales file');
	});

	it('names photos, images and documents from their real first bytes', async () => {
		expect(await identify(kinds('photo.jpg'))).toEqual(refused('jpeg'));
		expect(await identify(kinds('image.gif'))).toEqual(refused('gif'));
		expect(await identify(kinds('image.webp'))).toEqual(refused('webp'));
		expect(await identify(kinds('document.pdf'))).toEqual(refused('pdf'));
		expect(await identify(kinds('manual.gz'))).toEqual(refused('gzip'));
		// An iPhone photo (ISO BMFF with the heic brand) and an MP4 video.
		expect(identifyFile(hex('0000001866747970686569630000000068656963'))).toEqual(refused('heic'));
		expect(identifyFile(hex('00000020667479706973736f6d0000020069736f6d'))).toEqual(refused('video'));
	});

	it('tells an old binary .xls to be saved as .xlsx or CSV', () => {
		// The OLE2 compound file signature every Excel 97-2003 workbook starts with, then its header.
		const xls = hex('d0cf11e0a1b11ae1000000000000000000000000000000003e000300feff0900');
		expect(identifyFile(xls)).toEqual(refused('xls'));
		expect(REFUSAL_TEXT.xls).toMatch(/save it as \.xlsx or CSV/);
	});

	it('reads a workbook written by a spreadsheet program as a workbook', async () => {
		const xlsx = file('../e2e/fixtures/polish/ventas-tienda.xlsx');
		expect(await identify(xlsx)).toEqual({ kind: 'workbook' });
		expect(zipEntryNames(xlsx, xlsx, xlsx.length)).toContain('xl/workbook.xml');
	});

	it('finds xl/workbook.xml in the central directory even when it is the last entry of a large ZIP', async () => {
		const noise = new Uint8Array(300_000).map((_, i) => (i * 2654435761) >>> 24); // incompressible
		const zip = zipSync({ 'media/photo.bin': [noise, { level: 0 }], '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });
		expect(zip.length).toBeGreaterThan(65_536 * 2);
		expect(await identify(zip)).toEqual({ kind: 'workbook' });
	});

	it('names ZIPs that are not workbooks: Word, PowerPoint, OpenDocument, Numbers, .xlsb and a plain archive', async () => {
		const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([n, c]) => [n, [strToU8(c), { level: n === 'mimetype' ? 0 : 6 }]])));
		expect(await identify(zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }))).toEqual(refused('docx'));
		expect(await identify(zip({ '[Content_Types].xml': '<Types/>', 'ppt/presentation.xml': '<p/>' }))).toEqual(refused('pptx'));
		expect(await identify(zip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office/>' }))).toEqual(refused('ods'));
		expect(await identify(zip({ 'Index/Document.iwa': 'x', 'Metadata/Properties.plist': 'y' }))).toEqual(refused('numbers'));
		expect(await identify(zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.bin': 'x' }))).toEqual(refused('xlsb'));
		expect(await identify(zip({ 'ventas.csv': 'Fecha,SKU\n' }))).toEqual(refused('zip'));
	});

	it('reads CSV in UTF-8 (with or without BOM) and Windows-1252 as text', () => {
		const enc = new TextEncoder();
		expect(identifyFile(enc.encode('Fecha;Artículo;Cantidad\r\n01/03/2024;Camiseta;2\r\n'))).toEqual({ kind: 'text' });
		expect(identifyFile(Uint8Array.from([0xef, 0xbb, 0xbf, ...enc.encode('a,b\n1,2\n')]))).toEqual({ kind: 'text' });
		// "Año;Niño;2,50 €" in Windows-1252: high bytes are letters, not binary.
		expect(identifyFile(Uint8Array.from([0x41, 0xf1, 0x6f, 0x3b, 0x4e, 0x69, 0xf1, 0x6f, 0x3b, 0x32, 0x2c, 0x35, 0x30, 0x20, 0x80, 0x0a]))).toEqual({ kind: 'text' });
	});

	it('refuses UTF-16 text, binary data and an empty file with their own reasons', async () => {
		const utf16 = Uint8Array.from([0xff, 0xfe, ...[...'Fecha\tSKU\r\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
		expect(identifyFile(utf16)).toEqual(refused('utf16'));
		const noBom = Uint8Array.from([...'Fecha\tSKU\tCantidad\r\n'].flatMap((c) => [c.charCodeAt(0), 0]));
		expect(identifyFile(noBom)).toEqual(refused('utf16'));
		expect(identifyFile(Uint8Array.from({ length: 400 }, (_, i) => (i * 37) % 256))).toEqual(refused('binary'));
		expect(await identify(new Uint8Array(0))).toEqual(refused('empty'));
	});
});

describe('the command line and the server refuse the same files', () => {
	const source = (name: string, bytes: Uint8Array): CsvSource => ({
		name, size: bytes.length,
		head: async (n) => bytes.slice(0, n),
		async *bytes() { yield bytes; },
		records: async () => undefined
	});

	it('says what a PNG is instead of reading it as sales', async () => {
		const png = file('../../static/icons/icon-192.png');
		const plan = planImport(source('ventas.csv', png));
		await expect(plan).rejects.toBeInstanceOf(ImportRequestError);
		await expect(planImport(source('ventas.csv', png))).rejects.toThrow('"ventas.csv": This is a PNG image, not a sales file');
	});

	it('sends a workbook to the app or to CSV', async () => {
		await expect(planImport(source('ventas.xlsx', file('../e2e/fixtures/polish/ventas-tienda.xlsx')))).rejects.toThrow(/Excel workbook.*save it as CSV/);
	});
});
