/** Words the pane shows for the engine's field keys. */
import type { FieldKey } from "../../engine/model";

export const FIELD_LABELS: Record<FieldKey, string> = {
  ref: "Reference",
  name: "Name",
  theme: "Theme",
  owner: "Owner",
  budget: "Budget",
  spent: "Spent",
  committed: "Committed",
  forecast: "Forecast",
  variance: "Variance",
  start: "Start date",
  end: "Target date",
  progress: "% complete",
  status: "Status",
  likelihood: "Likelihood",
  impact: "Impact",
  riskScore: "Risk score",
  risk: "Risk",
  mitigation: "Mitigation",
  override: "RAG override",
  rag: "RAG",
  financialYear: "Financial year",
  commentary: "Commentary",
  overrideReason: "Override reason",
  computedRag: "Computed RAG",
};
