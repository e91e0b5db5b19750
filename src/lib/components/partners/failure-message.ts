// A storage failure in words the owner can act on (a full device is the common one on tablets).
import { t } from '$lib/i18n/i18n.svelte';

export function failureMessage(error: unknown): string {
	const e = error as { name?: string; message?: string; inner?: { name?: string } } | null;
	if (e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError') return t('error.storageFull');
	return t('error.generic', { message: e?.message ?? String(error) });
}
