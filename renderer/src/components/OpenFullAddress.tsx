/** A browser tab opened without the token: say which address to open, and show nothing else. */
export function OpenFullAddress() {
  return (
    <main className="open-full-address">
      <h1>ContactCap</h1>
      <p>Open the full address that was printed when ContactCap started; it includes a token.</p>
      <p>This tab was opened without it, so it cannot show or change anything.</p>
    </main>
  );
}
