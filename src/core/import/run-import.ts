// One import of a whole sales file, as `inventario import` and POST /api/v1/import both run it:
// detection from the first 64 KB, the whole-file UTF-8 check, the caller's overrides (mapping,
// delimiter, decimal mark, date format, exclusions), the whole date column read when the sample
// leaves the date order open, then the file streamed through SalesImporter. The bytes come from
// a CsvSource (a file on disk for both: the server spools an upload to a temporary file, so a
// large upload is read twice from disk, never held in memory). See docs/import.md.
import { newId } from '../ids';
import type { InventoryRepository } from '../repository';
import { decodeBytes, detectEncoding, Utf8Check } from './decode';
import { identifyFile, REFUSAL_TEXT } from './file-kind';
import { DEFAULT_CANCELLATION_PREFIXES, DEFAULT_EXCLUDED_SKUS, SalesImporter } from './importer';
import { DateOrderScan, foldHeader, SNIFF_BYTES, sniffText } from './sniff';
import { IMPORT_FIELDS, type ColumnMapping, type DateOrder, type DecimalMark, type Delimiter, type Dialect, type Encoding, type FileSniff, type ImportField, type ImportSummary, type RejectedRow } from './types';
import { DATE_FORMAT_NAME } from './values';

/** A sales file that can be read more than once (detection, UTF-8 check, date scan, import). */
export interface CsvSource {
	/** The file's name: the batch is stamped `import:<name>`. */
	name: string;
	/** Bytes in the file. */
	size: number;
	/** The first `n` bytes (fewer when the file is shorter). */
	head(n: number): Promise<Uint8Array>;
	/** Every byte, in chunks. */
	bytes(): AsyncIterable<Uint8Array>;
	/**
	 * Every record of the file parsed with the dialect (decoded incrementally, BOM dropped):
	 * onRows(rows, 0-based index of rows[0]) may return a promise, which pauses the parse.
	 */
	records(dialect: Dialect, onRows: (rows: string[][], firstIndex: number) => Promise<void> | void, onBytes?: (n: number) => void): Promise<void>;
}

/** What the caller may override, as text (command-line options, query parameters). */
export interface ImportRequest {
	/** "field=Column,..." (header names or 1-based numbers; "field=" removes a mapping). */
	map?: string;
	delimiter?: string;
	decimal?: string;
	/** yyyy-mm-dd, dd/mm/yyyy, mm/dd/yyyy (also ymd, dmy, mdy, iso). */
	dateFormat?: string;
	/** "SKU,..." or "none". */
	exclude?: string;
}

export type ImportOption = keyof ImportRequest;

/** How the caller spells its options in messages: `--date-format X` or `date_format=X`. */
export interface OptionSpelling {
	names: Record<ImportOption, string>;
	/** Between an option and its value. */
	separator: string;
}

export const CLI_SPELLING: OptionSpelling = {
	names: { map: '--map', delimiter: '--delimiter', decimal: '--decimal', dateFormat: '--date-format', exclude: '--exclude' },
	separator: ' '
};

/**
 * The request cannot import this file: a bad option, or a file that cannot be read as sales.
 * `option` names the option at fault, or 'file'.
 */
export class ImportRequestError extends Error {
	constructor(readonly option: ImportOption | 'file', message: string) {
		super(message);
		this.name = 'ImportRequestError';
	}
}

const DELIMITER_NAMES: Record<string, Delimiter> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\\t': '\t', '\t': '\t', '|': '|', pipe: '|' };
const DECIMAL_NAMES: Record<string, DecimalMark> = { '.': '.', dot: '.', point: '.', ',': ',', comma: ',' };

/** "dd/mm/yyyy", "DD-MM-YY", "dmy", "iso" → 'dmy' etc. */
export function parseDateFormat(text: string): DateOrder | null {
	const t = text.trim().toLowerCase();
	if (t === 'iso') return 'ymd';
	const letters = t.replace(/[^dmy]/g, '').replace(/(.)\1+/g, '$1');
	return letters === 'ymd' || letters === 'dmy' || letters === 'mdy' ? letters : null;
}

const sharesSkuColumn = (a: ImportField, b: ImportField) =>
	(a === 'sku' && (b === 'size' || b === 'color')) || (b === 'sku' && (a === 'size' || a === 'color'));

/** Applies a "field=Column,..." override to the detected mapping. */
export function applyMap(spec: string, header: string[], mapping: ColumnMapping, spelling: OptionSpelling = CLI_SPELLING): ColumnMapping {
	const map = spelling.names.map;
	const out: ColumnMapping = { ...mapping };
	const folded = header.map(foldHeader);
	for (const part of spec.split(',')) {
		if (part.trim() === '') continue;
		const eq = part.indexOf('=');
		if (eq < 0) throw new ImportRequestError('map', `${map} "${part}": write field=Column`);
		const field = part.slice(0, eq).trim() as ImportField;
		const column = part.slice(eq + 1).trim();
		if (!IMPORT_FIELDS.includes(field)) throw new ImportRequestError('map', `${map}: unknown field "${field}"; fields are ${IMPORT_FIELDS.join(', ')}`);
		if (field === 'dateTime') delete out.date;
		if (field === 'date') delete out.dateTime;
		if (column === '') {
			delete out[field];
			continue;
		}
		let index = folded.indexOf(foldHeader(column));
		if (index < 0 && /^\d+$/.test(column) && Number(column) >= 1 && Number(column) <= header.length) index = Number(column) - 1;
		if (index < 0) throw new ImportRequestError('map', `${map}${spelling.separator}${field}=${column}: the file has no column "${column}"; its columns are ${header.map((h) => `"${h}"`).join(', ')}`);
		// One column, one field; but a size (and colour) may be coded in the SKU column itself.
		for (const f of IMPORT_FIELDS) if (out[f] === index && f !== field && !sharesSkuColumn(f, field)) delete out[f];
		out[field] = index;
	}
	return out;
}

/** What detection and the overrides decided: everything the import needs, and what to report. */
export interface ImportPlan {
	encoding: Encoding;
	sniff: FileSniff;
	dialect: Dialect;
	mapping: ColumnMapping;
	/** Product columns of a wide layout (one row per day), unpivoted. */
	wide?: number[];
	exclusions: string[];
}

/** Detects the file's dialect and columns and applies the overrides; reads the whole file when it must. */
export async function planImport(source: CsvSource, request: ImportRequest = {}, spelling: OptionSpelling = CLI_SPELLING): Promise<ImportPlan> {
	const n = spelling.names;
	const say = (option: ImportOption, value: string) => `${n[option]}${spelling.separator}${value}`;
	if (source.size === 0) throw new ImportRequestError('file', `"${source.name}" is empty`);
	let delimiter: Delimiter | undefined;
	if (request.delimiter !== undefined) {
		delimiter = DELIMITER_NAMES[request.delimiter] ?? DELIMITER_NAMES[request.delimiter.toLowerCase()];
		if (!delimiter) throw new ImportRequestError('delimiter', `${n.delimiter} "${request.delimiter}": use , ; tab or |`);
	}
	const sample = await source.head(SNIFF_BYTES);
	// Only the head is at hand: a ZIP is judged by the local headers it holds (a workbook lists xl/workbook.xml early).
	const kind = identifyFile(sample, sample.length === source.size ? sample : new Uint8Array(0), source.size);
	if (kind.kind === 'refused') throw new ImportRequestError('file', `"${source.name}": ${REFUSAL_TEXT[kind.what]}`);
	if (kind.kind === 'workbook') throw new ImportRequestError('file', `"${source.name}" is an Excel workbook: the app's import wizard reads it; here, save it as CSV first`);
	let encoding = detectEncoding(sample);
	if (encoding === 'utf-8' && source.size > sample.length) {
		// The sample may be plain ASCII in a Windows-1252 file: check every byte.
		const check = new Utf8Check();
		for await (const chunk of source.bytes()) if (!check.push(chunk)) break;
		if (!check.end()) encoding = 'windows-1252';
	}
	const sniff = sniffText(decodeBytes(sample, encoding), encoding, { delimiter });
	const dialect: Dialect = { ...sniff.dialect };
	if (request.decimal !== undefined) {
		const d = DECIMAL_NAMES[request.decimal.toLowerCase()];
		if (!d) throw new ImportRequestError('decimal', `${n.decimal} "${request.decimal}": use . or ,`);
		dialect.decimal = d;
	}
	const columns = () => sniff.header.map((h) => `"${h}"`).join(', ');
	const mapping = request.map !== undefined ? applyMap(request.map, sniff.header, sniff.mapping, spelling) : sniff.mapping;
	if (mapping.dateTime === undefined && mapping.date === undefined) throw new ImportRequestError('map', `no date column found among ${columns()}; name it with ${say('map', 'dateTime=Column')}`);
	const wide = sniff.wideColumns && mapping.sku === undefined && mapping.productName === undefined && mapping.quantity === undefined ? sniff.wideColumns : undefined;
	if (!wide && mapping.sku === undefined && mapping.productName === undefined && mapping.style === undefined) throw new ImportRequestError('map', `no product column found among ${columns()}; name it with ${say('map', 'sku=Column')} (or productName=Column)`);

	if (request.dateFormat !== undefined) {
		const order = parseDateFormat(request.dateFormat);
		if (!order) throw new ImportRequestError('dateFormat', `${n.dateFormat} "${request.dateFormat}": use yyyy-mm-dd, dd/mm/yyyy or mm/dd/yyyy`);
		dialect.dateOrder = order;
		dialect.dateOrderCandidates = [order];
	} else if (dialect.dateOrder === null || mapping.dateTime !== sniff.mapping.dateTime || mapping.date !== sniff.mapping.date) {
		// The first 64 KB may hold only days up to 12: read the whole date column before asking.
		const column = (mapping.dateTime ?? mapping.date)!;
		const scan = new DateOrderScan();
		let example = '';
		await source.records(dialect, (rows, first) => {
			for (let i = Math.max(0, dialect.headerRow + 1 - first); i < rows.length; i++) {
				const cell = rows[i][column];
				if (cell === undefined) continue;
				if (example === '' && cell.trim() !== '') example = cell.trim();
				scan.add(cell);
			}
		});
		const candidates = scan.candidates;
		const name = sniff.header[column];
		if (candidates.length === 0) throw new ImportRequestError('map', `the column "${name}" holds no dates this import can read (e.g. "${example}"); choose another with ${say('map', 'dateTime=Column')}`);
		if (candidates.length > 1) {
			throw new ImportRequestError('dateFormat', `the dates in "${name}" fit more than one format: ${candidates.map((o) => DATE_FORMAT_NAME[o]).join(' or ')} (e.g. "${example}"). ` +
				`Say which one with ${candidates.map((o) => say('dateFormat', DATE_FORMAT_NAME[o])).join(' or ')}`);
		}
		dialect.dateOrder = candidates[0];
		dialect.dateOrderCandidates = candidates;
	}

	let exclusions = DEFAULT_EXCLUDED_SKUS;
	if (request.exclude !== undefined) exclusions = request.exclude.toLowerCase() === 'none' ? [] : request.exclude.split(',').map((s) => s.trim()).filter((s) => s !== '');
	return { encoding, sniff, dialect, mapping, ...(wide ? { wide } : {}), exclusions };
}

/** The outcome of one import. */
export interface ImportRun {
	summary: ImportSummary;
	/** Every rejected row, in file order. */
	rejects: RejectedRow[];
	seconds: number;
	/** Reading or parsing the file failed part way (what was written before stays). */
	parseError: Error | null;
}

/** Field → the header name of its column. */
export const mappedColumns = (plan: ImportPlan): Record<string, string> =>
	Object.fromEntries(Object.entries(plan.mapping).map(([f, i]) => [f, plan.sniff.header[i as number]]));

/** The store's device id (made and kept on first use), stamped on the imported sales. */
export async function storeDeviceId(repo: InventoryRepository): Promise<string> {
	let deviceId = await repo.getSetting<string>('deviceId');
	if (!deviceId) {
		deviceId = newId();
		await repo.putSetting('deviceId', deviceId);
	}
	return deviceId;
}

/** Streams the file through the engine into the repository. */
export async function runImport(repo: InventoryRepository, source: CsvSource, plan: ImportPlan, deviceId: string): Promise<ImportRun> {
	const { dialect, mapping, sniff, wide } = plan;
	const started = performance.now();
	const importer = await SalesImporter.open(repo, {
		dialect, mapping, exclusions: { skus: plan.exclusions }, cancellationPrefixes: DEFAULT_CANCELLATION_PREFIXES,
		source: `import:${source.name}`, deviceId, header: sniff.header, ...(wide ? { wide: { columns: wide } } : {})
	});
	let bytesRead = 0;
	const dataStart = dialect.headerRow + 1;
	let parseError: Error | null = null;
	try {
		await source.records(dialect, async (rows, first) => {
			const skip = Math.max(0, dataStart - first);
			importer.setBytes(bytesRead, source.size);
			if (skip < rows.length) await importer.addRows(skip === 0 ? rows : rows.slice(skip), first + skip + 1);
		}, (n) => { bytesRead += n; });
	} catch (e) {
		parseError = e as Error;
	}
	importer.setBytes(bytesRead, source.size);
	const summary = await importer.finish();
	return { summary, rejects: importer.rejects(), seconds: (performance.now() - started) / 1000, parseError };
}

/** The message for an import that stopped part way, or null when it read the file to the end. */
export function importFailure(run: ImportRun): string | null {
	const { summary, parseError } = run;
	if (!summary.error && !parseError) return null;
	return summary.error?.code === 'quota'
		? 'storage is full: the lines written so far are kept; free space and import the file again to add the rest'
		: `import stopped: ${(summary.error ?? parseError)!.message}; the lines written so far are kept, import the file again to add the rest`;
}

/**
 * The repository as an import sees it without storing anything (a dry run): reads go through,
 * the import's writes (sales, suppliers, settings) are dropped.
 */
export function readOnlyForImport<R extends InventoryRepository>(repo: R): R {
	const dropped = new Set<PropertyKey>(['appendSales', 'putSupplier', 'putSetting', 'putProduct', 'putCustomer', 'addMovements']);
	return new Proxy(repo, {
		get(target, key, receiver) {
			if (dropped.has(key)) return async () => {};
			const value = Reflect.get(target, key, receiver);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}
