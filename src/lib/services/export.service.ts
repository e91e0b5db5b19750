// The Data page's actions: CSV exports, the full backup and restoring it. The work runs in
// workers/export.worker.ts (one worker per action, ended afterwards); this file starts it, relays
// progress, downloads the Blob it makes and puts failures into the person's language.
import { proxy, wrap, type Remote } from 'comlink';
import type { CsvDecimal, CsvDelimiter, CsvOptions } from '$core/export/csv-writer';
import type { ExportKind } from '$core/export/exports';
import type { StoreCounts } from '$core/repository';
import { i18n, t } from '$lib/i18n/i18n.svelte';
import type { DataFailure, ExportApi, Failure, FileResult } from '$workers/export.worker';

export type Progress = (done: number, total: number) => void;

/** The CSV style a spreadsheet in the person's number format expects: 1.234,5 → ';' and ','. */
export function defaultCsvOptions(): CsvOptions {
	const decimal: CsvDecimal = new Intl.NumberFormat(i18n.formatLocale).format(1.5).includes(',') ? ',' : '.';
	const delimiter: CsvDelimiter = decimal === ',' ? ';' : ',';
	return { delimiter, decimal };
}

async function withWorker<T>(work: (api: Remote<ExportApi>) => Promise<T>): Promise<T> {
	const worker = new Worker(new URL('../../../workers/export.worker.ts', import.meta.url), { type: 'module' });
	// A worker script that cannot load never answers Comlink: fail instead of waiting forever.
	const notStarted = new Promise<never>((_, reject) =>
		worker.addEventListener('error', (e) => reject(dataError('storage', e.message || 'the export worker could not start')), { once: true })
	);
	try {
		return await Promise.race([work(wrap<ExportApi>(worker)), notStarted]);
	} finally {
		worker.terminate();
	}
}

function dataError(code: DataFailure, detail: string): Error {
	console.warn(`data action failed (${code}): ${detail}`);
	// A malformed file's detail says where and why (in English, from the core): show it too.
	const text = code === 'malformed' ? t('data.error.malformed', { detail }) : t(`data.error.${code}`);
	return Object.assign(new Error(text), { name: 'DataError', code });
}

const check = <T extends { ok: true }>(r: T | Failure): T => {
	if (!r.ok) throw dataError(r.code, r.message);
	return r;
};

/** Saves a Blob as a download with the given name. */
export function download(blob: Blob, fileName: string) {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	a.style.display = 'none';
	document.body.append(a);
	a.click();
	a.remove();
	// Give the browser time to start reading the Blob before releasing it.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function downloadResult(result: Promise<FileResult>): Promise<{ fileName: string; rows: number }> {
	const r = check(await result);
	download(r.blob, r.fileName);
	return { fileName: r.fileName, rows: r.rows };
}

/** Exports one CSV and downloads it. Rejects with an Error in the person's language. */
export function exportCsvFile(kind: ExportKind, options: CsvOptions, onProgress?: Progress) {
	return withWorker((api) => downloadResult(api.exportCsv(kind, options, proxy((d: number, n: number) => onProgress?.(d, n)))));
}

/** Makes the full backup and downloads it. */
export function downloadBackup(onProgress?: Progress) {
	return withWorker((api) => downloadResult(api.backup(proxy((d: number, n: number) => onProgress?.(d, n)))));
}

/** Checks a backup file and says what it holds; nothing is written. */
export function inspectBackup(file: File): Promise<{ counts: StoreCounts; createdAt: string }> {
	return withWorker(async (api) => check(await api.inspect(file)));
}

/** Restores a backup file into the empty store. */
export function restoreBackupFile(file: File, onProgress?: Progress): Promise<StoreCounts> {
	return withWorker(async (api) => check(await api.restore(file, proxy((d: number, n: number) => onProgress?.(d, n)))).counts);
}
