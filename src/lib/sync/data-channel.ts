// "The shop's data changed under you": the sync worker stores pulled changes and says which kinds
// they touched on the BroadcastChannel 'smart-inventory-data', heard by every tab of the app; the
// pages that show those kinds read their data again (no reload, nothing typed is lost).

export const DATA_CHANNEL = 'smart-inventory-data';

/** The kinds AppliedSummary.touched names. */
export type DataKind = 'sales' | 'stock' | 'product' | 'supplier' | 'customer' | 'purchaseOrder' | 'setting';

export interface DataChangeMessage {
	type: 'pulled';
	touched: string[];
}

let channel: BroadcastChannel | null = null;
const listeners = new Set<{ kinds: readonly DataKind[]; fn: (touched: string[]) => void }>();

/**
 * Calls `fn` whenever pulled changes touch one of `kinds`; returns the unsubscribe (an onMount's
 * cleanup). Browser only; where BroadcastChannel is missing it never calls.
 */
export function onDataChange(kinds: readonly DataKind[], fn: (touched: string[]) => void): () => void {
	if (typeof BroadcastChannel === 'undefined') return () => {};
	if (!channel) {
		channel = new BroadcastChannel(DATA_CHANNEL);
		channel.onmessage = (event: MessageEvent<DataChangeMessage>) => {
			if (event.data?.type !== 'pulled') return;
			for (const l of [...listeners]) if (l.kinds.some((k) => event.data.touched.includes(k))) l.fn(event.data.touched);
		};
	}
	const entry = { kinds, fn };
	listeners.add(entry);
	return () => { listeners.delete(entry); };
}
