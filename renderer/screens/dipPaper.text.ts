// Words of the record's "DIP — documentos" section: the DIP's paper side (form, photo, receipt).
import { DIP_PAPER_ITEM_LABELS, DIP_PAPER_WAY_LABELS } from '../../shared/rules/dipPaper';

export const DIP_PAPER_TEXT = {
  title: 'DIP — documentos',
  intro: 'Formulário assinado, foto 3×4 e comprovante de pagamento chegam pelos Correios ou são entregues no balcão.',
  tableLabel: 'Documentos do DIP',
  columns: { item: 'Documento', state: 'Situação', action: 'Ação' },
  item: DIP_PAPER_ITEM_LABELS,
  way: DIP_PAPER_WAY_LABELS,
  arrived: (date: string, way: string) => `Chegou em ${date} · ${way}`,
  recordedBy: (operator: string) => `registrado por ${operator}`,
  notArrived: 'Não chegou',
  noneRecorded: 'Nenhum documento do DIP registrado.',
  expand: 'Registrar documentos',
  complete: 'Documentos completos',
  completeDetail: 'Os três documentos chegaram: o DIP pode seguir.',
  missing: (items: string[]) => `Faltam: ${items.join(', ')}`,
  record: 'Registrar chegada',
  undo: 'Desfazer',
  recordAria: (item: string) => `Registrar chegada: ${item}`,
  undoAria: (item: string) => `Desfazer chegada: ${item}`,
  dialog: {
    title: (item: string) => `Registrar chegada — ${item}`,
    date: 'Data de chegada',
    way: 'Como chegou',
    confirm: 'Registrar chegada',
    cancel: 'Cancelar',
  },
  undoDialog: {
    title: (item: string) => `Desfazer chegada — ${item}`,
    body: (date: string) => `A chegada registrada em ${date} será desfeita e o documento voltará a constar como pendente. O registro continua no histórico de auditoria.`,
    confirm: 'Desfazer chegada',
    cancel: 'Manter',
  },
  recorded: (item: string) => `Chegada registrada: ${item}.`,
  undone: (item: string) => `Chegada desfeita: ${item}.`,
  loadError: 'Não foi possível ler os documentos do DIP.',
} as const;
