// The import's default rules, shown to the person and editable: which codes are not products
// (postage, fees, manual adjustments, bank charges, samples) and which invoices are cancellations.
export { DEFAULT_CANCELLATION_PREFIXES, DEFAULT_EXCLUDED_SKUS } from '$core/import/importer';

export const listToText = (items: string[]) => items.join(', ');

/** "POST, dot ,, M" → ['POST', 'DOT', 'M'] (upper-cased when the comparison ignores case). */
export function listFromText(text: string, upper: boolean): string[] {
	const seen = new Set<string>();
	for (const part of text.split(/[,;\n]/)) {
		const item = upper ? part.trim().toUpperCase() : part.trim();
		if (item) seen.add(item);
	}
	return [...seen];
}
