// Which style a sales line's product belongs to and its option values, read from the row: a style
// or model column (or our own export's variant_of), size and colour columns, our export's options
// text (Talla=M; Color=Negro), or a size coded at the end of the SKU (JK104-XL, TS01-M-BLK).
import type { OptionValue } from '../types';
import { parseOptionsText } from '../variants';
import { foldHeader } from './header-names';
import { normalSize, splitSizedSku } from './sizes';

/** Columns that say a line's style and options; -1 when not in the file. size/color equal to sku: coded in the SKU. */
export interface VariantColumns {
	style: number;
	size: number;
	color: number;
	options: number;
	sku: number;
	name: number;
	/** Option names for the size and colour read from columns or SKUs (the header's word, or Talla/Size). */
	sizeName: string;
	colorName: string;
}

export interface VariantCells {
	/** The style's code (its SKU). */
	styleCode: string;
	/** The style's name: the product name without its option values, or the code. */
	styleName: string;
	values: OptionValue[];
	/** Which of `values` is the size and which the colour (for matching a stored style's own option names). */
	roles: ('size' | 'color' | null)[];
}

export type VariantRead = VariantCells | { error: 'bad_options'; cell: string } | null;

const SIZE_OPTION_NAMES = new Set(['talla', 'size', 'taille', 'taglia', 'grosse', 'maat', 'tamano', 'numero']);
const COLOR_OPTION_NAMES = new Set(['color', 'colour', 'colore', 'couleur', 'farbe', 'kleur', 'cor']);

/** The role an option name plays (a stored style's "Talla" is the file's "Size"). */
export function optionRole(name: string): 'size' | 'color' | null {
	const f = foldHeader(name);
	return SIZE_OPTION_NAMES.has(f) ? 'size' : COLOR_OPTION_NAMES.has(f) ? 'color' : null;
}

/** "SIZE" → "Size", "talla" → "Talla"; a mixed-case header stays as written. */
export function optionName(header: string): string {
	const t = header.trim();
	return t === t.toUpperCase() || t === t.toLowerCase() ? t.charAt(0).toUpperCase() + t.slice(1).toLowerCase() : t;
}

const SEPARATORS = /[\s\-–—/|,;:()[\]]+$/;

/** "Denim Jacket - XL / Black" without its values → "Denim Jacket"; null when it does not end with them. */
export function withoutValues(text: string, values: readonly string[]): string | null {
	let rest = text.trim();
	let removed = false;
	for (let again = true; again && rest !== ''; ) {
		again = false;
		rest = rest.replace(SEPARATORS, '');
		for (const v of values) {
			if (v === '' || rest.length <= v.length) continue;
			const tail = rest.slice(rest.length - v.length);
			const before = rest.charAt(rest.length - v.length - 1);
			if (tail.toLowerCase() === v.toLowerCase() && /[\s\-–—/|,;:(]/.test(before)) {
				rest = rest.slice(0, rest.length - v.length);
				removed = again = true;
			}
		}
	}
	rest = rest.replace(SEPARATORS, '');
	return removed && rest !== '' ? rest : null;
}

/** The row's style and option values, null for a plain product (no values, or no way to tell the style). */
export function readVariantCells(r: readonly string[], c: VariantColumns, sku: string, name: string): VariantRead {
	const cell = (i: number) => (i >= 0 ? (r[i] ?? '').trim() : '');
	const styleCell = cell(c.style);
	const optionsCell = cell(c.options);
	if (optionsCell !== '') {
		const values = parseOptionsText(optionsCell);
		if (values === null) return { error: 'bad_options', cell: optionsCell };
		if (styleCell === '' || values.length === 0) return null;
		return { styleCode: styleCell, styleName: styleNameOf(name, values, styleCell), values, roles: values.map((v) => optionRole(v.name)) };
	}
	// With a style column, its cell says which lines are variants (a gift card "GC-25" has none).
	if (c.style >= 0 && styleCell === '') return null;
	const inSku = (i: number) => i >= 0 && i === c.sku;
	const split = inSku(c.size) || inSku(c.color) ? splitSizedSku(sku) : null;
	const size = c.size < 0 ? '' : inSku(c.size) ? split?.size ?? '' : normalSize(cell(c.size));
	const color = c.color < 0 ? '' : inSku(c.color) ? split?.after ?? '' : cell(c.color);
	const values: OptionValue[] = [];
	const roles: ('size' | 'color')[] = [];
	if (size !== '') { values.push({ name: c.sizeName, value: size }); roles.push('size'); }
	if (color !== '') { values.push({ name: c.colorName, value: color }); roles.push('color'); }
	if (values.length === 0) return null;
	const texts = values.map((v) => v.value);
	const styleCode = styleCell || (split && split.stem) || (name !== sku ? withoutValues(name, texts) : null) || withoutValues(sku, texts);
	if (!styleCode) return null;
	return { styleCode, styleName: styleNameOf(name, values, styleCode), values, roles };
}

function styleNameOf(name: string, values: readonly OptionValue[], code: string): string {
	if (name === '') return code;
	return withoutValues(name, values.map((v) => v.value)) ?? name;
}
