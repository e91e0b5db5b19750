// The typed client of the shop server's REST API (/api/v1): what the CLI uses today and the app
// will use next. Plain fetch, no Node modules, so it runs in the browser too. It keeps the
// caller's tokens through a TokenStore, refreshes an expired access token once (storing the
// rotated pair) and turns every failure into one of three errors: ApiProblem (the server said
// no, with its problem details), Unreachable (no answer at all) and SessionExpired (the refresh
// token was refused: log in again).
import type { FieldErrorBody, ProblemBody } from '../core/api/problem';

export const API_PREFIX = '/api/v1';

/** The pair of tokens a login or refresh hands out, with when the access token runs out. */
export interface Tokens {
	access_token: string;
	refresh_token: string;
	/** Epoch milliseconds. */
	expires_at: number;
}

/** Where the client keeps its tokens: a session file for the CLI, browser storage for the app. */
export interface TokenStore {
	load(): Tokens | null | Promise<Tokens | null>;
	save(tokens: Tokens): void | Promise<void>;
}

/** The server answered with an error: its status and problem details (RFC 9457). */
export class ApiProblem extends Error {
	constructor(readonly status: number, readonly problem: ProblemBody) {
		super(problemText(status, problem));
		this.name = 'ApiProblem';
	}
	get fieldErrors(): FieldErrorBody[] {
		return this.problem.errors ?? [];
	}
}

/** "403 Not allowed: only the shop's admins may GET /api/v1/segments", plus field errors the detail does not already say. */
export function problemText(status: number, problem: ProblemBody): string {
	const detail = problem.detail ? `: ${problem.detail}` : '';
	const fields = (problem.errors ?? []).filter((e) => !problem.detail?.includes(e.reason)).map((e) => `${e.field}: ${e.reason}`);
	return `${status} ${problem.title}${detail}${fields.length ? ` (${fields.join('; ')})` : ''}`;
}

/** No HTTP answer: refused, reset, unknown host, TLS failure. */
export class Unreachable extends Error {
	constructor(readonly server: string, readonly cause?: unknown) {
		super(`cannot reach ${server}`);
		this.name = 'Unreachable';
	}
}

/** The refresh token was refused (expired, revoked, user disabled) or there is none. */
export class SessionExpired extends Error {
	constructor(readonly server: string, readonly detail = 'session expired') {
		super(detail);
		this.name = 'SessionExpired';
	}
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
	query?: Query;
	/** A JSON body (sent as application/json). */
	json?: unknown;
	/** Any other body, made afresh for each attempt (a retry after a refresh sends it again). */
	body?: () => BodyInit;
	headers?: Record<string, string>;
	/** Leave out the Authorization header (login, refresh). */
	anonymous?: boolean;
}

export interface ClientOptions {
	/** The server's base URL, e.g. http://localhost:8080 (no /api/v1). */
	server: string;
	tokens?: TokenStore;
	fetch?: typeof fetch;
	now?: () => number;
}

/** Refresh this long before the access token runs out, so it does not expire in flight. */
const EXPIRY_MARGIN_MS = 5_000;

/** The server's base URL as typed: scheme added for a bare host, trailing slashes dropped. */
export function normalizeServer(url: string): string {
	const trimmed = url.trim().replace(/\/+$/, '');
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
	const parsed = new URL(withScheme);
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`the server must be an http:// or https:// URL, not "${url}"`);
	return withScheme.replace(/\/api\/v1$/, '');
}

export const tokensFrom = (body: { access_token: string; refresh_token: string; expires_in: number }, now: number): Tokens => ({
	access_token: body.access_token, refresh_token: body.refresh_token, expires_at: now + body.expires_in * 1000
});

export class HttpClient {
	readonly server: string;
	private readonly fetchImpl: typeof fetch;
	private readonly now: () => number;
	private refreshing: Promise<Tokens> | null = null;

	constructor(private readonly options: ClientOptions) {
		this.server = normalizeServer(options.server);
		this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
		this.now = options.now ?? Date.now;
	}

	url(path: string, query: Query = {}): string {
		const u = new URL(this.server + API_PREFIX + path);
		for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== false) u.searchParams.set(k, String(v));
		return u.toString();
	}

	/** One request with the caller's access token; refreshes once when it has run out. Throws ApiProblem on 4xx/5xx. */
	async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
		if (options.anonymous) return this.send(method, path, options, null);
		const stored = await this.storedTokens();
		const refreshed = stored.expires_at - EXPIRY_MARGIN_MS <= this.now();
		let tokens = refreshed ? await this.refresh(stored) : stored;
		try {
			return await this.send(method, path, options, tokens.access_token);
		} catch (e) {
			// A token the clocks disagreed on, or one revoked since: one refresh, one retry.
			if (!(e instanceof ApiProblem) || e.status !== 401 || refreshed) throw e;
			tokens = await this.refresh(tokens);
			return this.send(method, path, options, tokens.access_token);
		}
	}

	/** The stored tokens as they are; SessionExpired when there are none. */
	async storedTokens(): Promise<Tokens> {
		const tokens = await this.options.tokens?.load();
		if (!tokens) throw new SessionExpired(this.server, 'not logged in');
		return tokens;
	}

	async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
		const response = await this.request(method, path, options);
		return (response.status === 204 ? undefined : await response.json()) as T;
	}

	/** Trades the refresh token for a new pair (the old one is then spent) and stores it. */
	refresh(current?: Tokens): Promise<Tokens> {
		this.refreshing ??= (async () => {
			const tokens = current ?? await this.storedTokens();
			let body: { access_token: string; refresh_token: string; expires_in: number };
			try {
				body = await (await this.send('POST', '/auth/refresh', { json: { refresh_token: tokens.refresh_token } }, null)).json();
			} catch (e) {
				if (e instanceof ApiProblem && e.status >= 400 && e.status < 500 && e.status !== 429) throw new SessionExpired(this.server, e.problem.detail ?? e.problem.title);
				throw e;
			}
			const next = tokensFrom(body, this.now());
			await this.options.tokens?.save(next);
			return next;
		})().finally(() => { this.refreshing = null; });
		return this.refreshing;
	}

	private async send(method: string, path: string, options: RequestOptions, accessToken: string | null): Promise<Response> {
		const headers: Record<string, string> = { accept: 'application/json, text/csv, application/problem+json', ...options.headers };
		if (accessToken) headers.authorization = `Bearer ${accessToken}`;
		let body: BodyInit | undefined;
		if (options.json !== undefined) {
			headers['content-type'] = 'application/json';
			body = JSON.stringify(options.json);
		} else if (options.body) body = options.body();
		let response: Response;
		try {
			// duplex: a streamed body (a CSV upload) needs it in Node's fetch; browsers ignore it.
			response = await this.fetchImpl(this.url(path, options.query), { method, headers, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
		} catch (e) {
			throw new Unreachable(this.server, e);
		}
		if (!response.ok) throw new ApiProblem(response.status, await readProblem(response));
		return response;
	}
}

async function readProblem(response: Response): Promise<ProblemBody> {
	const text = await response.text().catch(() => '');
	try {
		const body = JSON.parse(text) as Partial<ProblemBody>;
		if (body && typeof body === 'object' && typeof body.title === 'string') return { ...body, title: body.title, type: body.type ?? 'about:blank', status: body.status ?? response.status };
	} catch {
		// not JSON: a proxy's error page, say
	}
	return { type: 'about:blank', title: response.statusText || 'Error', status: response.status, ...(text.trim() ? { detail: text.trim().slice(0, 200) } : {}) };
}
