// Types for the host's type check of the mcsim harness: the SDK modules it adds (as Moddable SDK 8.2.3 types them)
// and the request module bench/moddable/mcsim.ts generates. mcconfig checks the harness against the SDK's own.

declare module 'instrumentation' {
  const Instrumentation: {
    get(what: number | undefined): number | undefined;
    map(name: 'XS Slot Heap Used' | 'XS Chunk Heap Used' | 'XS Stack Used' | 'XS Modules Loaded' | 'XS Garbage Collection Count'): number | undefined;
  };
  export { Instrumentation as default };
}

/** Moddable's `debug` (not the npm package of that name): `gc()` collects now. */
declare module 'debug' {
  const Debug: { gc(enable?: boolean): void };
  export { Debug as default };
}

declare module 'harness-inputs' {
  const request: import('./protocol').HarnessRequest;
  export default request;
}
