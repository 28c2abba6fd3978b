/**
 * The number of pages in a PDF, by counting its page objects (`/Type /Page`,
 * not the `/Type /Pages` tree nodes). Enough for Chromium's PDFs, which keep
 * their object dictionaries uncompressed; needs no PDF tools installed.
 */
export function pdfPageCount(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
}
