import { useSyncExternalStore } from "react";

const subscribeNothing = () => () => {};

/**
 * False on the server and during hydration, true once the page runs in the browser: forms that
 * work without JavaScript switch to their richer behaviour (rows added in place, autosave) only then.
 */
export const useHydrated = () => useSyncExternalStore(subscribeNothing, () => true, () => false);
