// Bundled into a test's page by app-repository.ts: the app's own repository (Dexie on the app's
// IndexedDB, this tablet's device id and ticket series) and the till's charge, so a browser test
// can ring up tickets exactly as the till stores them, without driving the till's screens.
import { getDeviceId, getRepository } from '$lib/db';
import { chargeTicket } from '$core/till/record';
import type { TillDraft } from '$core/till/checkout';
import { TILL_SETTINGS_KEY, ticketSeriesOf, tillSettingsOf, type TillSettings } from '$core/till/settings';
import { buildBlock } from '$core/sale-blocks';
import { nowLocal } from '$core/time';
import type { Product, Sale } from '$core/types';

const seed = {
	async putTillSettings(settings: Partial<TillSettings>) {
		await getRepository().putSetting(TILL_SETTINGS_KEY, tillSettingsOf(settings));
	},
	async putProduct(product: Product) {
		await getRepository().putProduct(product);
	},
	/** Stores sales as an import stores them: a block without receipts. */
	async importSales(blockId: string, sales: Sale[]) {
		await getRepository().appendSales({ blocks: [buildBlock(blockId, sales, 'import')], movements: [] });
	},
	/** Charges a ticket in this tablet's series (`at` now when left out); returns its invoice. */
	async charge(input: Omit<TillDraft, 'at' | 'deviceId'> & { at?: number }): Promise<string> {
		const repo = getRepository();
		const deviceId = await getDeviceId(repo);
		const settings = tillSettingsOf(await repo.getSetting<Partial<TillSettings>>(TILL_SETTINGS_KEY));
		const result = await chargeTicket(repo, { ...input, at: (input.at ?? nowLocal()) as TillDraft['at'], deviceId }, settings, ticketSeriesOf(deviceId));
		if (!result.ok) throw new Error(`ticket not charged: ${JSON.stringify(result.errors)}`);
		return result.ticket.invoice;
	}
};

(globalThis as unknown as { appRepository: typeof seed }).appRepository = seed;
export type AppRepositorySeed = typeof seed;
