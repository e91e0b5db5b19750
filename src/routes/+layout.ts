// Every page is prerendered as an app shell and rendered in the browser, where IndexedDB lives.
export const prerender = true;
export const ssr = false;
export const trailingSlash = 'never';
