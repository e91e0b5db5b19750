// Svelte action: scrolls an element into view when it becomes the one to show (a row just saved).
export function reveal(node: HTMLElement, active: boolean) {
	const show = (on: boolean) => {
		if (on) node.scrollIntoView({ block: 'nearest' });
	};
	show(active);
	return { update: show };
}
