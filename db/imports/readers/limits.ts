// How far an imported file is trusted: sizes that bound time and memory, and the two ways a file
// is refused — it cannot be read (damaged, encrypted, not a spreadsheet) or it is unsafe.
import { AppError } from '../../../shared/errors';

export interface ReaderLimits {
  /** The file on disk. */
  maxFileBytes: number;
  /** Entries in a zip-based file (xlsx, ods). */
  maxZipEntries: number;
  /** Sum of the declared uncompressed sizes of the entries. */
  maxUncompressedBytes: number;
  /** Largest expansion an entry may declare (uncompressed / compressed)... */
  maxRatio: number;
  /** ...once it is larger than this (tiny entries compress absurdly well). */
  ratioFloorBytes: number;
  /** XML parts read whole (workbook, styles, shared strings); the sheet itself is streamed. */
  maxPartBytes: number;
  /** One row (or one CSV record) as text: a longer one is a hostile or broken file. */
  maxRowChars: number;
  /** Spreadsheet programs stop at 16 384 columns and 1 048 576 rows. */
  maxColumns: number;
  maxRows: number;
  /** An .ods's content.xml, which SheetJS reads whole into one text (V8 stops at 512 Mi characters). */
  maxWholeSheetBytes: number;
}

export const DEFAULT_LIMITS: ReaderLimits = {
  maxFileBytes: 256 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxUncompressedBytes: 2 * 1024 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
  maxPartBytes: 512 * 1024 * 1024,
  maxRowChars: 16 * 1024 * 1024,
  maxColumns: 16_384,
  maxRows: 1_048_576,
  maxWholeSheetBytes: 256 * 1024 * 1024,
};

/** The file cannot be read as a spreadsheet: the message says why and what to do. */
export function unreadable(message: string): AppError {
  return new AppError('FILE_UNREADABLE', message);
}

/** The file looks built to harm (zip bomb, XML entities, absurd sizes): nothing of it is used. */
export function unsafe(message: string): AppError {
  return new AppError('FILE_UNSAFE', message);
}

export const FILE_MESSAGES = {
  empty: 'O arquivo está vazio: não há nada para importar.',
  tooLarge: (mb: number, maxMb: number) => `O arquivo tem ${mb} MB e o limite para importação é ${maxMb} MB. Divida a planilha em partes menores.`,
  truncated: 'O arquivo está incompleto ou danificado (talvez a cópia ou o download não terminou). Salve a planilha novamente e tente outra vez.',
  encrypted: 'A planilha está protegida por senha. Abra-a no Excel ou no LibreOffice, remova a senha, salve e importe de novo.',
  notSpreadsheet: (fileName: string) => `O arquivo ${fileName} não é uma planilha. Use .xlsx, .xlsm, .ods, .xls ou .csv.`,
  textNotSpreadsheet: (fileName: string) => `O arquivo ${fileName} não é uma planilha: parece ser texto. Salve-o como .xlsx ou .csv e tente de novo.`,
  zipNotSpreadsheet: 'O arquivo é compactado (zip), mas não contém uma planilha. Use .xlsx, .xlsm, .ods, .xls ou .csv.',
  htmlAsXls: 'O arquivo tem extensão de planilha, mas é uma página HTML exportada por outro sistema. Abra-o no Excel ou no LibreOffice e salve como .xlsx.',
  bomb: 'O arquivo foi recusado por segurança: o conteúdo compactado se expandiria de forma desproporcional (possível “bomba zip”).',
  dtd: 'O arquivo foi recusado por segurança: contém declarações XML (DOCTYPE/ENTITY) que planilhas legítimas não usam.',
  tooManyEntries: (n: number) => `O arquivo foi recusado por segurança: tem ${n} partes internas, muito mais que uma planilha.`,
  unsafeName: (name: string) => `O arquivo foi recusado por segurança: a parte interna “${name}” tem um caminho inseguro.`,
  rowTooLong: (row: number) => `A linha ${row} é grande demais para ser uma linha de planilha (aspas sem fechamento?). Confira o arquivo.`,
  damaged: (detail: string) => `O arquivo está danificado e não pode ser lido (${detail}). Salve a planilha novamente e tente outra vez.`,
  crcMismatch:
    'O arquivo está danificado e não pode ser lido: parte do conteúdo não confere com a soma de verificação (CRC) gravada nele, e o que seria importado pode estar errado. Abra a planilha no Excel ou no LibreOffice, salve de novo e importe outra vez.',
  noSheets: 'A planilha não tem nenhuma aba.',
  wholeSheetTooLarge: (format: 'ods' | 'xls', mb: number | null, maxMb: number) =>
    `A planilha .${format} é grande demais para ser lida${mb === null ? '' : ` (${mb} MB de conteúdo; o limite do formato .${format} é ${maxMb} MB)`}: este formato é lido inteiro na memória. Abra-a no LibreOffice ou no Excel e salve como .xlsx (“Pasta de trabalho do Excel 2007-365”), que é lido em partes, ou divida a planilha.`,
  nulBytes: (fileName: string, line: number) =>
    `O arquivo ${fileName} tem caracteres nulos (bytes zero) na linha ${line}, que nenhuma planilha contém: o sistema que o gerou preencheu campos com eles. Abra o arquivo no Excel ou no LibreOffice, salve como CSV UTF-8 e importe de novo.`,
  utf16WithoutMark: (fileName: string) =>
    `O arquivo ${fileName} está em UTF-16 sem a marca que o identifica, e não pode ser lido com segurança. Abra-o no Excel ou no LibreOffice, salve como CSV UTF-8 e importe de novo.`,
  formulaWithoutValue: (cell: string) =>
    `A célula ${cell} tem uma fórmula que nunca foi calculada (planilha gerada por outro programa), e o valor dela não está no arquivo. Abra a planilha no Excel ou no LibreOffice, salve de novo e importe outra vez.`,
  mixedEncodings: (utf8Row: number, cp1252Row: number) =>
    `O arquivo mistura duas codificações de texto (UTF-8 e Windows-1252): ${
      utf8Row === cp1252Row ? `a linha ${utf8Row} tem acentos nas duas` : `a linha ${utf8Row} tem acentos em UTF-8 e a linha ${cp1252Row} em Windows-1252`
    }, e os acentos de uma delas seriam gravados errados. Salve a planilha de novo numa só codificação (por exemplo, “CSV UTF-8”) e importe outra vez.`,
  bomButWindows1252: (row: number) =>
    `O arquivo começa com a marca de UTF-8, mas a linha ${row} está em Windows-1252 (linhas coladas de outro programa), e os acentos dela seriam gravados errados. Salve a planilha de novo numa só codificação (por exemplo, “CSV UTF-8”) e importe outra vez.`,
} as const;
