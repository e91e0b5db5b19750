// A variant's size and colour as shown under its name: only when the name does not already say them.
import { foldText } from '$core/text';
import type { OptionValue } from '$core/types';
import { parseOptionsText } from '$core/variants';

export function visibleOptions(name: string, values: readonly OptionValue[] | string | undefined): string {
	const list = typeof values === 'string' ? (parseOptionsText(values) ?? []) : (values ?? []);
	const folded = foldText(name);
	if (list.every((v) => folded.includes(foldText(v.value)))) return '';
	return list.map((v) => v.value).join(' · ');
}
