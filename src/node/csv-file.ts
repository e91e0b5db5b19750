// A sales file on disk as the import reads it (src/core/import/run-import.ts): its first bytes,
// its bytes in 1 MB chunks, and its records through papaparse, decoded chunk by chunk. Used by
// `inventario import` and by POST /api/v1/import (which spools the upload to a temporary file).
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { decoderLabel, fixWindows1252 } from '../core/import/decode';
import type { CsvSource } from '../core/import/run-import';
import type { Dialect, Encoding } from '../core/import/types';

const CHUNK = 1 << 20;

function readHead(file: string, n: number): Uint8Array {
	const fd = openSync(file, 'r');
	try {
		const buf = new Uint8Array(n);
		const read = readSync(fd, buf, 0, n, 0);
		return buf.subarray(0, read);
	} finally {
		closeSync(fd);
	}
}

/** The file's text, decoded chunk by chunk (BOM dropped), as a stream of strings for papaparse. */
function textStream(file: string, encoding: Encoding, onBytes: (n: number) => void): Readable {
	const decoder = new TextDecoder(decoderLabel(encoding));
	async function* chunks() {
		let first = true;
		for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) {
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

/** Streams every record of the file through papaparse, one chunk per turn of the event loop: onRows(rows, index of rows[0]) may be async. */
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
				// The next chunk is parsed in a later turn of the event loop, so that a server importing
				// a large file goes on answering other requests between chunks.
				parser.pause();
				Promise.resolve(onRows(rows, first)).then(() => setImmediate(() => parser.resume()), (e) => {
					failed = true;
					parser.abort();
					reject(e);
				});
			},
			complete() { if (!failed) resolve(); },
			error(e: Error) { reject(e); }
		});
	});
}

/** A file on disk as a CsvSource; `name` (default: the path) is what the batch is stamped with. */
export function csvFile(file: string, name = file): CsvSource {
	return {
		name,
		size: statSync(file).size,
		head: async (n) => readHead(file, n),
		bytes: async function* () {
			for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) yield chunk as Buffer;
		},
		records: (dialect, onRows, onBytes) => streamRecords(file, dialect, onRows, onBytes)
	};
}
