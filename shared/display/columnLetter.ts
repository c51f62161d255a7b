// A spreadsheet column as Excel and LibreOffice show it, for messages that point at a cell.

/** 0 is "A", 25 "Z", 26 "AA". */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
