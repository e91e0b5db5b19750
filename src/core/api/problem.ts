// Errors as RFC 9457 problem details: what every error response of the API looks like.
import { z } from 'zod';

export const FieldError = z.object({
	/** Where in the request: "body.lines.0.quantity", "query.from", "header.idempotency-key". */
	field: z.string(),
	reason: z.string()
}).meta({ id: 'FieldError' });

export const Problem = z.object({
	type: z.string().describe('A URI naming the kind of problem; about:blank for plain HTTP errors'),
	title: z.string(),
	status: z.number().int(),
	detail: z.string().optional(),
	instance: z.string().optional(),
	errors: z.array(FieldError).optional(),
	last_applied: z.number().int().optional().describe('sync-gap only: the last change of the device the server holds (re-send from the next)')
}).meta({ id: 'Problem' });

export type ProblemBody = z.infer<typeof Problem>;
export type FieldErrorBody = z.infer<typeof FieldError>;

/** The problem responses a route can send, for its OpenAPI entry. */
export const problems = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, Problem]));
