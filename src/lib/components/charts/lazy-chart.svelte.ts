// chart.js for a chart component: imported when the component mounts (never part of the first
// page's JavaScript), with only the parts the caller registers; drawn once it has arrived, then
// updated in place whenever its configuration (data, language, number format, theme) changes.
import { onMount } from 'svelte';
import type { Chart, ChartComponentLike, ChartConfiguration, ChartType } from 'chart.js';
import { theme } from '$lib/theme/theme.svelte';

type ChartJs = typeof import('chart.js');

/**
 * Call during a component's initialisation; `config` is read inside an effect, so what it reads
 * redraws the chart. A theme change re-runs it too: read colours with `cssVar` INSIDE `config`.
 */
export function lazyChart<TType extends ChartType, TData, TLabel>(
	canvas: () => HTMLCanvasElement | undefined,
	parts: (chartJs: ChartJs) => ChartComponentLike[],
	config: () => ChartConfiguration<TType, TData, TLabel>
): void {
	let ChartClass = $state.raw<typeof Chart | undefined>();
	// The instance is not reactive state: the effect creates it, then only updates it.
	let chart: Chart<TType, TData, TLabel> | undefined;

	onMount(() => {
		let cancelled = false;
		import('chart.js').then((chartJs) => {
			if (cancelled) return;
			chartJs.Chart.register(...parts(chartJs));
			ChartClass = chartJs.Chart;
		});
		return () => {
			cancelled = true;
			chart?.destroy();
			chart = undefined;
		};
	});

	$effect(() => {
		const element = canvas();
		if (!ChartClass || !element) return;
		// <html data-theme> is already set when `resolved` changes, so the CSS variables are the new ones.
		void theme.resolved;
		// What a chart leaves unset (ticks, legend, grid lines) follows the theme as well.
		ChartClass.defaults.color = cssVar(element, '--muted', '#5d6b6c');
		ChartClass.defaults.borderColor = cssVar(element, '--line', '#dcd8cf');
		const next = config();
		if (!chart) {
			ChartClass.defaults.font.family = getComputedStyle(element).fontFamily;
			chart = new ChartClass(element, next);
			return;
		}
		chart.data = next.data;
		chart.options = next.options ?? ({} as typeof chart.options);
		chart.update('none');
	});
}

/** A CSS custom property of the canvas (canvas needs plain colours), or the fallback. */
export const cssVar = (canvas: HTMLCanvasElement | undefined, name: string, fallback: string): string =>
	(canvas ? getComputedStyle(canvas).getPropertyValue(name).trim() : '') || fallback;

/** '#1f5f5b' at the given opacity. */
export function faded(hex: string, alpha: number): string {
	const n = parseInt(hex.replace('#', ''), 16);
	return `rgb(${(n >> 16) & 255} ${(n >> 8) & 255} ${n & 255} / ${alpha})`;
}
