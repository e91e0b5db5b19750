// The few runtime globals the pure core relies on. They exist in Node 20, browsers and workers,
// but are not part of the ES library, and the core must compile without the DOM library.
declare var crypto: { getRandomValues<T extends ArrayBufferView>(array: T): T };
declare function structuredClone<T>(value: T): T;
declare class TextDecoder { constructor(label?: string, options?: { fatal?: boolean }); decode(input?: ArrayBufferView | ArrayBuffer): string }
