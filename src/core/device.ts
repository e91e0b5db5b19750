// This device's id, stamped on every sale and movement it makes; created once per store.
import { newId } from './ids';
import type { InventoryRepository } from './repository';

export const DEVICE_SETTING = 'deviceId';

export async function ensureDeviceId(repo: InventoryRepository): Promise<string> {
	let id = await repo.getSetting<string>(DEVICE_SETTING);
	if (!id) {
		id = newId();
		await repo.putSetting(DEVICE_SETTING, id);
	}
	return id;
}
