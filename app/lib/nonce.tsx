import { createContext, useContext } from "react";

/**
 * This response's Content-Security-Policy nonce, for the inline scripts of the page (decision 15). Only the
 * server provides it; in the browser it is empty, as browsers also hide a nonce attribute's value after
 * reading it, so hydration sees the same "".
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
