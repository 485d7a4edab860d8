// async-exit-hook 2.x ships no types; only what src/server/db/embedded.ts uses.
declare module 'async-exit-hook' {
  const exitHook: { unhookEvent(event: string): void };
  export default exitHook;
}
