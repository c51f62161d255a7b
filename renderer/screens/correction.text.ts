// Words of the correction form and its review dialog.
export const CORRECTION_TEXT = {
  title: 'Corrigir dados',
  intro: 'Altere somente o que o documento apresentado comprova. Campos não alterados ficam como estão.',
  draftKept: 'O rascunho fica guardado se você mudar de tela.',
  changedCount: (n: number) => (n === 0 ? 'Nenhum campo alterado' : `${n} ${n === 1 ? 'campo alterado' : 'campos alterados'}`),
  current: (value: string) => `Atual: ${value}`,
  nameCase: (suggested: string) => `Usar as maiúsculas do conselho: ${suggested}`,
  pendencies: 'Este cadastro tem pendências. Você pode salvar outras correções mesmo assim; aproveite o documento apresentado para corrigi-las também:',
  warnings: {
    didYouMean: (suggestion: string) => `Você quis dizer ${suggestion}?`,
    useSuggestion: { EMAIL_TYPO: 'Usar este e-mail' } as Partial<Record<string, string>>,
    useAnySuggestion: 'Usar a sugestão',
    changeUf: (uf: string) => `Mudar a UF para ${uf}`,
    review: 'Avisos para conferir — não impedem salvar',
  },
  nationality: {
    country: 'País',
    countryHelp: 'Como está no documento (ex.: Portugal).',
    unlisted: (value: string) => `${value} (fora da lista do DIP)`,
  },
  mother: {
    legend: 'Mãe (filiação)',
    name: 'Nome da mãe',
    notListed: 'Não consta mãe',
    notListedHelp: 'O documento de identidade não traz o nome da mãe.',
    willClear: (name: string) => `O nome da mãe registrado (“${name}”) será apagado.`,
  },
  evidence: {
    title: 'Motivo e documento comprobatório',
    reason: 'Motivo da correção',
    reasonHelp: 'Ex.: nome da mãe conforme RG apresentado no balcão.',
    kind: 'Documento apresentado',
    kindHelp: 'Escolha da lista ou escreva outro.',
    kinds: [
      'RG',
      'CNH',
      'Certidão de nascimento',
      'Certidão de casamento',
      'Averbação de divórcio',
      'Comprovante de residência',
      'Declaração',
      'Outro',
    ],
    arrival: 'Como o documento chegou',
    date: 'Data de recebimento',
    note: 'Observação sobre o documento (opcional)',
    noteHelp: 'Ex.: número do documento, código de rastreio do envelope.',
  },
  contact: {
    label: 'Atendimento (opcional)',
    none: 'Nenhum atendimento',
    help: 'A correção fica vinculada ao atendimento escolhido, que passa a acompanhar o lote e a resposta da Implanta.',
    option: (protocol: string, caseLabel: string, date: string) => `${protocol} · Caso ${caseLabel} · aberto em ${date}`,
  },
  review: 'Revisar correção',
  reviewing: 'Conferindo a correção…',
  cancel: 'Cancelar',
  discardTitle: 'Descartar esta correção?',
  discardBody: 'Os campos alterados, o motivo e o documento digitados serão perdidos. O cadastro não muda.',
  discardConfirm: 'Descartar',
  keepEditing: 'Continuar editando',
  noChange: 'Nenhum campo foi alterado: mude pelo menos um dado antes de revisar.',
  cepFilled: 'Endereço preenchido pelos CEPs cadastrados: confira e complete o número.',
  fixErrors: 'Confira os campos marcados em vermelho.',
  conflict:
    'Este cadastro foi alterado em outro lugar depois que você começou. Recarregue o cadastro para ver os dados atuais: ' +
    'o seu rascunho continua aqui.',
  reload: 'Recarregar cadastro',
  dialog: {
    title: 'Revisar correção',
    who: (name: string, registration: string) => `${name} · Registro nº ${registration}`,
    changes: 'Alterações',
    reason: 'Motivo',
    evidence: 'Documento comprobatório',
    evidenceLine: (kind: string, arrival: 'in_person' | 'post' | 'email' | 'phone', date: string) =>
      `${kind} — ${{ in_person: 'apresentado pessoalmente, recebido em', post: 'chegou pelos Correios, recebido em', email: 'recebido por e-mail em', phone: 'informado por telefone em' }[arrival]} ${date}`,
    note: 'Observação',
    contact: 'Atendimento',
    queue: 'Depois de salva, a correção entra na fila de envio para a Implanta com a situação “Pendente”.',
    dipAck: 'Entendi a consequência para o DIP',
    dipAckRequired: 'Marque que entendeu a consequência para o DIP antes de salvar.',
    dipTitle: 'Consequência para o DIP',
    back: 'Voltar e editar',
    save: 'Salvar correção',
    saving: 'Salvando…',
  },
  saved: (n: number) => `Correção salva e adicionada à fila da Implanta (${n} ${n === 1 ? 'alteração' : 'alterações'}); ela segue no próximo lote.`,
  /** Said after `saved` when the save brought the record to the main system's value of open conflicts. */
  conflictsClosed: (n: number) =>
    n === 1 ? 'O conflito aberto com o sistema do Regional foi fechado: o cadastro ficou com o mesmo valor.' : `${n} conflitos abertos com o sistema do Regional foram fechados: o cadastro ficou com os mesmos valores.`,
  /** Said after `saved` when the save took the record off the main system's value of conflicts an earlier correction had closed. */
  conflictsReopened: (n: number) =>
    n === 1
      ? 'O conflito com o sistema do Regional foi reaberto: o cadastro não tem mais o valor de lá. Escolha qual valor fica.'
      : `${n} conflitos com o sistema do Regional foram reabertos: o cadastro não tem mais os valores de lá. Escolha quais valores ficam.`,
} as const;
