// @page rules for the printed documents: A4 with the document's margins and, in the bottom margin,
// "page n of N" in the app's language (CSS page counters in a margin box, which Chromium prints).
// Pure text: tested in Node.

/** A CSS string literal: quotes and backslashes escaped, line breaks dropped. */
const cssString = (text: string) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}"`;

/**
 * A sentence with {page} and {pages} as CSS content: "Página {page} de {pages}" becomes
 * "Página " counter(page) " de " counter(pages).
 */
export function pageCounterContent(template: string): string {
	const parts = template.split(/(\{page\}|\{pages\})/).filter((p) => p !== '');
	if (!parts.length) return '""';
	return parts.map((p) => (p === '{page}' ? 'counter(page)' : p === '{pages}' ? 'counter(pages)' : cssString(p))).join(' ');
}

export interface PageRuleOptions {
	/** Top, right, bottom, left margins in millimetres. */
	marginMm: readonly [number, number, number, number];
	/** "Página {page} de {pages}", printed at the bottom right; none when left out. */
	pageCounter?: string;
	orientation?: 'portrait' | 'landscape';
}

export function a4PageRule({ marginMm, pageCounter, orientation = 'portrait' }: PageRuleOptions): string {
	const margin = marginMm.map((m) => `${m}mm`).join(' ');
	const counter = pageCounter === undefined ? ''
		: ` @bottom-right { content: ${pageCounterContent(pageCounter)}; font: 8pt system-ui, sans-serif; color: #000; }`;
	return `@page { size: A4 ${orientation}; margin: ${margin};${counter} }`;
}
