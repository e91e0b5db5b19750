// Import and export through /api/v1: a POS CSV uploaded as the request body, a CSV file
// downloaded as a stream; typed by the schemas in src/core/api/transfer.ts.
import type { ExportKind } from '../core/export/exports';
import type { ImportQueryInput, ImportResultBody } from '../core/api/transfer';
import type { HttpClient } from './api-client';

/**
 * POST /import: `body` makes the upload afresh for each attempt (a file stream, a Blob), so a
 * retry after a token refresh sends the file again.
 */
export const importCsv = (client: HttpClient, body: () => BodyInit, query: ImportQueryInput = {}) =>
	client.json<ImportResultBody>('POST', '/import', { query, body, headers: { 'content-type': 'text/csv' } });

export interface ExportDownload {
	/** The CSV bytes as they arrive. */
	body: ReadableStream<Uint8Array>;
	/** Data rows (sale lines for sales), from the X-Export-Rows header. */
	rows: number;
}

/** GET /export/{kind}: the file as a stream. */
export async function exportCsv(client: HttpClient, kind: ExportKind, query: { delimiter?: ',' | ';' | 'tab'; decimal?: '.' | ',' } = {}): Promise<ExportDownload> {
	const response = await client.request('GET', `/export/${kind}`, { query, headers: { accept: 'text/csv, application/problem+json' } });
	return { body: response.body ?? new Response('').body!, rows: Number(response.headers.get('x-export-rows') ?? 0) };
}
