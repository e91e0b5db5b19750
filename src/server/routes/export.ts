// GET /api/v1/export/{kind}: the shop's sales lines, products, movements, customers or suppliers
// as the CSV file `inventario export` writes (the same core: src/core/export/, columns in
// docs/export.md), streamed: the rows are formatted part by part as the response is sent.
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../core/api/problem';
import { ExportParams, ExportQuery } from '../../core/api/transfer';
import { EXPORT_COLUMNS, EXPORT_KINDS, exportCsvChunks, exportFileName } from '../../core/export/exports';
import { today } from '../../core/time';
import { shopRepository } from '../context';

const tags = ['import and export'];

/** The parts one by one, letting other requests run between two (each part is a few thousand rows). */
async function* taking(parts: Iterable<string>) {
	for (const part of parts) {
		yield part;
		await nextTurn();
	}
}

export default async function exportRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();

	app.get('/export/:kind', {
		config: { access: 'admin' },
		schema: {
			tags, summary: 'Export sales lines, products, movements, customers or suppliers as CSV',
			description: 'UTF-8 with a byte order mark, CRLF line ends, fixed English column names (the same file as `inventario export KIND`), ' +
				'sent as an attachment. Text cells starting with = + - @ tab or CR get a leading \'. Columns:\n' +
				EXPORT_KINDS.map((k) => `- ${k}: ${EXPORT_COLUMNS[k].join(', ')}`).join('\n'),
			params: ExportParams,
			querystring: ExportQuery,
			produces: ['text/csv'],
			response: {
				200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
				...problems(400, 401, 403)
			}
		}
	}, async (request, reply) => {
		const { kind } = request.params;
		const { delimiter, decimal } = request.query;
		const { chunks, rows } = await exportCsvChunks(shopRepository(request), kind, { delimiter: delimiter === 'tab' ? '\t' : delimiter, decimal });
		return reply
			.type('text/csv; charset=utf-8')
			.header('content-disposition', `attachment; filename="${exportFileName(kind, today())}"`)
			.header('x-export-rows', String(rows))
			.send(Readable.from(taking(chunks), { objectMode: false }) as unknown as string);
	});
}
