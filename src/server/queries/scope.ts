// What every resource route starts from: the caller's shop (its repository and its query scope),
// and the 400 problem for the core's field errors.
import type { FastifyRequest } from 'fastify';
import type { FieldErrorBody } from '../../core/api/problem';
import type { SqlRepository } from '../../sql/sql-repository';
import { caller, shopRepository } from '../context';
import { HttpProblem } from '../problem';
import type { ShopScope } from './catalog';

/** Who records what the API writes when the body names no device. */
export const API_DEVICE = 'api';

export interface Shop extends ShopScope {
	repo: SqlRepository;
}

export function shopOf(request: FastifyRequest): Shop {
	const repo = shopRepository(request);
	return { repo, sql: repo.sql, shopId: caller(request).shopId };
}

/** The core refused the request: a 400 naming every field and why. */
export function rejected(errors: FieldErrorBody[]): HttpProblem {
	return new HttpProblem(400, 'invalid-request', 'The request is not valid', errors.map((e) => `${e.field}: ${e.reason}`).join('; '), errors);
}
