// CSV exports, the full backup and restoring it, off the main thread: reading ~100,000 sale lines,
// formatting them and parsing a backup of several MB would freeze the page for seconds. The core
// does the work; this file opens the store, makes Blobs and turns failures into codes.
import { expose } from 'comlink';
import { BackupError, createBackup, parseBackup, restoreBackup, type BackupErrorCode } from '$core/backup';
import type { CsvOptions } from '$core/export/csv-writer';
import { exportCsv, exportFileName, type ExportKind } from '$core/export/exports';
import type { StoreCounts } from '$core/repository';
import { isoDay, today } from '$core/time';
import { DexieRepository } from '$lib/db/dexie-repository';
import { InventoryDB } from '$lib/db/inventory-db';

/** Why an export, backup or restore did not happen; the service turns it into words. */
export type DataFailure = BackupErrorCode | 'read' | 'quota' | 'storage';
export type Failure = { ok: false; code: DataFailure; message: string };
export type FileResult = { ok: true; blob: Blob; fileName: string; rows: number } | Failure;
export type BackupInfo = { ok: true; counts: StoreCounts; createdAt: string } | Failure;
export type RestoreResult = { ok: true; counts: StoreCounts } | Failure;

type Progress = (done: number, total: number) => void;

const CSV_TYPE = 'text/csv;charset=utf-8';
const BACKUP_TYPE = 'application/json';

function isQuota(e: unknown): boolean {
	const err = e as { name?: string; inner?: { name?: string } } | null;
	return err?.name === 'QuotaExceededError' || err?.inner?.name === 'QuotaExceededError';
}

function failure(e: unknown, fallback: DataFailure = 'storage'): Failure {
	const message = e instanceof Error ? e.message : String(e);
	if (e instanceof BackupError) return { ok: false, code: e.code, message };
	return { ok: false, code: isQuota(e) ? 'quota' : fallback, message };
}

async function withRepo<T>(work: (repo: DexieRepository) => Promise<T>): Promise<T> {
	const repo = new DexieRepository(new InventoryDB());
	try {
		return await work(repo);
	} finally {
		repo.db.close();
	}
}

async function readText(file: Blob): Promise<string | Failure> {
	try {
		return await file.text();
	} catch (e) {
		return failure(e, 'read');
	}
}

const api = {
	/** One CSV export as a file to download. */
	async exportCsv(kind: ExportKind, options: CsvOptions, onProgress?: Progress): Promise<FileResult> {
		try {
			return await withRepo(async (repo) => {
				const { parts, rows } = await exportCsv(repo, kind, options, (done, total) => void onProgress?.(done, total));
				return { ok: true, blob: new Blob(parts, { type: CSV_TYPE }), fileName: exportFileName(kind, today()), rows };
			});
		} catch (e) {
			return failure(e);
		}
	},

	/** The whole store as one backup file to download. */
	async backup(onProgress?: Progress): Promise<FileResult> {
		try {
			return await withRepo(async (repo) => {
				const { parts, counts } = await createBackup(repo, {}, (done, total) => void onProgress?.(done, total));
				return { ok: true, blob: new Blob(parts, { type: BACKUP_TYPE }), fileName: `smart-inventory-backup-${isoDay(today())}.json`, rows: counts.saleLines };
			});
		} catch (e) {
			return failure(e);
		}
	},

	/** Reads and checks a backup file without writing anything, for the confirmation. */
	async inspect(file: Blob): Promise<BackupInfo> {
		const text = await readText(file);
		if (typeof text !== 'string') return text;
		try {
			const backup = parseBackup(text);
			return { ok: true, counts: backup.counts, createdAt: backup.createdAt };
		} catch (e) {
			return failure(e, 'malformed');
		}
	},

	/** Restores a backup file into the empty store. */
	async restore(file: Blob, onProgress?: Progress): Promise<RestoreResult> {
		const text = await readText(file);
		if (typeof text !== 'string') return text;
		try {
			return await withRepo(async (repo) => ({ ok: true, counts: await restoreBackup(repo, text, (done, total) => void onProgress?.(done, total)) }));
		} catch (e) {
			return failure(e);
		}
	}
};

expose(api);
export type ExportApi = typeof api;
