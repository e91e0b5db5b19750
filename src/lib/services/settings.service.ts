// The settings page's actions: what is stored, starting over, the till's settings and its staff.
import { newId } from '$core/ids';
import type { StoreCounts } from '$core/repository';
import { TILL_SETTINGS_KEY, tillSettingsOf, type TillSettings } from '$core/till/settings';
import { STAFF_KEY, type StaffMember } from '$core/till/staff';
import { getDeviceId, getRepository } from '$lib/db';
import { requestSync } from '$lib/services/sync.svelte';
import { activeStaff } from '$lib/till/access';
import { till } from '$lib/till/session.svelte';
import { applyStaffForm, type StaffEdit, type StaffForm } from '$lib/till/staff-edit';

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
	// The staff and the till's settings went with the rest: the till is anonymous again.
	await till.reload();
}

/** Saves the till's settings over what is stored (another screen may have changed other fields, the favourites). */
export async function saveTillSettings(patch: Partial<TillSettings>): Promise<TillSettings> {
	const repo = getRepository();
	const next = tillSettingsOf({ ...tillSettingsOf(await repo.getSetting<Partial<TillSettings>>(TILL_SETTINGS_KEY)), ...patch });
	await repo.putSetting(TILL_SETTINGS_KEY, next);
	requestSync('edit');
	await till.reload();
	return next;
}

/**
 * Adds or changes a staff member. The first member made is put at this tablet's till, so the
 * owner who sets staff up is not locked out of the screen they are on.
 */
export async function saveStaffMember(form: StaffForm): Promise<StaffEdit> {
	const repo = getRepository();
	const stored = (await repo.getSetting<StaffMember[]>(STAFF_KEY)) ?? [];
	const edit = applyStaffForm(stored, form, newId, newId);
	if (!edit.ok) return edit;
	await repo.putSetting(STAFF_KEY, edit.staff);
	requestSync('edit');
	await till.reload();
	if (activeStaff(stored).length === 0) await till.setCashier(edit.member);
	return edit;
}
