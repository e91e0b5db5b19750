// The on-screen keyboard: app.html's viewport asks Chromium to shrink only the visual viewport when
// it opens (interactive-widget=resizes-visual), so the layout (the 100vh rail, the grid) never
// reflows under the person typing. The browser scrolls a focused field into view itself; a field in
// a fixed dialog or one focused before the keyboard finished opening can still end up under it,
// so when the visual viewport shrinks the focused field is brought back into its middle.

const EDITABLE = 'input:not([type="checkbox"], [type="radio"], [type="button"], [type="submit"]), textarea, select, [contenteditable="true"]';

/** Starts watching; returns the stop. */
export function keepFocusedFieldVisible(): () => void {
	const viewport = window.visualViewport;
	if (!viewport) return () => {};
	const onResize = () => {
		const field = document.activeElement;
		if (!(field instanceof HTMLElement) || !field.matches(EDITABLE)) return;
		const box = field.getBoundingClientRect();
		const top = viewport.offsetTop;
		const bottom = viewport.offsetTop + viewport.height;
		if (box.top < top || box.bottom > bottom) field.scrollIntoView({ block: 'center', inline: 'nearest' });
	};
	viewport.addEventListener('resize', onResize);
	return () => viewport.removeEventListener('resize', onResize);
}
