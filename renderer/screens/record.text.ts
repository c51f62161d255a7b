// Words of the record view (an opened professional).
import { formatCount } from '../../shared/display/numbers';
import { plural } from '../../shared/display/plural';

export const RECORD_TEXT = {
  back: 'Voltar para a busca',
  loading: 'Abrindo o cadastro…',
  registration: (n: string) => `Registro nº ${n}`,
  cpf: (cpf: string) => `CPF ${cpf}`,
  socialName: (name: string) => `Nome social: ${name}`,
  correct: 'Corrigir dados',
  dipStatusAt: (date: string) => `situação do DIP em ${date}`,
  pendencyChip: (n: number) => plural(n, 'pendência', 'pendências'),
  summary: (pendencies: number, rejections: number, conflicts: number) =>
    `${[
      pendencies > 0 ? plural(pendencies, 'pendência', 'pendências') : '',
      rejections > 0 ? plural(rejections, 'correção rejeitada pela Implanta', 'correções rejeitadas pela Implanta') : '',
      conflicts > 0 ? plural(conflicts, 'conflito com o sistema do Regional', 'conflitos com o sistema do Regional') : '',
    ]
      .filter(Boolean)
      .join(', ')
      .replace(/, ([^,]*)$/, ' e $1')} neste cadastro:`,
  summaryLine: {
    rejected: (label: string, message: string | null) => `${label}: rejeitado pela Implanta${message ? ` — ${message}` : ''}`,
    conflict: (label: string) => `${label}: o sistema do Regional enviou um valor diferente do da correção da mesa`,
  },
  motherNotListed: 'Não consta mãe',
  tabs: {
    data: 'Dados',
    corrections: (n: number) => `Correções (${formatCount(n)})`,
    history: (n: number) => `Histórico (${formatCount(n)})`,
  },
  tabsLabel: 'Seções do cadastro',
  openStatus: (n: number) => plural(n, 'correção aberta', 'correções abertas'),
  updatedAt: (when: string) => `Atualizado em ${when}`,
  corrections: {
    tableLabel: 'Correções deste cadastro',
    date: 'Data',
    field: 'Campo',
    change: 'Antigo → Novo',
    status: 'Situação',
    reasonAndEvidence: 'Motivo, documento e operador',
    savedBy: (operator: string) => `Salva por ${operator}`,
    actions: 'Ações',
    dip: 'DIP',
    empty: 'Nenhuma correção neste cadastro.',
    emptyHelp: 'Use “Corrigir dados” quando a/o profissional apresentar um documento com dados diferentes.',
    evidenceLine: (kind: string, arrival: string, date: string) => [kind, arrival, date ? `recebido em ${date}` : ''].filter(Boolean).join(' · '),
  },
  history: {
    tableLabel: 'Histórico das alterações deste cadastro',
    at: 'Data e hora',
    what: 'O que aconteceu',
    field: 'Campo',
    change: 'Antes → Depois',
    operator: 'Operador',
    account: 'Conta do computador',
    noAccount: '—',
    note: 'Observação',
    summary: 'O que foi feito',
    dipField: 'Situação do DIP',
    auditTitle: 'Registro de auditoria',
    auditLabel: 'Registro de auditoria deste cadastro',
    empty: 'Nenhuma alteração registrada neste cadastro.',
    kinds: {
      correction: 'Correção',
      correction_import: 'Correção importada de planilha',
      registry_load: 'Carga do sistema do Regional',
      registry_created: 'Cadastro incluído pelo sistema do Regional',
      rejected: 'Rejeitada pela Implanta',
      rejection_dismissed: 'Rejeição dispensada',
      cancelled: 'Correção cancelada',
      conflict_kept: 'Conflito: correção mantida',
      conflict_file: 'Conflito: valor do sistema do Regional',
      dip_update: 'Situação do DIP informada pela Implanta',
      import_undone: 'Importação desfeita',
      synced: 'Aplicada pela Implanta',
    },
  },
  notes: {
    rejected: (value: string) => `Rejeitado pela Implanta: “${value}”. O cadastro voltou a mostrar o valor que a Implanta tem.`,
    rejectedSince: (value: string, now: string) => `Rejeitado pela Implanta: “${value}”. O campo mudou depois e o cadastro está com “${now}”.`,
    implantaSays: (message: string) => `Mensagem da Implanta: ${message}`,
    noMessage: 'nenhum motivo informado.',
    correctAgain: 'Corrigir de novo',
    dismiss: 'Dispensar',
    dismissTitle: (label: string) => `Dispensar a rejeição de ${label}`,
    dismissConsequence:
      'A rejeição deixa de contar como pendente em Início e em Lotes. Nada é enviado à Implanta. Diga por que não é preciso corrigir de novo.',
    dismissConfirm: 'Dispensar rejeição',
    dismissed: (label: string) => `Rejeição de ${label} dispensada.`,
    conflict: (file: string, desk: string, row: number | null) =>
      `O sistema do Regional enviou “${file}”${row ? ` (linha ${formatCount(row)} da planilha)` : ''}, mas há uma correção a caminho da Implanta: “${desk}”. O cadastro mantém a correção até você escolher.`,
    conflictSettled: (file: string, desk: string, row: number | null, outcome: 'rejected' | 'cancelled') =>
      `O sistema do Regional enviou “${file}”${row ? ` (linha ${formatCount(row)} da planilha)` : ''}, mas a correção deste campo ${
        outcome === 'rejected' ? 'foi rejeitada pela Implanta' : 'foi cancelada'
      }: o cadastro está com “${desk}”. Escolha qual valor fica.`,
    keepDesk: 'Manter o valor da mesa',
    keepDeskTitle: (label: string) => `Manter o valor da mesa em ${label}`,
    keepDeskConsequence: (desk: string) => `O cadastro continua com “${desk}”. Nada é enviado à Implanta. O conflito é encerrado.`,
    takeFileSettledConsequence: (file: string, outcome: 'rejected' | 'cancelled') =>
      `O cadastro passa a “${file}”. Nada é enviado à Implanta${outcome === 'rejected' ? ', e a rejeição conta como tratada' : ''}. O conflito é encerrado.`,
    keepCorrection: 'Manter a correção',
    takeFile: 'Usar o valor do arquivo',
    keepTitle: (label: string) => `Manter a correção de ${label}`,
    keepConsequence: (desk: string) => `O cadastro continua com “${desk}” e a correção segue para a Implanta. O conflito é encerrado.`,
    takeFileTitle: (label: string) => `Usar o valor do sistema do Regional em ${label}`,
    takeFileConsequence: (file: string, desk: string) =>
      `O cadastro passa a “${file}”. A correção para “${desk}” é cancelada; se já estiver num lote lacrado, uma nova correção leva “${file}” à Implanta.`,
    kept: (label: string) => `Correção de ${label} mantida.`,
    keptDesk: (label: string) => `${label}: valor da mesa mantido.`,
    tookFile: (label: string) => `${label}: valor do sistema do Regional aplicado.`,
  },
  cancel: {
    action: 'Cancelar correção',
    title: (label: string) => `Cancelar a correção de ${label}`,
    consequence: (label: string, before: string, after: string, address: boolean) =>
      `${label} volta de “${after}” para “${before}” e a correção não será enviada à Implanta.${
        address ? ' Os outros campos do endereço salvos junto com ela (CEP, logradouro, município, UF…) também são cancelados: um endereço só vai inteiro.' : ''
      } O cancelamento fica no histórico.`,
    confirm: 'Cancelar correção',
    done: (label: string) => `Correção de ${label} cancelada.`,
    cancelledBecause: (reason: string) => `Cancelada: ${reason}`,
    correctedOn: (when: string) => `Corrigida de novo em ${when}`,
    dismissedOn: (when: string, reason: string) => `Dispensada em ${when}: ${reason}`,
  },
} as const;
