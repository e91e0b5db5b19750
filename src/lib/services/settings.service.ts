// The settings page's data actions: what is stored, and starting over.
import type { StoreCounts } from '$core/repository';
import { getDeviceId, getRepository } from '$lib/db';

export function storeCounts(): Promise<StoreCounts> {
	return getRepository().counts();
}

/**
 * Deletes every product, sale, movement and setting. The device id survives: it names this
 * tablet, not the shop's data, and sync must keep recognising it.
 */
export async function deleteAllData(): Promise<void> {
	const repo = getRepository();
	const deviceId = await getDeviceId(repo);
	await repo.clear();
	await repo.putSetting('deviceId', deviceId);
}
