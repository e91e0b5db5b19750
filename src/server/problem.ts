// Turns every failure into application/problem+json (RFC 9457) naming the field and the reason:
// validation, bodies refused before parsing (413, 415), auth, missing records, duplicates.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppFallback } from './static-app';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { FieldErrorBody, ProblemBody } from '../core/api/problem';
import { DuplicateError, NotFoundError } from '../core/repository';

const PROBLEM_BASE = 'https://smart-inventory.local/problems/';

export class HttpProblem extends Error {
	constructor(
		readonly status: number,
		readonly kind: string,
		readonly title: string,
		readonly detail?: string,
		readonly errors?: FieldErrorBody[],
		/** Extra headers, e.g. Retry-After on 429. */
		readonly headers: Record<string, string> = {},
		/** Extension members of the body (RFC 9457 §3.2), e.g. last_applied on a sync gap. */
		readonly extensions: Record<string, unknown> = {}
	) {
		super(detail ?? title);
		this.name = 'HttpProblem';
	}
}

export const invalid = (field: string, reason: string) => new HttpProblem(400, 'invalid-request', 'The request is not valid', `${field}: ${reason}`, [{ field, reason }]);
export const unauthorized = (detail: string) => new HttpProblem(401, 'unauthorized', 'Authentication required', detail, undefined, { 'www-authenticate': 'Bearer' });
export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', 'Not allowed', detail);
export const notFound = (what: string, key: string) => new HttpProblem(404, 'not-found', 'Not found', `no ${what} "${key}"`);
export const conflict = (field: string, value: string, detail = `${field} "${value}" already exists`) =>
	new HttpProblem(409, 'conflict', 'Conflict', detail, [{ field, reason: 'duplicate' }]);
export const tooManyRequests = (retryAfterSeconds: number, detail: string) =>
	new HttpProblem(429, 'too-many-requests', 'Too many requests', detail, undefined, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) });

export function sendProblem(reply: FastifyReply, request: FastifyRequest, p: HttpProblem) {
	const body: ProblemBody = {
		type: p.kind === 'about:blank' ? 'about:blank' : PROBLEM_BASE + p.kind, title: p.title, status: p.status,
		...(p.detail ? { detail: p.detail } : {}), instance: request.url.split('?')[0], ...(p.errors ? { errors: p.errors } : {}), ...p.extensions
	};
	for (const [k, v] of Object.entries(p.headers)) reply.header(k, v);
	return reply.code(p.status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

/** Fastify's own error codes for bodies refused before or while parsing. */
function fromFastifyError(e: FastifyError): HttpProblem | null {
	switch (e.code) {
		case 'FST_ERR_CTP_BODY_TOO_LARGE':
			return new HttpProblem(413, 'payload-too-large', 'Request body too large', e.message);
		case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
		case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
			return e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
				? new HttpProblem(415, 'unsupported-media-type', 'Unsupported content type', e.message, [{ field: 'header.content-type', reason: 'unsupported' }])
				: new HttpProblem(400, 'invalid-request', 'The request is not valid', e.message);
		case 'FST_ERR_CTP_EMPTY_JSON_BODY':
			return invalid('body', 'empty JSON body');
		case 'FST_ERR_CTP_INVALID_JSON_BODY':
			return invalid('body', `not valid JSON: ${e.message}`);
		default:
			if (e.statusCode === 400 && e instanceof SyntaxError) return invalid('body', `not valid JSON: ${e.message}`);
			if (e.statusCode === 400) return invalid('body', e.message);
			if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new HttpProblem(e.statusCode, 'about:blank', e.message);
			return null;
	}
}

/** `appFallback` answers deep links into the PWA; everything else unknown is a problem 404. */
export function installProblemHandlers(app: FastifyInstance, appFallback: AppFallback | null = null) {
	app.setErrorHandler((error: FastifyError, request, reply) => {
		if (error instanceof HttpProblem) return sendProblem(reply, request, error);
		if (hasZodFastifySchemaValidationErrors(error)) {
			// Fastify calls the query string 'querystring'; fields are named as FieldError documents them.
			const context = error.validationContext ?? 'body';
			const where = context === 'querystring' ? 'query' : context === 'headers' ? 'header' : context;
			const errors = error.validation.map((v) => ({
				field: [where, ...String(v.instancePath ?? '').split('/').filter(Boolean)].join('.'),
				reason: v.message ?? 'invalid'
			}));
			return sendProblem(reply, request, new HttpProblem(400, 'invalid-request', 'The request is not valid',
				errors.map((e) => `${e.field}: ${e.reason}`).join('; '), errors));
		}
		if (error instanceof DuplicateError) return sendProblem(reply, request, conflict(error.field, error.value));
		if (error instanceof NotFoundError) return sendProblem(reply, request, notFound(error.entity, error.id));
		if (isResponseSerializationError(error)) {
			request.log.error({ err: error, issues: error.cause?.issues }, 'response does not match its schema');
			return sendProblem(reply, request, new HttpProblem(500, 'internal', 'Internal server error', 'the response did not match its schema'));
		}
		const known = fromFastifyError(error);
		if (known) return sendProblem(reply, request, known);
		request.log.error({ err: error }, 'unhandled error');
		return sendProblem(reply, request, new HttpProblem(500, 'internal', 'Internal server error'));
	});
	app.setNotFoundHandler((request, reply) =>
		appFallback?.(request, reply) ??
		sendProblem(reply, request, new HttpProblem(404, 'not-found', 'Not found', `no route ${request.method} ${request.url.split('?')[0]}`)));
}
