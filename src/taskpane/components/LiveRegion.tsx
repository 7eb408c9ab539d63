import { useSharedStyles } from "./shared-styles";

/** Says what happened ("Refreshed 28 RAG cells") to screen-reader users without moving their focus. */
export function LiveRegion({ text }: { text: string }) {
  const styles = useSharedStyles();
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className={styles.visuallyHidden}>
      {text}
    </div>
  );
}
