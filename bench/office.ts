/** The Office adapter's round trips and request sizes (filled in with the adapter). */
export async function officeBench(): Promise<void> {
  console.log("\n(Office adapter benchmark: not written yet)");
}
