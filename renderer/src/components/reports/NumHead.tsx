import type { ReactNode } from 'react';

/** A column heading over figures: right-aligned like the numbers under it. */
export function NumHead({ children }: { children: ReactNode }) {
  return (
    <th scope="col" className="num">
      {children}
    </th>
  );
}
