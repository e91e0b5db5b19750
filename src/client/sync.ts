// The sync transport over HTTP (POST /api/v1/sync/push and /pull), for the app's sync worker and
// the CLI: the server's refusals become the protocol's SyncRefusedError.
import type { PullRequest, PullResponse, PushRequest, PushResponse } from '../core/api/sync';
import { SyncRefusedError, type SyncRefusal, type SyncTransport } from '../core/sync/device-sync';
import { ApiProblem, type HttpClient } from './api-client';

const REFUSALS: Record<string, SyncRefusal> = {
	'sync-gap': 'sync-gap', 'app-outdated': 'app-outdated', 'server-outdated': 'server-outdated', forbidden: 'forbidden',
	unauthorized: 'unauthorized', 'invalid-request': 'invalid', 'payload-too-large': 'too-large'
};

function refusal(e: unknown): unknown {
	if (!(e instanceof ApiProblem)) return e;
	const kind = e.problem.type.split('/').pop() ?? '';
	const code = REFUSALS[kind];
	return code ? new SyncRefusedError(code, e.message, e.problem.last_applied) : e;
}

export class HttpSyncTransport implements SyncTransport {
	constructor(private readonly http: HttpClient) {}

	async push(request: PushRequest): Promise<PushResponse> {
		try { return await this.http.json<PushResponse>('POST', '/sync/push', { json: request }); } catch (e) { throw refusal(e); }
	}

	async pull(request: PullRequest): Promise<PullResponse> {
		try { return await this.http.json<PullResponse>('POST', '/sync/pull', { json: request }); } catch (e) { throw refusal(e); }
	}
}
