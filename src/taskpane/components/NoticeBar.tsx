import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import type { Notice } from "../state/use-task-pane";

export interface NoticeBarProps {
  notice: Notice;
  /** Offers a Dismiss button when given. */
  onDismiss?(): void;
  /** Offered with the notice, e.g. "Try again" after the workbook could not be read. */
  retry?: { label: string; onClick(): void };
}

/** An error or warning in plain words. */
export function NoticeBar({ notice, onDismiss, retry }: NoticeBarProps) {
  return (
    <MessageBar intent={notice.intent} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{notice.title}</MessageBarTitle> {notice.text}
      </MessageBarBody>
      <MessageBarActions>
        {retry && <Button onClick={retry.onClick}>{retry.label}</Button>}
        {onDismiss && <Button onClick={onDismiss}>Dismiss</Button>}
      </MessageBarActions>
    </MessageBar>
  );
}
