/** Saving a text file the page made (no server: a Blob URL and a temporary link). */
export function downloadText(filename: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name for this experiment: letters, digits and dashes only. */
export function fileStem(query: string): string {
  const stem = query
    .replace(/^v=1&?/, '')
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '');
  return `left-of-zero${stem ? `-${stem.slice(0, 80)}` : ''}`;
}
