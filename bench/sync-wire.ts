// The sync transport the app uses (HttpSyncTransport over HttpClient) with a fetch that counts the
// bytes of every request and response body and times the server, the transfer and the parse; and
// a store wrapper timing its calls. No Node modules: the browser bench's worker uses it too.
import type { PullRequest, PullResponse, PushRequest, PushResponse } from '../src/core/api/sync';
import type { SyncStore, SyncTransport } from '../src/core/sync/device-sync';
import { HttpClient, type Tokens } from '../src/client/api-client';
import { HttpSyncTransport } from '../src/client/sync';

/** What went over the wire and where the time went, summed over calls. */
export interface WireStats {
	pushes: number; pulls: number;
	requestBytes: number; responseBytes: number;
	/** Request sent until the response's headers: the server's work (parse, validate, apply/read, serialize). */
	serverMs: number;
	/** Headers until the whole body arrived. */
	bodyMs: number;
	/** JSON.parse of the bodies on the device. */
	parseMs: number;
	largestResponse: number;
	pages: { ms: number; serverMs: number; bytes: number; changes: number }[];
}

const encoder = new TextEncoder(), decoder = new TextDecoder();

export const emptyStats = (): WireStats => ({ pushes: 0, pulls: 0, requestBytes: 0, responseBytes: 0, serverMs: 0, bodyMs: 0, parseMs: 0, largestResponse: 0, pages: [] });

/**
 * The app's transport (HttpSyncTransport over HttpClient) with a fetch that counts the bodies'
 * bytes (UTF-8 as sent; the server does not compress) and times the server and the parse.
 */
export function countingTransport(base: string, tokens: Tokens, stats: WireStats = emptyStats()): { transport: SyncTransport; stats: WireStats } {
	let current = tokens;
	const counting: typeof fetch = async (input, init) => {
		const body = init?.body;
		if (typeof body === 'string') stats.requestBytes += encoder.encode(body).length;
		const started = performance.now();
		const res = await fetch(input, init);
		const headersAt = performance.now();
		const buf = new Uint8Array(await res.arrayBuffer());
		const bodyAt = performance.now();
		stats.serverMs += headersAt - started;
		stats.bodyMs += bodyAt - headersAt;
		stats.responseBytes += buf.length;
		stats.largestResponse = Math.max(stats.largestResponse, buf.length);
		const text = decoder.decode(buf);
		// Parsed here, timed, and handed on as a Response whose json() answers the parsed value.
		const t = performance.now();
		const parsed = text ? JSON.parse(text) : undefined;
		stats.parseMs += performance.now() - t;
		const url = String(input);
		if (url.endsWith('/sync/pull') && res.ok) stats.pages.push({ ms: bodyAt - started, serverMs: headersAt - started, bytes: buf.length, changes: parsed?.changes?.length ?? 0 });
		return Object.assign(new Response(null, { status: res.status, statusText: res.statusText, headers: res.headers }), {
			json: async () => parsed, text: async () => text
		}) as Response;
	};
	const http = new HttpClient({ server: base, fetch: counting, tokens: { load: () => current, save: (t) => { current = t; } } });
	const inner = new HttpSyncTransport(http);
	const transport: SyncTransport = {
		push: (r: PushRequest): Promise<PushResponse> => { stats.pushes++; return inner.push(r); },
		pull: (r: PullRequest): Promise<PullResponse> => { stats.pulls++; return inner.pull(r); }
	};
	return { transport, stats };
}

/** Timing stores' calls (the other calls go to the store as they are). */
export interface StoreTimes {
	applyMs: number; outgoingMs: number; ackMs: number;
	/** Each applyPulled: its time and what the page held. */
	applies: { ms: number; records: number; lines: number }[];
}

/** A store whose calls are forwarded, with `overrides` in place of some (a Proxy: new methods of SyncStore pass through). */
export function wrapStore(store: SyncStore, overrides: Partial<SyncStore>): SyncStore {
	return new Proxy(store, {
		get(target, prop) {
			if (prop in overrides) return overrides[prop as keyof SyncStore];
			const value = Reflect.get(target, prop);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

/** The store with its calls timed: applyPulled (storing a page, with what it held), outgoing (reading the outbox), acknowledge. */
export function timedStore(store: SyncStore): { store: SyncStore; times: StoreTimes } {
	const times: StoreTimes = { applyMs: 0, outgoingMs: 0, ackMs: 0, applies: [] };
	const timed = <A extends unknown[], R>(key: 'outgoingMs' | 'ackMs', f: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
		const t = performance.now();
		try { return await f(...a); } finally { times[key] += performance.now() - t; }
	};
	return {
		times,
		store: wrapStore(store, {
			outgoing: timed('outgoingMs', store.outgoing.bind(store)),
			acknowledge: timed('ackMs', store.acknowledge.bind(store)),
			applyPulled: async (...args: Parameters<SyncStore['applyPulled']>) => {
				const t = performance.now();
				try { return await store.applyPulled(...args); } finally {
					const changes = args[0];
					const ms = performance.now() - t;
					times.applyMs += ms;
					times.applies.push({
						ms, records: changes.filter((c) => c.kind === 'record').length,
						lines: changes.reduce((n, c) => n + (c.kind === 'sales' ? c.blocks.reduce((m, b) => m + b.lineCount, 0) : 0), 0)
					});
				}
			}
		})
	};
}
