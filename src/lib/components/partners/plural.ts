// Counted phrases: picks `<key>.one` or `<key>.other` and fills {count} as a localized number.
import { i18n, t } from '$lib/i18n/i18n.svelte';

export function plural(key: string, count: number, params: Record<string, string | number> = {}): string {
	return t(`${key}.${count === 1 ? 'one' : 'other'}`, { ...params, count: i18n.number(count) });
}
