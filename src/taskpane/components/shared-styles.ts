import { makeStyles, tokens } from "@fluentui/react-components";

/** Styles several components share: headings, sections and visually hidden text. */
export const useSharedStyles = makeStyles({
  // Visually hidden, still read by screen readers.
  visuallyHidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: "0",
    overflow: "hidden",
    clip: "rect(0, 0, 0, 0)",
    whiteSpace: "nowrap",
    border: "0",
  },
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  h2: {
    margin: "0",
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  h3: {
    margin: "0",
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  plainList: {
    listStyleType: "none",
    margin: "0",
    padding: "0",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  // The status that leads a list row (a RAG badge, "Achieved", "Warning"): one width for the common words, so
  // the text beside them starts at one edge down the list instead of jumping with each word's width (at 320 px
  // the Coming up list's names started at 55 px beside "Red" and 70 px beside "Amber").
  lead: { flexShrink: 0, minWidth: "4.25rem", boxSizing: "border-box" },
  paragraph: { margin: "0" },
});
