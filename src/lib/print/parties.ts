// Who a purchase order is between: the shop as the till's settings name it (Settings, read only
// here) and the suppliers with their contacts.
import type { OrderShop } from '$core/purchase-orders/order-document';
import { TILL_SETTINGS_KEY, tillSettingsOf, type TillSettings } from '$core/till/settings';
import type { Supplier } from '$core/types';
import { getRepository } from '$lib/db';

export async function loadShop(): Promise<OrderShop> {
	const s = tillSettingsOf(await getRepository().getSetting<Partial<TillSettings>>(TILL_SETTINGS_KEY));
	return { name: s.shopName.trim(), address: s.address.trim(), taxId: s.taxId.trim() };
}

export const loadSuppliers = (): Promise<Supplier[]> => getRepository().listSuppliers();
