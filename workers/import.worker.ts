// Imports a sales file into the app's IndexedDB off the main thread. papaparse runs here, in our
// own worker (not its `worker: true`, see papaparse issues #1122 and #1011), over the text decoded
// with the detected encoding; an Excel workbook (.xlsx) is unzipped and parsed here by
// read-excel-file (its universal entry, loaded only when a workbook is chosen) and its typed cells
// written as unambiguous text (core/import/workbook.ts). Either way the core's SalesImporter
// validates, de-duplicates and writes each chunk. The page only sees progress messages, so it
// stays responsive during the whole import.
import { expose } from 'comlink';
import Papa, { type Parser } from 'papaparse';
import { decodeBytes, detectEncoding, Utf8Check } from '$core/import/decode';
import { ImportConfigError, ImportStorageError, SalesImporter, isQuotaError, rejectsCsv } from '$core/import/importer';
import { identifyBytes, REFUSAL_TEXT } from '$core/import/file-kind';
import { completeMapping, layoutKey, sniffText, suggestMapping } from '$core/import/sniff';
import { sheetRows, sniffSheet, summarizeSheets, type WorkbookCell, type WorkbookSheet } from '$core/import/workbook';
import type { Dialect, Encoding, FileSniff, ImportOptions, ImportProgress, ImportSummary, RejectedRow } from '$core/import/types';
import { DexieRepository } from '$lib/db/dexie-repository';
import { InventoryDB } from '$lib/db/inventory-db';

/** Bytes read to detect the dialect and show the preview. */
const SNIFF_BYTES = 64 * 1024;
/** Characters papaparse hands over per chunk (about 5,000 lines of a typical POS export: progress and Cancel answer within a block). */
const CHUNK_CHARS = 512 * 1024;
/** Fewest milliseconds between two progress messages to the page. */
const PROGRESS_EVERY_MS = 150;
/** Rows of a workbook's sheet handed to the importer at a time (like a CSV chunk: progress and Cancel answer between them). */
const SHEET_CHUNK_ROWS = 5_000;

export interface SniffResult extends FileSniff {
	fileName: string;
	bytesTotal: number;
	/** A few raw date cells from the file, for the "dd/mm or mm/dd?" question. */
	dateExamples: string[];
}

type OnProgress = (progress: ImportProgress) => void;

/** Where an import's time went, logged at its end (the bench and a curious developer read it). */
interface Timings { readMs: number; parseMs: number; importerMs: number; storageMs: number; storageCalls: number }

const bytesOf = async (file: Blob, from: number, to: number) => new Uint8Array(await file.slice(from, to).arrayBuffer());

/** Refuses what is neither text nor a workbook (the page checks first; this guards the worker's own callers). */
async function kindOf(file: File): Promise<'text' | 'workbook'> {
	const found = await identifyBytes(file.size, (from, to) => bytesOf(file, from, to));
	if (found.kind === 'refused') throw new Error(REFUSAL_TEXT[found.what]);
	return found.kind;
}

/** A workbook that cannot be read (a broken zip, a cell without its value): a 'parse' failure, not storage. */
class WorkbookError extends Error {
	override name = 'WorkbookError';
}

/**
 * The last workbook read, as text rows: detection, a change of sheet or header row and the import
 * itself read it once. A workbook is unzipped and parsed whole (read-excel-file has no streaming
 * reader), so its rows live in this worker's memory until another file is chosen or the import ends.
 */
let book: { key: string; sheets: WorkbookSheet[]; readMs: number } | null = null;
const fileKey = (file: File) => `${file.name}|${file.size}|${file.lastModified}`;

async function readWorkbook(file: File): Promise<{ sheets: WorkbookSheet[]; readMs: number }> {
	const key = fileKey(file);
	if (book?.key === key) return book;
	book = null;
	const started = performance.now();
	const { default: readXlsxFile } = await import('read-excel-file/universal');
	let read: { sheet: string; data: unknown[][] }[];
	try {
		read = await readXlsxFile(file);
	} catch (e) {
		throw new WorkbookError(`the workbook could not be read (${messageOf(e)})`);
	}
	const sheets = read.map((s) => ({ name: s.sheet, rows: sheetRows(s.data as WorkbookCell[][]) }));
	if (sheets.length === 0) throw new WorkbookError('the workbook has no sheets');
	book = { key, sheets, readMs: performance.now() - started };
	return book;
}

/** Detection on a workbook: the most sales-like sheet unless one was chosen, then the CSV rules on its rows. */
async function sniffWorkbook(file: File, override?: Partial<Dialect>): Promise<FileSniff> {
	const { sheets } = await readWorkbook(file);
	const { summaries, best } = summarizeSheets(sheets);
	const chosen = override?.sheet === undefined ? -1 : sheets.findIndex((s) => s.name === override.sheet);
	const sheet = sheets[chosen >= 0 ? chosen : best];
	const sniff = sniffSheet(sheet, chosen >= 0 ? override?.headerRow : undefined);
	const dialect: Dialect = { ...sniff.dialect, sheet: sheet.name };
	if (override?.dateOrder && dialect.dateOrderCandidates.includes(override.dateOrder)) dialect.dateOrder = override.dateOrder;
	return { ...sniff, dialect, workbook: { sheets: summaries.map(({ name, dataRows }) => ({ name, dataRows })) } };
}

/** The repository with the time spent in its calls added to timings.storageMs. */
function timed(repo: DexieRepository, timings: Timings): DexieRepository {
	return new Proxy(repo, {
		get(target, key, receiver) {
			const value = Reflect.get(target, key, receiver);
			if (typeof value !== 'function' || key === 'constructor') return value;
			return (...args: unknown[]) => {
				const started = performance.now();
				const result = value.apply(target, args);
				if (!(result instanceof Promise)) return result;
				timings.storageCalls++;
				return result.finally(() => (timings.storageMs += performance.now() - started));
			};
		}
	});
}

let cancelRequested = false;
let lastRejects: RejectedRow[] = [];
let lastHeader: string[] = [];

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A failure in the summary's terms; a full disk is always 'quota', however Dexie wrapped it. */
function errorOf(e: unknown, otherwise: 'storage' | 'parse'): NonNullable<ImportSummary['error']> {
	const quota = (e instanceof ImportStorageError && e.code === 'quota') || isQuotaError(e);
	if (quota) return { code: 'quota', message: messageOf(e) };
	return { code: e instanceof ImportStorageError ? 'storage' : otherwise, message: messageOf(e) };
}

async function headBytes(file: Blob): Promise<Uint8Array> {
	return new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
}

/** The head of the file without its last, probably cut, line (unless the whole file fits). */
function wholeLines(text: string, complete: boolean): string {
	if (complete) return text;
	const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
	return cut > 0 ? text.slice(0, cut) : text;
}

/** Re-reads the head with a dialect the person changed (delimiter or header row) for the preview. */
function reshape(sniff: FileSniff, text: string, dialect: Dialect): FileSniff {
	const rows = Papa.parse<string[]>(text, { delimiter: dialect.delimiter, skipEmptyLines: false }).data;
	const header = (rows[dialect.headerRow] ?? []).map((h) => h.trim());
	const preview = rows.slice(dialect.headerRow + 1).filter((r) => r.some((c) => c.trim() !== '')).slice(0, sniff.preview.length || 20);
	return { ...sniff, dialect, header, preview, mapping: completeMapping(suggestMapping(header, preview), header, preview, dialect.decimal), layoutKey: layoutKey(header) };
}

function dateExamples(sniff: FileSniff): string[] {
	const col = sniff.mapping.dateTime ?? sniff.mapping.date;
	if (col === undefined) return [];
	const seen = new Set<string>();
	for (const row of sniff.preview) {
		const cell = row[col]?.trim();
		if (cell) seen.add(cell);
		if (seen.size >= 3) break;
	}
	return [...seen];
}

const api = {
	/**
	 * Detects the file's encoding, delimiter, decimal mark, date order and header from its first
	 * 64 KB; for a workbook, its sheets, the sheet to import, its header and date order.
	 */
	async sniff(file: File, override?: Partial<Dialect>): Promise<SniffResult> {
		if ((await kindOf(file)) === 'workbook') {
			const sniff = await sniffWorkbook(file, override);
			return { ...sniff, fileName: file.name, bytesTotal: file.size, dateExamples: dateExamples(sniff) };
		}
		const bytes = await headBytes(file);
		const encoding: Encoding = override?.encoding ?? detectEncoding(bytes);
		const text = wholeLines(decodeBytes(bytes, encoding), file.size <= SNIFF_BYTES);
		let sniff = sniffText(text, encoding);
		if (override) {
			const dialect: Dialect = { ...sniff.dialect, ...override, encoding };
			const reparse = dialect.delimiter !== sniff.dialect.delimiter || dialect.headerRow !== sniff.dialect.headerRow;
			sniff = reparse ? reshape(sniff, text, dialect) : { ...sniff, dialect };
		}
		return { ...sniff, fileName: file.name, bytesTotal: file.size, dateExamples: dateExamples(sniff) };
	},

	/**
	 * Imports the whole file. Rows are parsed in chunks and each chunk is written before the next
	 * is parsed, so a cancel, a closed tab or a full disk keeps every chunk already written.
	 */
	async run(file: File, options: ImportOptions, onProgress?: OnProgress): Promise<ImportSummary> {
		cancelRequested = false;
		lastRejects = [];
		const started = performance.now();
		const bytesTotal = file.size;
		const timings: Timings = { readMs: 0, parseMs: 0, importerMs: 0, storageMs: 0, storageCalls: 0 };
		const db = new InventoryDB();
		const repo = timed(new DexieRepository(db), timings);
		let importer: SalesImporter | null = null;
		let failure: ImportSummary['error'] = null;
		let header: string[] = options.header ?? [];
		let bytesRead = 0;
		try {
			importer = await SalesImporter.open(repo, options);
			let lastReport = 0;
			const report = (force = false) => {
				const now = performance.now();
				if (!importer || (!force && now - lastReport < PROGRESS_EVERY_MS)) return;
				lastReport = now;
				onProgress?.({ ...importer.progress(), bytesRead, bytesTotal, elapsedMs: now - started });
			};
			if (options.dialect.sheet !== undefined) {
				const { sheets, readMs } = await readWorkbook(file);
				timings.readMs = readMs;
				let mark = performance.now();
				const sheet = sheets.find((s) => s.name === options.dialect.sheet);
				if (!sheet) throw new WorkbookError(`the workbook has no sheet "${options.dialect.sheet}"`);
				const rows = sheet.rows;
				const first = options.dialect.headerRow + 1;
				header = rows[options.dialect.headerRow] ?? header;
				// Bytes stand for rows here: the progress bar and time left read a share of the file.
				for (let i = first; i < rows.length && !cancelRequested; i += SHEET_CHUNK_ROWS) {
					const chunk = rows.slice(i, i + SHEET_CHUNK_ROWS);
					mark = performance.now();
					await importer.addRows(chunk, i + 1);
					timings.importerMs += performance.now() - mark;
					bytesRead = Math.min(bytesTotal, Math.round((bytesTotal * (i + chunk.length)) / rows.length));
					importer.setBytes(bytesRead, bytesTotal);
					report();
				}
				if (cancelRequested) importer.cancel();
			} else {
				let mark = performance.now();
				const bytes = new Uint8Array(await file.arrayBuffer());
				// Detection read only the first 64 KB, which may be plain ASCII in a Windows-1252 file:
				// a "UTF-8" file is checked over every byte before it is decoded as UTF-8.
				let encoding = options.dialect.encoding;
				if (encoding === 'utf-8') {
					const check = new Utf8Check();
					if (!check.push(bytes) || !check.end()) encoding = 'windows-1252';
				}
				const text = decodeBytes(bytes, encoding);
				timings.readMs = performance.now() - mark;
				mark = performance.now();
				const bytesPerChar = text.length > 0 ? bytesTotal / text.length : 1;
				const headerRow = options.dialect.headerRow;
				let recordIndex = 0;
				await new Promise<void>((resolve, reject) => {
					Papa.parse<string[]>(text, {
						delimiter: options.dialect.delimiter,
						chunkSize: CHUNK_CHARS,
						skipEmptyLines: false,
						chunk(results: Papa.ParseResult<string[]>, parser: Parser) {
							parser.pause();
							const parsedAt = performance.now();
							timings.parseMs += parsedAt - mark;
							let rows = results.data;
							let first = recordIndex;
							recordIndex += rows.length;
							if (first <= headerRow) {
								const skip = Math.min(rows.length, headerRow + 1 - first);
								if (headerRow - first < rows.length) header = rows[headerRow - first];
								rows = rows.slice(skip);
								first += skip;
							}
							// A file ending with a newline gives one last empty record: not a line of the file.
							const last = rows[rows.length - 1];
							if (last && last.length === 1 && last[0] === '' && results.meta.cursor >= text.length) rows = rows.slice(0, -1);
							const work = rows.length > 0 ? importer!.addRows(rows, first + 1) : Promise.resolve();
							work.then(
								() => {
									mark = performance.now();
									timings.importerMs += mark - parsedAt;
									bytesRead = Math.min(bytesTotal, Math.round(results.meta.cursor * bytesPerChar));
									importer!.setBytes(bytesRead, bytesTotal);
									report();
									if (cancelRequested) {
										importer!.cancel();
										parser.abort();
										resolve();
									} else parser.resume();
								},
								(e: unknown) => {
									parser.abort();
									reject(e);
								}
							);
						},
						complete: () => resolve(),
						error: (e: Error) => reject(e)
					});
				});
			}
			if (!cancelRequested) bytesRead = bytesTotal;
			importer.setBytes(bytesRead, bytesTotal);
		} catch (e) {
			failure = errorOf(e, importer && !(e instanceof ImportConfigError) && !(e instanceof WorkbookError) ? 'storage' : 'parse');
		}
		let summary: ImportSummary;
		try {
			if (!importer) throw new Error(failure?.message ?? 'the import could not start');
			// finish() writes the lines still buffered; after a storage error it writes nothing more and reports what was kept.
			const finishing = performance.now();
			summary = await importer.finish();
			timings.importerMs += performance.now() - finishing;
		} catch (e) {
			failure ??= errorOf(e, 'storage');
			summary = { rowsRead: 0, imported: 0, duplicates: 0, rejected: 0, bytesRead, bytesTotal, elapsedMs: 0, productsCreated: 0, customersCreated: 0, cancelled: false, error: failure };
		} finally {
			db.close();
		}
		const ms = (n: number) => Math.round(n);
		console.info(`import timings: read+decode${options.dialect.sheet !== undefined ? ' (workbook unzip+parse)' : ''} ${ms(timings.readMs)} ms, papaparse ${ms(timings.parseMs)} ms, importer ${ms(timings.importerMs)} ms (storage calls ${timings.storageCalls}, ${ms(timings.storageMs)} ms)`);
		lastRejects = importer?.rejects() ?? [];
		lastHeader = header;
		book = null;
		return { ...summary, bytesRead, bytesTotal, elapsedMs: performance.now() - started, cancelled: cancelRequested, error: summary.error ?? failure };
	},

	/** Stops the running import after the chunk being written; what was written stays. */
	cancel(): void {
		cancelRequested = true;
	},

	/** The last import's rejected rows (the first `limit`), for the result screen. */
	rejects(limit = 100): { rows: RejectedRow[]; total: number } {
		return { rows: lastRejects.slice(0, limit), total: lastRejects.length };
	},

	/** The last import's rejected rows as a CSV file (row, field, reason and the original cells). */
	rejectsCsv(): string {
		return rejectsCsv(lastRejects, lastHeader);
	}
};

expose(api);
export type ImportWorkerApi = typeof api;
