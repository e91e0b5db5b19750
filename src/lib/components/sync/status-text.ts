// The indicator's words for a sync status, in the shop's language (statusView picks the message).
import { i18n, t } from '$lib/i18n/i18n.svelte';
import { statusView, type SyncStatus } from '$lib/sync/sync-status';

/** HH:MM of an epoch time in the device's zone, in the shop's number style. */
export const clockTime = (at: number) => new Intl.DateTimeFormat(i18n.formatLocale, { hour: '2-digit', minute: '2-digit' }).format(new Date(at));

export function statusText(s: SyncStatus): { text: string; tone: ReturnType<typeof statusView>['tone'] } {
	const view = statusView(s);
	const params: Record<string, string | number> = { ...view.params };
	if (view.time !== undefined) params.time = clockTime(view.time);
	if (typeof params.count === 'number') params.count = i18n.number(params.count);
	if (view.key === 'sync.state.error') params.reason = t(`sync.error.${view.params.code}`);
	return { text: t(view.key, params), tone: view.tone };
}
