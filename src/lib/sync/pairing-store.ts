// Which shop server this device is paired with and its tokens, in an IndexedDB database of its own
// ('smart-inventory-device'). IndexedDB, not localStorage: the sync worker signs its requests and
// stores the rotated tokens after every refresh, and workers have no localStorage. A database of
// its own, not the shop's: credentials must never travel in a backup, an export or a sync push,
// "delete all data" of the shop must not sign the device out silently, and the shop database's
// schema upgrades (which close every connection) must not touch them.
import Dexie, { type Table } from 'dexie';
import type { Tokens, TokenStore } from '../../client/api-client';
import type { PairingInfo } from './sync-status';

export interface PairingRow extends PairingInfo {
	id: 'current';
	tokens: Tokens;
	/** Last time GET /auth/me confirmed the role. */
	checkedAt: number;
}

class DeviceDB extends Dexie {
	pairing!: Table<PairingRow, string>;
	constructor(name: string) {
		super(name, { cache: 'disabled' });
		this.version(1).stores({ pairing: 'id' });
	}
}

export const DEVICE_DB_NAME = 'smart-inventory-device';

export class PairingStore {
	private readonly db: DeviceDB;
	constructor(name = DEVICE_DB_NAME) {
		this.db = new DeviceDB(name);
	}

	get(): Promise<PairingRow | undefined> {
		return this.db.pairing.get('current');
	}

	async info(): Promise<PairingInfo | null> {
		const row = await this.get();
		return row ? publicInfo(row) : null;
	}

	async save(row: Omit<PairingRow, 'id'>): Promise<void> {
		await this.db.pairing.put({ ...row, id: 'current' });
	}

	async update(change: Partial<Omit<PairingRow, 'id'>>): Promise<void> {
		await this.db.pairing.update('current', change);
	}

	async clear(): Promise<void> {
		await this.db.pairing.delete('current');
	}

	/** The HttpClient's token store: read afresh on every request, so a refresh in another tab is seen. */
	tokenStore(): TokenStore {
		return {
			load: async () => (await this.get())?.tokens ?? null,
			save: async (tokens) => { await this.db.pairing.update('current', { tokens }); }
		};
	}
}

export const publicInfo = (row: PairingRow): PairingInfo => ({
	server: row.server, username: row.username, shop: row.shop, role: row.role, pairedAt: row.pairedAt
});
