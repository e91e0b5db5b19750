// One language's words, made at build time by scripts/vite-plugin-messages.ts.
declare module 'virtual:messages/*' {
	const words: Record<string, string>;
	export default words;
}
