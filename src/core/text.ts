// Comparing what people type with what is stored.

/** Lower case without accents or surrounding space: "nino" finds "Niño", "PENA" finds "Peña". */
export function foldText(text: string): string {
	return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}
