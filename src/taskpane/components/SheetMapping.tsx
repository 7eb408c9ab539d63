import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { excelRowOf } from "../../engine/coords";
import { columnLetters } from "../../engine/grid";
import type { SheetReport } from "../../engine/model";
import { FIELD_LABELS } from "../state/labels";
import { useSharedStyles } from "./shared-styles";

const useStyles = makeStyles({
  sheet: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  mapping: { overflowWrap: "anywhere" },
  arrow: {
    color: tokens.colorNeutralForeground3,
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
  },
});

/** One programme sheet: its items, its header row, and which column was read as which field. */
export function SheetMapping({ sheet }: { sheet: SheetReport }) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const rag = sheet.ragColumn;
  return (
    <div className={styles.sheet}>
      <span>
        <span className={styles.name}>{sheet.name}</span>: {sheet.itemCount}{" "}
        {sheet.itemCount === 1 ? "item" : "items"}, headers in row {excelRowOf(sheet.headerRow)}
      </span>
      {sheet.transposed ? (
        <span className={shared.muted}>
          Read turned (one project per column): no RAG column is written into this sheet
        </span>
      ) : (
        <span className={shared.muted}>
          RAG {rag.added ? "goes in a new column" : "is written to column"} {columnLetters(rag.col)}
          {rag.added ? ` (“${rag.header}”)` : ` “${rag.header}”`}
        </span>
      )}
      <Accordion collapsible>
        <AccordionItem value="columns">
          <AccordionHeader as="h4" size="small">
            Columns read ({sheet.columns.length})
          </AccordionHeader>
          <AccordionPanel>
            <ul className={shared.plainList} aria-label={`Columns read on ${sheet.name}`}>
              {sheet.columns.map((c) => (
                <li key={`${c.field}:${c.col}`} className={styles.mapping}>
                  {FIELD_LABELS[c.field]}
                  <span aria-hidden="true" className={styles.arrow}>
                    ←
                  </span>
                  <span className={shared.visuallyHidden}> read from column </span>
                  {columnLetters(c.col)} “{c.header}”
                </li>
              ))}
            </ul>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </div>
  );
}
