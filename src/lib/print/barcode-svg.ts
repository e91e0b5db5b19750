// A product's barcode drawn as SVG by JsBarcode, sized in millimetres for a label: bars as wide as
// fit (up to 0.33 mm, the EAN-13 nominal size), the quiet zones the standards ask for, the digits
// under the bars. Drawn once per product; every label of it shows the drawing with <use>.
import JsBarcode from 'jsbarcode';
import { barcodeFit, type LabelBarcode } from './label-sheet';

export interface BarcodeDrawing {
	/** SVG markup of the bars and digits, in the viewBox's units (one unit = one module). */
	markup: string;
	viewBox: string;
	widthMm: number;
	heightMm: number;
	moduleMm: number;
	/** Bars narrower than scanners read reliably from print: the label says so on screen. */
	tooDense: boolean;
}

/** Quiet zones in modules: EAN-13 11 left (JsBarcode's 12-module block for the first digit gives it) and 7 right; Code 128 10 each side. */
const QUIET = { EAN13: { left: 0, right: 7 }, CODE128: { left: 10, right: 10 } } as const;

function render(code: LabelBarcode, barUnits: number, fontUnits: number): SVGSVGElement {
	const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
	JsBarcode(svg, code.value, {
		format: code.format, width: 1, height: barUnits, margin: 0, marginLeft: QUIET[code.format].left, marginRight: QUIET[code.format].right,
		displayValue: true, fontSize: fontUnits, textMargin: fontUnits * 0.15, font: 'monospace', background: '#ffffff', lineColor: '#000000'
	});
	return svg;
}

const viewBoxWidth = (svg: SVGSVGElement) => Number(svg.getAttribute('viewBox')?.split(' ')[2]);

/**
 * The drawing that fits `widthMm` × `heightMm` (digits `digitsMm` tall included); null when
 * JsBarcode refuses the value (it says why in the console).
 */
export function drawBarcode(code: LabelBarcode, widthMm: number, heightMm: number, digitsMm: number): BarcodeDrawing | null {
	try {
		// First pass: how many modules wide the symbol is; then drawn again at the height that fills the label.
		const fit = barcodeFit(viewBoxWidth(render(code, 50, 10)), widthMm);
		const svg = render(code, (heightMm - digitsMm * 1.15) / fit.moduleMm, digitsMm / fit.moduleMm);
		const [, , w, h] = (svg.getAttribute('viewBox') ?? '').split(' ').map(Number);
		// Long text can make the second drawing a little wider than the first: scale to what fits.
		const moduleMm = Math.min(fit.moduleMm, widthMm / w);
		return {
			markup: svg.innerHTML, viewBox: `0 0 ${w} ${h}`, moduleMm, tooDense: barcodeFit(w, widthMm).tooDense,
			widthMm: Math.round(w * moduleMm * 100) / 100, heightMm: Math.round(h * moduleMm * 100) / 100
		};
	} catch (e) {
		console.warn(`barcode ${code.format} "${code.value}" not drawn: ${e instanceof Error ? e.message : String(e)}`);
		return null;
	}
}
