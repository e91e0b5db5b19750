// Sync test harness: devices (Dexie on fake-indexeddb, or a SQL store like the CLI's) talking to a
// real server in-process through Fastify's inject, with hooks to drop responses after commit.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { PullRequest, PullResponse, PushRequest, PushResponse } from '../../src/core/api/sync';
import { SyncRefusedError, type SyncStore, type SyncTransport } from '../../src/core/sync/device-sync';
import type { InventoryRepository } from '../../src/core/repository';
import { DexieRepository } from '../../src/lib/db/dexie-repository';
import { DexieSyncStore } from '../../src/lib/db/dexie-sync-store';
import { InventoryDB } from '../../src/lib/db/inventory-db';
import type { Api } from '../../src/server/context';
import { openDatabase } from '../../src/sql/open';
import { SqlRepository } from '../../src/sql/sql-repository';
import { SqlSyncStore } from '../../src/sql/sql-sync-store';

export interface TestDevice {
	name: string;
	repo: InventoryRepository;
	store: SyncStore;
	/** Moves the device's clock (ms added to the real one). */
	skewMs: number;
	close(): Promise<void>;
}

export async function dexieDevice(name: string, skewMs = 0): Promise<TestDevice> {
	const device: Partial<TestDevice> = { name, skewMs };
	const db = new InventoryDB(`device-${name}`, { indexedDB: new IDBFactory(), IDBKeyRange });
	const repo = new DexieRepository(db, { wall: () => Date.now() + (device.skewMs ?? 0) });
	return Object.assign(device, { repo, store: new DexieSyncStore(repo), close: async () => db.close() }) as TestDevice;
}

export async function sqlDevice(name: string, skewMs = 0): Promise<TestDevice> {
	const device: Partial<TestDevice> = { name, skewMs };
	const sql = await openDatabase({ file: ':memory:' });
	const shop = await sql.db.selectFrom('shops').select('id').executeTakeFirstOrThrow();
	const repo = new SqlRepository(sql, shop.id, true, { wall: () => Date.now() + (device.skewMs ?? 0) });
	return Object.assign(device, { repo, store: new SqlSyncStore(repo), close: () => repo.close() }) as TestDevice;
}

export interface Faults {
	/** Called before a push is sent; throwing simulates a request that never arrived. */
	beforePush?: (request: PushRequest) => void;
	/** true: the server applied the push but the response is lost. */
	dropResponse?: (request: PushRequest | PullRequest, kind: 'push' | 'pull') => boolean;
}

export class LostResponse extends Error {
	constructor() { super('the response was lost'); this.name = 'LostResponse'; }
}

/** A transport over Fastify's inject with a bearer token; refusals become SyncRefusedError as over HTTP. */
export class InjectTransport implements SyncTransport {
	constructor(private readonly app: () => Api, private readonly token: string, readonly faults: Faults = {}) {}

	private async call<T>(url: string, body: unknown, kind: 'push' | 'pull'): Promise<T> {
		const res = await this.app().inject({ method: 'POST', url, payload: body as never, headers: { authorization: `Bearer ${this.token}` } });
		if (this.faults.dropResponse?.(body as never, kind)) throw new LostResponse();
		const json = res.json();
		if (res.statusCode !== 200) {
			const code = String(json.type ?? '').split('/').pop();
			throw new SyncRefusedError((code ?? 'invalid') as never, `${res.statusCode} ${json.detail ?? json.title}`, json.last_applied);
		}
		return json as T;
	}
	push(request: PushRequest): Promise<PushResponse> {
		this.faults.beforePush?.(request);
		return this.call('/api/v1/sync/push', request, 'push');
	}
	pull(request: PullRequest): Promise<PullResponse> { return this.call('/api/v1/sync/pull', request, 'pull'); }
}
