/**
 * Renders the pane as index.tsx does (one FluentProvider at the root), with the browser APIs Fluent UI uses
 * that jsdom lacks. Imported only by the task-pane tests (which run under jsdom), so the global jest setup
 * stays untouched.
 */
import { webLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { WorkbookOperations } from "../../src/app/operations";
import type { DayNumber } from "../../src/engine/dates";
import { PaneRoot } from "../../src/taskpane/PaneRoot";

/**
 * jsdom has no layout: <body> measures 0×0 and every element's offsetParent is null. Fluent's focus manager
 * (Tabster) reads those as "hidden", finds nothing to Tab to, and lets focus fall out of the page. Give the
 * body a task pane's size and elements their parent as offsetParent, as a browser would for visible ones.
 */
function giveLayout(): void {
  document.body.getBoundingClientRect = () =>
    ({
      x: 0,
      y: 0,
      top: 0,
      left: 0,
      width: 350,
      height: 800,
      right: 350,
      bottom: 800,
      toJSON: () => ({}),
    }) as DOMRect;
  Object.defineProperty(HTMLElement.prototype, "offsetParent", {
    configurable: true,
    get(this: HTMLElement) {
      return this.parentElement;
    },
  });
}

export function renderPane(options: {
  operations?: WorkbookOperations;
  inExcel?: boolean;
  today: DayNumber;
}) {
  giveLayout();
  const user = userEvent.setup();
  const view = render(
    <PaneRoot
      theme={webLightTheme}
      operations={options.operations}
      inExcel={options.inExcel ?? true}
      today={options.today}
    />,
  );
  return { user, ...view };
}

/** Waits until the pane has shown what the opening scan found. */
export async function scanned(): Promise<void> {
  await screen.findByRole("heading", { name: /^Programme sheets/ });
}

/** The value shown against a term in a definition list (the budget figures). */
export function figure(term: string): string {
  const dt = screen.getByText(term, { selector: "dt" });
  return dt.nextElementSibling?.textContent ?? "";
}

export function runButton(name: "Refresh RAG columns" | "Build highlight report"): HTMLElement {
  return screen.getByRole("button", { name });
}

/** The message bar titled `title` (a MessageBar is a group labelled by its title). */
export async function findNotice(title: string): Promise<HTMLElement> {
  return screen.findByRole("group", { name: title });
}
