// A table that scrolls sideways on a narrow screen must be reachable by keyboard: its scroll viewport
// takes focus (arrow keys scroll it) and is named after the table it holds.
export function scrollableRegion(label: string): { tabIndex: number; role: string; 'aria-label': string } {
  return { tabIndex: 0, role: 'region', 'aria-label': `${label} (scrollable)` };
}
