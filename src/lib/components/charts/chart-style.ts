// What the dashboard's chart.js charts share: theme colours (read when a chart's config is built,
// so they follow the theme), axis and tooltip number formats in the chosen locale, and clicks that
// drill down to another page.
import type { ActiveElement, ChartEvent } from 'chart.js';
import { goto } from '$app/navigation';
import { i18n } from '$lib/i18n/i18n.svelte';
const FALLBACK = {
	brand: '#1f5f5b', accent: '#c9772b', ink: '#1d2526', muted: '#5d6b6c', line: '#dcd8cf', surface: '#ffffff', danger: '#b3261e', warn: '#8a5a00', ok: '#2e7d32'
};

/**
 * The theme's colours for a canvas, as lazy-chart's cssVar reads them but from one computed style
 * (a redraw of every chart would otherwise compute the canvas's style nine times each). Call inside
 * a chart's config function, so a theme change redraws the chart in the new colours.
 */
export function themeColours(canvas: HTMLCanvasElement | undefined): typeof FALLBACK {
	const style = canvas ? getComputedStyle(canvas) : null;
	const read = (name: keyof typeof FALLBACK) => style?.getPropertyValue(`--${name}`).trim() || FALLBACK[name];
	return { brand: read('brand'), accent: read('accent'), ink: read('ink'), muted: read('muted'), line: read('line'), surface: read('surface'), danger: read('danger'), warn: read('warn'), ok: read('ok') };
}

/** Short day labels for a chart's axis ("3 nov"), one formatter for all of them. */
export function shortDayFormat(): (day: number) => string {
	const f = new Intl.DateTimeFormat(i18n.formatLocale, { timeZone: 'UTC', day: 'numeric', month: 'short' });
	return (day) => f.format(new Date(day * 86_400_000));
}

export type AxisKind = 'money' | 'number' | 'percent';

/** Short axis labels (1,2 mil €, 40 %) in the chosen locale; values in cents for money, 0..1 for percent. */
export function axisFormat(kind: AxisKind): (value: number) => string {
	if (kind === 'money') {
		const f = new Intl.NumberFormat(i18n.formatLocale, { style: 'currency', currency: i18n.currency, notation: 'compact', maximumFractionDigits: 1 });
		return (v) => f.format(v / 100);
	}
	if (kind === 'percent') {
		const f = new Intl.NumberFormat(i18n.formatLocale, { style: 'percent', maximumFractionDigits: 0 });
		return (v) => f.format(v);
	}
	const f = new Intl.NumberFormat(i18n.formatLocale, { notation: 'compact', maximumFractionDigits: 1 });
	return (v) => f.format(v);
}

/** Exact values for tooltips: every cent, every unit. */
export function exactFormat(kind: AxisKind): (value: number) => string {
	if (kind === 'money') return (v) => i18n.money(v);
	if (kind === 'percent') {
		const f = new Intl.NumberFormat(i18n.formatLocale, { style: 'percent', maximumFractionDigits: 1 });
		return (v) => f.format(v);
	}
	return (v) => i18n.number(v);
}

/** The tooltip's look, the same on every chart. */
export const tooltipLook = { padding: 12, boxPadding: 4, titleMarginBottom: 6, footerMarginTop: 6, displayColors: false } as const;

/**
 * A click on a bar (or point) opens the page `hrefOf` gives for its index; the pointer shows
 * which ones lead somewhere. The same places are links in the chart's table, for the keyboard.
 */
export function drillDown(hrefOf: (index: number) => string | null) {
	return {
		onClick: (_event: ChartEvent, elements: ActiveElement[]) => {
			const href = elements.length ? hrefOf(elements[0].index) : null;
			if (href) void goto(href);
		},
		onHover: (event: ChartEvent, elements: ActiveElement[]) => {
			const target = event.native?.target;
			if (target instanceof HTMLElement) target.style.cursor = elements.length && hrefOf(elements[0].index) ? 'pointer' : 'default';
		}
	};
}

/** A long label cut for an axis (the tooltip and the table keep it whole). */
export const shortLabel = (text: string, max = 22): string => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
