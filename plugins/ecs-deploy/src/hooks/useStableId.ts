import { useState } from 'react';

let counter = 0;

/**
 * An id for aria attributes that stays the same across renders. React's own
 * `useId` needs React 18; the plugin still supports 16 and 17.
 */
export function useStableId(prefix: string): string {
  const [id] = useState(() => {
    counter += 1;
    return `${prefix}-${counter}`;
  });
  return id;
}
