// Vite turns `import url from 'file?url'` into the built file's address (workers' tsc has no vite/client types).
declare module '*?url' {
	const url: string;
	export default url;
}
