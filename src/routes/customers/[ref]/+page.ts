// Customer pages are reached by any customer code, so the build cannot list them: the 200.html shell serves them.
export const prerender = false;
