// Each command's remote form: the same options, parsed by the command's own spec (so the usage
// errors are the local ones), sent to the shop server's /api/v1, and the answer printed with the
// command's own printer, so `inventario stock --server URL` prints what `inventario stock` does.
import { createReadStream, createWriteStream, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { HttpClient } from '../../client/api-client';
import { REJECTS_CSV_ROWS } from '../../core/api/transfer';
import { stockLevels } from '../../client/resources';
import { exportCsv, importCsv } from '../../client/transfer';
import { parseCommandArgs, UsageError } from '../args';
import { exportArgs, exportCommand, wroteLine } from '../commands/export';
import { importCommand, importFile, importOverrides, printImport } from '../commands/import';
import { printStock, stockCommand } from '../commands/stock';
import type { CliIo } from './io';

export type RemoteForm = (client: HttpClient, argv: string[], out: (line: string) => void, io: CliIo) => Promise<number>;

async function stock(client: HttpClient, argv: string[], out: (line: string) => void) {
	const { values, positionals } = parseCommandArgs(argv, stockCommand.options);
	if (positionals.length > 1) throw new UsageError(`expected at most one SKU, got ${positionals.length}`);
	const rows = await stockLevels(client, { sku: positionals[0], low: values.low === true });
	printStock(rows, values, out);
	return 0;
}

async function exportFile(client: HttpClient, argv: string[], out: (line: string) => void) {
	const { kind, delimiter, decimal, file } = exportArgs(argv, exportCommand.options);
	const download = await exportCsv(client, kind, { delimiter: delimiter === '\t' ? 'tab' : delimiter, decimal });
	const bytes = Readable.fromWeb(download.body as WebReadableStream<Uint8Array>);
	if (file !== undefined) {
		await pipeline(bytes, createWriteStream(file));
		out(wroteLine(kind, download.rows, file));
	} else {
		// As locally: the file without its final CRLF (`out` ends the line).
		const text = Buffer.concat(await bytes.toArray()).toString('utf8');
		out(text.endsWith('\r\n') ? text.slice(0, -2) : text);
	}
	return 0;
}

/** The file streamed as the request body (POST /import); --rejects written from the answer. */
async function importSales(client: HttpClient, argv: string[], out: (line: string) => void) {
	const { values, positionals } = parseCommandArgs(argv, importCommand.options);
	const file = importFile(positionals);
	const o = importOverrides(values);
	const upload = () => Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array>;
	const result = await importCsv(client, upload, { source: basename(file), map: o.map, delimiter: o.delimiter, decimal: o.decimal, date_format: o.dateFormat, exclude: o.exclude });
	const rejectsFile = values.rejects === undefined ? undefined : String(values.rejects);
	if (rejectsFile !== undefined) writeFileSync(rejectsFile, '\uFEFF' + result.rejects_csv);
	printImport(result, { file, json: values.json === true, rejectsFile }, out);
	if (rejectsFile !== undefined && result.rejected > REJECTS_CSV_ROWS) out(`(The server sends the first ${REJECTS_CSV_ROWS} rejected rows: ${rejectsFile} holds those of the ${result.rejected}.)`);
	return 0;
}

/** The commands that run against a server, by name; the others run locally only. */
export const REMOTE_FORMS: Partial<Record<string, RemoteForm>> = { stock, import: importSales, export: exportFile };
