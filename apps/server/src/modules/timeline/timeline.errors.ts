import { invalidField } from '../../platform/errors';

export const unknownKind = (kind: string) =>
  invalidField('kinds', `unknown kind "${kind.slice(0, 40)}"`, 'timeline.unknown_kind');
export const badCursor = () => invalidField('cursor', 'not a cursor of this timeline', 'timeline.bad_cursor');
