// Why a segment has no customers, in the shop's language (the reasons come from the one-to-one
// naming in src/core/insights/segment-rules.ts, the facts from the segmentation).
import type { EmptySegment } from '$core/insights/customer-segments';
import { i18n, t } from '$lib/i18n/i18n.svelte';
import { plural } from '$lib/components/partners/plural';

export function emptySegmentWords(e: EmptySegment | undefined): string {
	if (!e) return t('segments.emptySegment');
	switch (e.reason) {
		case 'no_newcomers': return e.newcomers === 0
			? t('segments.empty.no_newcomers.zero', { days: i18n.number(e.newcomerDays) })
			: plural('segments.empty.no_newcomers', e.newcomers, { days: i18n.number(e.newcomerDays) });
		case 'too_few_groups': return t('segments.empty.too_few_groups', { groups: i18n.number(e.groups) });
		default: return t(`segments.empty.${e.reason}`);
	}
}
