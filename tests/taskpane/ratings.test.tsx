/** @jest-environment jsdom */
/**
 * Several rating columns stay visible in the pane: each item at risk lists every rating column's value, and a
 * sheet read turned says that no RAG column is written into it.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import { ItemsAtRisk } from "../../src/taskpane/components/ItemsAtRisk";
import { SheetMapping } from "../../src/taskpane/components/SheetMapping";
import { run } from "../engine/builders";
import { transposedMaster, twoRatingColumns } from "../engine/export-fixtures";

test("an item at risk lists each rating column's value", () => {
  const a = run([twoRatingColumns()]);
  render(
    <FluentProvider theme={webLightTheme}>
      <ItemsAtRisk items={a.items} sheets={a.sheets} onSelectCell={() => undefined} />
    </FluentProvider>,
  );
  expect(screen.getByText("Ratings: IPA DCA Amber/Red · SRO DCA Amber")).toBeInTheDocument();
  expect(screen.getByText("Ratings: IPA DCA Exempt · SRO DCA Amber/Green")).toBeInTheDocument();
});

test("a sheet read turned says no RAG column is written into it", () => {
  const a = run([transposedMaster()]);
  render(
    <FluentProvider theme={webLightTheme}>
      <SheetMapping sheet={a.sheets[0]!} />
    </FluentProvider>,
  );
  expect(screen.getByText(/no RAG column is written into this sheet/)).toBeInTheDocument();
});
