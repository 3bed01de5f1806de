/**
 * The Content-Security-Policy of every response, with a fresh nonce per request (proxy.ts).
 *
 * Scripts: only those carrying the request's nonce — Next puts it on its own scripts and inline
 * bootstrap when it finds `'nonce-…'` in the request's CSP header — and, through 'strict-dynamic',
 * the chunks those load. No 'unsafe-inline': an injected <script> or event handler never runs.
 * In development React also needs 'unsafe-eval' (error overlays); production never sends it.
 *
 * Styles keep 'unsafe-inline': React writes style attributes (chart bars, progress widths) and the
 * report page updates an inline <style> for the selected pledge on the client, which a nonce
 * cannot cover. Styles cannot run code; everything else is this origin only.
 */

/** 128 random bits, base64: unguessable and fresh for every request. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The policy for a response whose scripts carry `nonce`. */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
