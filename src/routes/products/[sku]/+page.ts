// Product pages are reached by any SKU, so the build cannot list them: the 200.html shell serves them.
export const prerender = false;
