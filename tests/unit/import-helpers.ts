// Shared by the import specs: a file's bytes through detection, papaparse and the SalesImporter,
// the way the wizard's worker and the CLI drive the engine.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { decodeBytes, detectEncoding } from '../../src/core/import/decode';
import { DEFAULT_CANCELLATION_PREFIXES, DEFAULT_EXCLUDED_SKUS, SalesImporter } from '../../src/core/import/importer';
import { sniffText, SNIFF_BYTES } from '../../src/core/import/sniff';
import type { DateOrder, FileSniff } from '../../src/core/import/types';
import type { InventoryRepository } from '../../src/core/repository';

export const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/csv/${name}`, import.meta.url)));
export const DATA = new URL('../../../shared/data/', import.meta.url);
export const dataFile = (path: string) => new Uint8Array(readFileSync(new URL(path, DATA)));

export function sniffBytes(bytes: Uint8Array): FileSniff {
	const encoding = detectEncoding(bytes.subarray(0, SNIFF_BYTES));
	return sniffText(decodeBytes(bytes.subarray(0, SNIFF_BYTES), encoding), encoding);
}

export interface ImportRun {
	/** Rows per addRows call (default 1,000). */
	chunk?: number;
	dateOrder?: DateOrder;
	/** Stop after this many chunks without finish(), as a killed tab would. */
	killAfterChunks?: number;
	exclusions?: string[];
}

export async function importBytes(repo: InventoryRepository, bytes: Uint8Array, run: ImportRun = {}) {
	const encoding = detectEncoding(bytes.subarray(0, SNIFF_BYTES));
	const text = decodeBytes(bytes, encoding);
	const sniff = sniffText(text.slice(0, SNIFF_BYTES), encoding);
	const dialect = { ...sniff.dialect };
	if (run.dateOrder) dialect.dateOrder = run.dateOrder;
	const importer = await SalesImporter.open(repo, {
		dialect, mapping: sniff.mapping, exclusions: { skus: run.exclusions ?? DEFAULT_EXCLUDED_SKUS },
		cancellationPrefixes: DEFAULT_CANCELLATION_PREFIXES, source: 'import:test', deviceId: 'test-device', header: sniff.header
	});
	const rows = Papa.parse<string[]>(text, { delimiter: dialect.delimiter, skipEmptyLines: false }).data;
	const data = rows.slice(dialect.headerRow + 1);
	const chunk = run.chunk ?? 1000;
	let chunks = 0;
	for (let i = 0; i < data.length; i += chunk) {
		if (run.killAfterChunks !== undefined && chunks === run.killAfterChunks) return { sniff, importer, summary: null, rejects: importer.rejects(), dataRows: data.length };
		await importer.addRows(data.slice(i, i + chunk), dialect.headerRow + 2 + i);
		chunks++;
	}
	const summary = await importer.finish();
	return { sniff, importer, summary, rejects: importer.rejects(), dataRows: data.length };
}
