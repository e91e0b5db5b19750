// inventario import FILE: reads a POS sales export (any common dialect) into the SQLite store
// through the same engine as the app's import wizard. See docs/import.md.
import { createReadStream, existsSync, openSync, readSync, closeSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { newId } from '../../core/ids';
import { decodeBytes, decoderLabel, detectEncoding, fixWindows1252, Utf8Check } from '../../core/import/decode';
import { DEFAULT_CANCELLATION_PREFIXES, DEFAULT_EXCLUDED_SKUS, rejectsCsv, SalesImporter } from '../../core/import/importer';
import { DateOrderScan, foldHeader, SNIFF_BYTES, sniffText } from '../../core/import/sniff';
import { IMPORT_FIELDS, type ColumnMapping, type DateOrder, type DecimalMark, type Delimiter, type Dialect, type Encoding, type ImportField } from '../../core/import/types';
import { DATE_FORMAT_NAME } from '../../core/import/values';
import type { InventoryRepository } from '../../core/repository';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { printJson } from '../output';

const USAGE = `inventario import FILE [--map field=Column,...] [--delimiter X] [--decimal X]
                 [--date-format X] [--rejects FILE] [--json] [--db FILE]

  Imports the sales lines of a CSV export (POS, web shop): sales, stock movements, and the
  products and customers it has not seen (marked "created by import"). Encoding, delimiter,
  decimal mark, date format, header row and columns are detected as in the app's wizard.
  Importing the same file again, or an overlapping one, adds no duplicate lines.
  Rows that cannot be imported are counted and listed with their row, field and reason.

  --map field=Column,...  map columns by header name (or 1-based number); fields:
                          ${IMPORT_FIELDS.join(', ')}
                          "field=" removes a detected mapping
  --delimiter X           , ; tab |   (also: comma, semicolon, pipe)
  --decimal X             . or ,      (also: dot, comma)
  --date-format X         yyyy-mm-dd, dd/mm/yyyy or mm/dd/yyyy (also: ymd, dmy, mdy, iso);
                          required when the dates fit more than one format
  --exclude SKU,...       non-product codes to skip (default: ${DEFAULT_EXCLUDED_SKUS.join(', ')});
                          "--exclude none" imports every code
  --rejects FILE          write the rejected rows as CSV (row, field, reason, the row's cells)
  --json                  machine-readable summary
  --db FILE               SQLite file (default ./inventario.db)

  Exit code 0 when the file was read to the end (rejected rows included), 1 when storage failed,
  2 on bad options or a file that cannot be read as sales.`;

const DELIMITER_NAMES: Record<string, Delimiter> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\\t': '\t', '\t': '\t', '|': '|', pipe: '|' };
const DECIMAL_NAMES: Record<string, DecimalMark> = { '.': '.', dot: '.', point: '.', ',': ',', comma: ',' };

/** "dd/mm/yyyy", "DD-MM-YY", "dmy", "iso" → 'dmy' etc. */
export function parseDateFormat(text: string): DateOrder | null {
	const t = text.trim().toLowerCase();
	if (t === 'iso') return 'ymd';
	const letters = t.replace(/[^dmy]/g, '').replace(/(.)\1+/g, '$1');
	return letters === 'ymd' || letters === 'dmy' || letters === 'mdy' ? letters : null;
}

/** Applies --map to the detected mapping. */
export function applyMap(spec: string, header: string[], mapping: ColumnMapping): ColumnMapping {
	const out: ColumnMapping = { ...mapping };
	const folded = header.map(foldHeader);
	for (const part of spec.split(',')) {
		if (part.trim() === '') continue;
		const eq = part.indexOf('=');
		if (eq < 0) throw new UsageError(`--map "${part}": write field=Column`);
		const field = part.slice(0, eq).trim() as ImportField;
		const column = part.slice(eq + 1).trim();
		if (!IMPORT_FIELDS.includes(field)) throw new UsageError(`--map: unknown field "${field}"; fields are ${IMPORT_FIELDS.join(', ')}`);
		if (field === 'dateTime') delete out.date;
		if (field === 'date') delete out.dateTime;
		if (column === '') {
			delete out[field];
			continue;
		}
		let index = folded.indexOf(foldHeader(column));
		if (index < 0 && /^\d+$/.test(column) && Number(column) >= 1 && Number(column) <= header.length) index = Number(column) - 1;
		if (index < 0) throw new UsageError(`--map ${field}=${column}: the file has no column "${column}"; its columns are ${header.map((h) => `"${h}"`).join(', ')}`);
		for (const f of IMPORT_FIELDS) if (out[f] === index && f !== field) delete out[f];
		out[field] = index;
	}
	return out;
}

function readSample(file: string): Uint8Array {
	const fd = openSync(file, 'r');
	try {
		const buf = new Uint8Array(SNIFF_BYTES);
		const n = readSync(fd, buf, 0, SNIFF_BYTES, 0);
		return buf.subarray(0, n);
	} finally {
		closeSync(fd);
	}
}

/** The file's text, decoded chunk by chunk (BOM dropped), as a stream of strings for papaparse. */
function textStream(file: string, encoding: Encoding, onBytes: (n: number) => void): Readable {
	const decoder = new TextDecoder(decoderLabel(encoding));
	async function* chunks() {
		let first = true;
		for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
			onBytes((chunk as Buffer).length);
			let text = decoder.decode(chunk as Buffer, { stream: true });
			if (encoding === 'windows-1252') text = fixWindows1252(text);
			if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
			first = false;
			if (text !== '') yield text;
		}
		const rest = decoder.decode();
		if (rest !== '') yield rest;
	}
	return Readable.from(chunks(), { objectMode: true });
}

/** Streams every record of the file through papaparse: onRows(rows, index of rows[0]) may be async. */
export function streamRecords(file: string, dialect: Dialect, onRows: (rows: string[][], firstIndex: number) => Promise<void> | void, onBytes: (n: number) => void = () => {}): Promise<void> {
	return new Promise((resolve, reject) => {
		let index = 0;
		let failed = false;
		Papa.parse<string[]>(textStream(file, dialect.encoding, onBytes) as unknown as File, {
			delimiter: dialect.delimiter,
			skipEmptyLines: false,
			chunk(results, parser) {
				const rows = results.data;
				const first = index;
				index += rows.length;
				const done = onRows(rows, first);
				if (done instanceof Promise) {
					parser.pause();
					done.then(() => parser.resume(), (e) => {
						failed = true;
						parser.abort();
						reject(e);
					});
				}
			},
			complete() { if (!failed) resolve(); },
			error(e: Error) { reject(e); }
		});
	});
}

export const importCommand: Command = {
	name: 'import',
	summary: 'Import sales lines from a CSV export (auto-detected dialect and columns)',
	usage: USAGE,
	options: {
		map: { type: 'string' }, delimiter: { type: 'string' }, decimal: { type: 'string' }, 'date-format': { type: 'string' },
		rejects: { type: 'string' }, json: { type: 'boolean' }, exclude: { type: 'string' }
	},
	async run(repo: InventoryRepository, argv: string[], out) {
		const { values, positionals } = parseCommandArgs(argv, this.options);
		if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'which file? Give the CSV file to import' : `one file at a time (got ${positionals.length})`);
		const file = positionals[0];
		if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`cannot read "${file}": no such file`);
		const bytesTotal = statSync(file).size;
		if (bytesTotal === 0) throw new UsageError(`"${file}" is empty`);

		let delimiter: Delimiter | undefined;
		if (values.delimiter !== undefined) {
			delimiter = DELIMITER_NAMES[String(values.delimiter)] ?? DELIMITER_NAMES[String(values.delimiter).toLowerCase()];
			if (!delimiter) throw new UsageError(`--delimiter "${values.delimiter}": use , ; tab or |`);
		}
		const sample = readSample(file);
		let encoding = detectEncoding(sample);
		if (encoding === 'utf-8' && bytesTotal > sample.length) {
			// The sample may be plain ASCII in a Windows-1252 file: check every byte.
			const check = new Utf8Check();
			for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) if (!check.push(chunk as Buffer)) break;
			if (!check.end()) encoding = 'windows-1252';
		}
		const sampleText = decodeBytes(sample, encoding);
		const sniff = sniffText(sampleText, encoding, { delimiter });
		const dialect: Dialect = { ...sniff.dialect };
		if (values.decimal !== undefined) {
			const d = DECIMAL_NAMES[String(values.decimal).toLowerCase()];
			if (!d) throw new UsageError(`--decimal "${values.decimal}": use . or ,`);
			dialect.decimal = d;
		}
		const mapping = values.map !== undefined ? applyMap(String(values.map), sniff.header, sniff.mapping) : sniff.mapping;
		if (mapping.dateTime === undefined && mapping.date === undefined) throw new UsageError(`no date column found among ${sniff.header.map((h) => `"${h}"`).join(', ')}; name it with --map dateTime=Column`);
		const wide = sniff.wideColumns && mapping.sku === undefined && mapping.productName === undefined && mapping.quantity === undefined ? sniff.wideColumns : undefined;
		if (!wide && mapping.sku === undefined && mapping.productName === undefined) throw new UsageError(`no product column found among ${sniff.header.map((h) => `"${h}"`).join(', ')}; name it with --map sku=Column (or productName=Column)`);

		if (values['date-format'] !== undefined) {
			const order = parseDateFormat(String(values['date-format']));
			if (!order) throw new UsageError(`--date-format "${values['date-format']}": use yyyy-mm-dd, dd/mm/yyyy or mm/dd/yyyy`);
			dialect.dateOrder = order;
			dialect.dateOrderCandidates = [order];
		} else if (dialect.dateOrder === null || mapping.dateTime !== sniff.mapping.dateTime || mapping.date !== sniff.mapping.date) {
			// The first 64 KB may hold only days up to 12: read the whole date column before asking.
			const column = (mapping.dateTime ?? mapping.date)!;
			const scan = new DateOrderScan();
			let example = '';
			await streamRecords(file, dialect, (rows, first) => {
				for (let i = Math.max(0, dialect.headerRow + 1 - first); i < rows.length; i++) {
					const cell = rows[i][column];
					if (cell === undefined) continue;
					if (example === '' && cell.trim() !== '') example = cell.trim();
					scan.add(cell);
				}
			});
			const candidates = scan.candidates;
			const column_ = sniff.header[column];
			if (candidates.length === 0) throw new UsageError(`the column "${column_}" holds no dates this import can read (e.g. "${example}"); choose another with --map dateTime=Column`);
			if (candidates.length > 1) {
				throw new UsageError(`the dates in "${column_}" fit more than one format: ${candidates.map((o) => DATE_FORMAT_NAME[o]).join(' or ')} (e.g. "${example}"). ` +
					`Say which one with ${candidates.map((o) => `--date-format ${DATE_FORMAT_NAME[o]}`).join(' or ')}`);
			}
			dialect.dateOrder = candidates[0];
			dialect.dateOrderCandidates = candidates;
		}

		let exclusions = DEFAULT_EXCLUDED_SKUS;
		if (values.exclude !== undefined) exclusions = String(values.exclude).toLowerCase() === 'none' ? [] : String(values.exclude).split(',').map((s) => s.trim()).filter((s) => s !== '');
		let deviceId = await repo.getSetting<string>('deviceId');
		if (!deviceId) {
			deviceId = newId();
			await repo.putSetting('deviceId', deviceId);
		}
		const started = performance.now();
		const importer = await SalesImporter.open(repo, {
			dialect, mapping, exclusions: { skus: exclusions }, cancellationPrefixes: DEFAULT_CANCELLATION_PREFIXES,
			source: `import:${basename(file)}`, deviceId, header: sniff.header, ...(wide ? { wide: { columns: wide } } : {})
		});
		let bytesRead = 0;
		const dataStart = dialect.headerRow + 1;
		let storageError: Error | null = null;
		try {
			await streamRecords(file, dialect, async (rows, first) => {
				const skip = Math.max(0, dataStart - first);
				importer.setBytes(bytesRead, bytesTotal);
				if (skip < rows.length) await importer.addRows(skip === 0 ? rows : rows.slice(skip), first + skip + 1);
			}, (n) => { bytesRead += n; });
		} catch (e) {
			storageError = e as Error;
		}
		importer.setBytes(bytesRead, bytesTotal);
		const summary = await importer.finish();
		const seconds = (performance.now() - started) / 1000;
		const rejects = importer.rejects();
		if (values.rejects !== undefined) writeFileSync(String(values.rejects), '\uFEFF' + rejectsCsv(rejects, sniff.header));
		const columns = Object.fromEntries(Object.entries(mapping).map(([f, i]) => [f, sniff.header[i as number]]));
		if (values.json) {
			printJson({
				file, encoding, delimiter: dialect.delimiter, decimal: dialect.decimal, dateFormat: DATE_FORMAT_NAME[dialect.dateOrder!], headerRow: dialect.headerRow + 1,
				mapping: columns, wideColumns: wide ? wide.map((c) => sniff.header[c]) : undefined, linesRead: summary.rowsRead, imported: summary.imported, duplicates: summary.duplicates, rejected: summary.rejected,
				blankLines: summary.blank ?? 0, productsCreated: summary.productsCreated, customersCreated: summary.customersCreated,
				seconds: Number(seconds.toFixed(2)), rejectsFile: values.rejects ?? null, error: summary.error ?? (storageError ? { code: 'parse', message: storageError.message } : null),
				rejects: values.rejects === undefined ? rejects.slice(0, 20).map(({ row, field, code, reason }) => ({ row, field, code, reason })) : undefined
			}, out);
		} else {
			out(`${basename(file)}: ${encoding}, delimiter ${dialect.delimiter === '\t' ? 'tab' : `"${dialect.delimiter}"`}, decimal "${dialect.decimal}", dates ${DATE_FORMAT_NAME[dialect.dateOrder!]}`);
			out(`Columns: ${Object.entries(columns).map(([f, c]) => `${f}=${c}`).join(', ')}`);
			if (wide) out(`Wide layout: one line per day and product column (${wide.map((c) => sniff.header[c]).join(', ')}); lines are product cells, empty and 0 cells count as blank`);
			out(`Lines read: ${summary.rowsRead}`);
			out(`Imported: ${summary.imported}`);
			out(`Duplicates skipped: ${summary.duplicates}`);
			out(`Rejected: ${summary.rejected}`);
			if (summary.blank) out(`${wide ? 'Empty or 0 cells' : 'Blank lines'} ignored: ${summary.blank}`);
			out(`New products: ${summary.productsCreated}, new customers: ${summary.customersCreated} (marked "created by import"); ${seconds.toFixed(1)} s`);
			if (rejects.length > 0) {
				const byCode = new Map<string, number>();
				for (const r of rejects) byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
				out(`Rejected by reason: ${[...byCode].map(([c, n]) => `${c} ${n}`).join(', ')}`);
				for (const r of rejects.slice(0, 10)) out(`  row ${r.row}, ${r.field}: ${r.reason}`);
				if (rejects.length > 10) out(`  … ${rejects.length - 10} more${values.rejects === undefined ? ' (write them all with --rejects FILE)' : ''}`);
				if (values.rejects !== undefined) out(`Rejected rows written to ${String(values.rejects)}`);
			}
		}
		if (summary.error || storageError) {
			throw new Error(summary.error?.code === 'quota' ? 'storage is full: the lines written so far are kept; free space and import the file again to add the rest' : `import stopped: ${(summary.error ?? storageError)!.message}; the lines written so far are kept, import the file again to add the rest`);
		}
		return 0;
	}
};
