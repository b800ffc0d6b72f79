import { Empty } from 'antd';
import type { ReactNode } from 'react';

/**
 * The empty state of a list or table: a sentence saying what will appear here and, where the user can create the
 * first one, the action that does it. Use it as a table's `locale.emptyText` or a list's empty content.
 */
export function EmptyHint({
  description,
  action,
  testId,
}: {
  description: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} data-testid={testId}>
      {action}
    </Empty>
  );
}
