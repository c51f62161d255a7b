// Words of the Backups screen, its dialogs, and the backup age shown on the dashboard and header.
import { otherDeskSentence } from '../../shared/display/desks';
import { plural } from '../../shared/display/plural';
import { loteRetiredByRestore, type DeskIdentity } from '../../shared/contract/backups';

/** Lotes as the restore's warnings name them: “2026-0001 (enviado em 10/12/2026 14:00)”. */
function namedLotes(lotes: readonly { number: string; sentAt: string | null }[], when: (iso: string) => string): string {
  return lotes.map((l) => `${l.number}${l.sentAt ? ` (enviado em ${when(l.sentAt)})` : ' (exportado)'}`).join(', ');
}

export const BACKUPS_TEXT = {
  title: 'Backups',
  subtitle: 'Cópias verificadas de todos os dados deste computador, para recuperá-los se ele quebrar ou for trocado. Não é o pacote de correções enviado à Implanta (esse fica em Lotes).',
  create: 'Fazer backup agora',
  verifyFile: 'Verificar um arquivo…',
  restoreFile: 'Restaurar de um arquivo…',
  folder: (path: string) => `Pasta: ${path}`,
  loadFailed: 'Não foi possível carregar a lista de backups.',
  emptyTitle: 'Nenhum backup nesta pasta ainda.',
  emptyText: 'Um backup guarda uma cópia verificada de todos os dados deste computador. Faça o primeiro agora; depois, o aplicativo faz um por dia ao fechar.',
  columns: { date: 'Data', size: 'Tamanho', verified: 'Verificação', encrypted: 'Senha', origin: 'Origem', actions: 'Ações' },
  verifiedYes: 'Verificado',
  verifiedNo: 'Falhou',
  verifiedUnknown: 'Não verificado',
  verifiedChanged: 'Arquivo alterado',
  verifiedChangedHint: 'Este não é mais o arquivo que esta mesa gravou: ele foi substituído ou alterado depois do backup. Verifique-o antes de confiar nele.',
  encryptedYes: 'Com senha',
  encryptedNo: 'Sem senha',
  pinnedChip: 'Fixado',
  origins: { manual: 'Manual', auto: 'Automático', close: 'Ao fechar', cli: 'Linha de comando', found: 'Encontrado na pasta' } as Record<string, string>,
  originUnknown: 'Encontrado na pasta',
  verify: 'Verificar',
  restore: 'Restaurar',
  reveal: 'Mostrar na pasta',
  pin: 'Fixar (nunca apagar)',
  unpin: 'Desafixar',
  revealUnavailable: (path: string) => `Na prévia do navegador não há gerenciador de arquivos. O arquivo está em: ${path}`,
  pinned: 'Backup fixado: a limpeza automática nunca o apagará.',
  unpinned: 'Backup desafixado.',

  // Create dialog
  createTitle: 'Fazer backup agora',
  createIntro: 'O backup é uma cópia do banco de dados, conferida antes de receber o nome final. O aplicativo continua funcionando enquanto ele é feito.',
  encrypt: 'Proteger com senha',
  /** In small print under "Proteger com senha": the detail for whoever opens the file elsewhere. */
  encryptHelp: 'Zip com criptografia AES-256: abre também no 7-Zip e no WinZip, com a senha.',
  passphrase: 'Senha',
  passphraseAgain: 'Repita a senha',
  passphraseWarning: 'Guarde esta senha em lugar seguro. Se ela for perdida, o backup não poderá ser aberto por ninguém — nem pelo CRESS, nem pela Implanta, nem pelo suporte.',
  passphraseTooShort: 'Use uma senha de pelo menos 8 caracteres.',
  passphraseMismatch: 'As duas senhas não são iguais.',
  cancel: 'Cancelar',
  start: 'Fazer backup',
  created: (name: string, size: string) => `Backup criado e verificado: ${name} (${size}).`,

  // Copy for Implanta
  implantaAction: 'Cópia para a Implanta…',
  implantaTitle: 'Cópia do banco para a Implanta',
  implantaIntro:
    'Grava uma cópia verificada do banco de dados que a Implanta pode abrir: o arquivo .zip e o banco dentro dele ficam protegidos por uma senha combinada com a Implanta. Ela não entra na lista de backups deste computador.',
  implantaPassphraseWarning:
    'Combine a senha com a Implanta por telefone ou pessoalmente, nunca no mesmo e-mail que leva o arquivo. Quem tiver o arquivo e a senha lê todos os dados pessoais do cadastro.',
  implantaPassphraseTooShort: 'Use uma senha de pelo menos 12 caracteres.',
  /** Said under the field before any attempt: the rule, not only the failure. */
  passphraseMin: (min: number) => `Pelo menos ${min} caracteres.`,
  implantaStart: 'Gravar cópia',
  implantaCreated: (path: string, size: string) => `Cópia para a Implanta gravada e verificada: ${path} (${size}). Envie o arquivo e informe a senha por outro meio.`,

  // A backup made with another desk's key
  otherKeyTitle: 'Backup criptografado com outra chave',
  otherKeyText: (name: string) =>
    `O arquivo ${name} está íntegro, mas o banco dentro dele foi criptografado com a chave de outro computador (ou deste, antes de uma reinstalação). Para abri-lo, informe o arquivo da chave de recuperação daquele banco.`,
  otherKeyWhere: 'A chave de recuperação é o arquivo gravado em Configurações → Chave de recuperação, guardado pelo responsável de TI do Conselho.',
  otherKeyChoose: 'Escolher o arquivo da chave…',
  keyFilePicker: 'Chave de recuperação do CRESS Desk',

  // Verify / restore
  askPassphraseTitle: 'Backup protegido por senha',
  askPassphraseText: (name: string) => `Informe a senha usada ao criar ${name}.`,
  continue: 'Continuar',
  verifyValid: (name: string) => `Backup válido: ${name}. O arquivo está completo e o banco de dados passou na verificação de integridade.`,
  /** What a sound backup holds: the date of its data and how much of it. */
  verifyContents: (when: string | null, professionals: number | null, corrections: number | null) =>
    [
      when ? `Dados de ${when}` : '',
      professionals !== null ? plural(professionals, 'profissional', 'profissionais') : '',
      corrections !== null ? plural(corrections, 'correção', 'correções') : '',
    ]
      .filter(Boolean)
      .join(' · ') + '.',
  passphraseWrong: 'Senha incorreta: este backup não abre com ela. Confira maiúsculas e minúsculas e tente de novo.',
  checking: 'Conferindo…',
  /** A lote package (LOTE_PACKAGE) or a zip of other files (NOT_A_BACKUP) is no backup at all, not a damaged one. */
  verifyInvalidTitle: (name: string, codes: readonly string[]) =>
    codes.length > 0 && codes.every((code) => code === 'NOT_A_BACKUP' || code === 'LOTE_PACKAGE')
      ? 'Este arquivo não é um backup'
      : `O backup ${name} não passou na verificação`,
  close: 'Fechar',
  restoreTitle: 'Restaurar este backup?',
  restoreWhat: (name: string, when: string) => `Backup ${name}, feito em ${when}.`,
  restoreConsequence:
    'Todos os dados atuais deste computador — cadastro, correções, CEPs e histórico — serão substituídos pelos do backup. As alterações feitas depois dele deixarão de aparecer.',
  restoreDropsCorrections: (count: number, latest: string) =>
    `${count === 1 ? 'Uma correção foi salva' : `${count.toLocaleString('pt-BR')} correções foram salvas`} nesta mesa depois deste backup (${count === 1 ? 'em' : 'a última em'} ${latest}): ${count === 1 ? 'ela não está' : 'elas não estão'} no backup e ${count === 1 ? 'sai' : 'saem'} da mesa com a restauração — só ${count === 1 ? 'fica' : 'ficam'} nos dados guardados à parte.`,
  restoreDropsOtherWork: (other: { cepChanges: number; contacts: number }) =>
    `Também ${[
      other.cepChanges > 0 ? `${other.cepChanges === 1 ? 'uma mudança de CEP' : `${other.cepChanges.toLocaleString('pt-BR')} mudanças de CEP`} para a Implanta` : '',
      other.contacts > 0 ? `${other.contacts === 1 ? 'um atendimento' : `${other.contacts.toLocaleString('pt-BR')} atendimentos`}` : '',
    ]
      .filter(Boolean)
      .join(' e ')} ${other.cepChanges + other.contacts === 1 ? 'foi registrado' : 'foram registrados'} depois deste backup e ${other.cepChanges + other.contacts === 1 ? 'sai' : 'saem'} da mesa com a restauração — só ${other.cepChanges + other.contacts === 1 ? 'fica' : 'ficam'} nos dados guardados à parte.`,
  restoreBringsBackCancelled: (count: number, latest: string) =>
    `${count === 1 ? 'Uma correção cancelada' : `${count.toLocaleString('pt-BR')} correções canceladas`} nesta mesa depois deste backup (ou de importação desfeita; ${count === 1 ? 'em' : 'a última em'} ${latest}) ${count === 1 ? 'está pendente' : 'estão pendentes'} nele: com a restauração, ${count === 1 ? 'volta' : 'voltam'} a ir para a Implanta no próximo lote. Cancele de novo depois de restaurar.`,
  restoreKept: 'Antes da troca, os dados atuais serão guardados inteiros em um arquivo ao lado do banco de dados; o nome dele aparecerá ao final.',
  restoreCompare: (now: number, then: number) => `Agora: ${plural(now, 'profissional', 'profissionais')}. No backup: ${plural(then, 'profissional', 'profissionais')}.`,
  restoreImplantaCopy:
    'Esta é uma cópia feita para a Implanta: os atendimentos do CRESS (e seus anexos) não estão nela. Restaurá-la deixa a mesa sem eles; os dados de agora ficam guardados à parte.',
  renamedFrom: (name: string) => `Feito por esta mesa como ${name} (renomeado depois).`,
  restoreMigrated: (from: number, to: number) => `O backup é de uma versão anterior (esquema ${from}) e foi atualizado para esta (esquema ${to}).`,
  otherRegion: (backup: number | null, desk: number | null) => `Atenção: este backup é do CRESS ${backup ?? '?'}ª Região, e este computador é do CRESS ${desk ?? '?'}ª Região.`,
  otherRegionConfirm: 'Entendo que os dados de outro CRESS substituirão os deste computador.',
  /** Another desk of this CRESS: both named, and what this desk becomes. */
  otherDesk: (backup: DeskIdentity, desk: DeskIdentity) => `Atenção: ${otherDeskSentence(backup, desk)} Com a restauração, esta mesa passa a ser a outra, e os próximos lotes saem com o nome e a numeração dela.`,
  otherDeskConfirm: 'Entendo que esta mesa passará a ser a outra, e que só uma das duas pode continuar mandando lotes à Implanta.',
  restoreConfirm: 'Restaurar e substituir os dados',
  /** Lotes that left the desk after the backup was made, told before the clerk confirms. */
  restoreUndoesLotes: (lotes: readonly { number: string; sentAt: string | null; stateNow?: string | null }[], when: (iso: string) => string) => {
    const named = (some: typeof lotes) => namedLotes(some, when);
    // Still sent in the backup: it had left before; what came after is (part of) Implanta's answer.
    const left = lotes.filter((l) => l.stateNow !== 'sent');
    const answered = lotes.filter((l) => l.stateNow === 'sent');
    // Sealed again it would be another package under the same number: the restore cancels it.
    const reviewed = lotes.filter((l) => l.stateNow === 'open');
    return [
      left.length > 0
        ? `${left.length === 1 ? 'O lote' : 'Os lotes'} ${named(left)} ${left.length === 1 ? 'saiu' : 'saíram'} desta mesa depois deste backup: restaurá-lo ${left.length === 1 ? 'desfaz esse lote' : 'desfaz esses lotes'} aqui, e a Implanta pode já ter aplicado suas correções.`
        : '',
      answered.length > 0
        ? `${answered.length === 1 ? 'A resposta da Implanta ao lote' : 'As respostas da Implanta aos lotes'} ${named(answered)} ${answered.length === 1 ? 'chegou' : 'chegaram'} depois deste backup: restaurá-lo ${answered.length === 1 ? 'desfaz essa resposta' : 'desfaz essas respostas'} aqui, e será preciso importar a confirmação outra vez.`
        : '',
      reviewed.length > 0
        ? `No backup, ${reviewed.length === 1 ? 'o lote' : 'os lotes'} ${reviewed.map((l) => l.number).join(', ')} ainda ${reviewed.length === 1 ? 'está' : 'estão'} em revisão: a restauração ${reviewed.length === 1 ? 'o cancela' : 'os cancela'}, e suas correções voltam para a fila.`
        : '',
    ]
      .filter(Boolean)
      .join(' ');
  },
  restored: (aside: string) => `Backup restaurado. Os dados anteriores foram guardados em ${aside}`,
  /** Lotes that had left the desk and the restored data no longer holds as they were (db/batches/undoneLotes.ts). */
  restoredUndoneLotes: (aside: string, lotes: readonly { number: string; sentAt: string | null; stateNow?: string | null }[], when: (iso: string) => string) => {
    const named = (some: typeof lotes) => namedLotes(some, when);
    const gone = lotes.filter((l) => !l.stateNow);
    const cancelled = lotes.filter((l) => l.stateNow && loteRetiredByRestore(l));
    const back = lotes.filter((l) => !loteRetiredByRestore(l) && l.stateNow !== 'sent');
    const unanswered = lotes.filter((l) => l.stateNow === 'sent');
    return [
      `Backup restaurado. Os dados anteriores foram guardados em ${aside}.`,
      gone.length > 0
        ? `Atenção: ${gone.length === 1 ? 'o lote' : 'os lotes'} ${named(gone)} não ${gone.length === 1 ? 'está' : 'estão'} no backup: a Implanta pode já ter aplicado suas correções. As que o backup tem voltaram a ficar pendentes: confira com a Implanta antes de enviá-las de novo. ${gone.length === 1 ? 'O número do lote não será usado' : 'Os números desses lotes não serão usados'} por outro.`
        : '',
      cancelled.length > 0
        ? `Atenção: ${cancelled.length === 1 ? 'o lote' : 'os lotes'} ${named(cancelled)} ainda ${cancelled.length === 1 ? 'estava' : 'estavam'} em revisão no backup e ${cancelled.length === 1 ? 'foi cancelado' : 'foram cancelados'} aqui, para que nenhum outro pacote saia com ${cancelled.length === 1 ? 'o número dele' : 'os números deles'}. A Implanta pode já ter aplicado suas correções, que voltaram a ficar pendentes: confira com a Implanta antes de enviá-las de novo.`
        : '',
      back.length > 0
        ? `Atenção: ${back.length === 1 ? 'o lote' : 'os lotes'} ${named(back)} ${back.length === 1 ? 'voltou' : 'voltaram'} a uma etapa anterior ao envio: ${back.some((l) => l.stateNow === 'sealed') ? `exporte ${back.length === 1 ? 'o pacote' : 'os pacotes'} de novo (${back.length === 1 ? 'sai o mesmo arquivo' : 'saem os mesmos arquivos'}), ` : ''}${back.length === 1 ? 'marque-o' : 'marque-os'} como ${back.length === 1 ? 'enviado' : 'enviados'} de novo e importe outra vez a confirmação da Implanta.`
        : '',
      unanswered.length > 0
        ? `${unanswered.length === 1 ? 'O lote' : 'Os lotes'} ${named(unanswered)} ${unanswered.length === 1 ? 'voltou' : 'voltaram'} a aguardar a resposta: importe outra vez a confirmação da Implanta.`
        : '',
    ]
      .filter(Boolean)
      .join(' ');
  },

  // Settings
  settingsTitle: 'Rotina de backup',
  settingsFolder: 'Pasta dos backups',
  chooseFolder: 'Escolher…',
  useDefault: 'Usar a pasta padrão',
  folderHelp: 'Para trocar a pasta, use “Escolher…”.',
  folderPreviewOnly: 'Na prévia no navegador a pasta não pode ser trocada: use o aplicativo instalado.',
  keepLast: 'Manter os últimos',
  keepLastHelp: 'Os mais antigos feitos neste computador são apagados; os fixados, nunca.',
  interval: 'Intervalo mínimo (horas)',
  intervalHelp: 'Backup automático no máximo uma vez neste intervalo.',
  wholeNumber: (max: number) => `Informe um número inteiro de 1 a ${max}.`,
  onClose: 'Fazer backup ao fechar o aplicativo',
  save: 'Salvar rotina',
  saved: 'Rotina de backup salva.',

  // Age of the last verified backup (dashboard, header)
  ageNone: 'Nenhum backup verificado',
  ageToday: 'Último backup: hoje',
  ageDays: (n: number) => (n === 1 ? 'Último backup: ontem' : `Último backup: há ${n} dias`),
  ageCard: (n: number | null) => (n === null ? 'Nenhum verificado' : n === 0 ? 'Hoje' : n === 1 ? 'Ontem' : `Há ${n} dias`),
  ageShort: (n: number | null) => (n === null ? 'Sem backup' : n === 0 ? 'Backup: hoje' : n === 1 ? 'Backup: ontem' : `Backup: há ${n} dias`),
  ageWarning: (days: number) => `Faça um backup: o último verificado tem mais de ${days} dias.`,
  noneWarning: 'Ainda não há backup verificado destes dados. Faça um agora.',
  lastOn: (when: string, name: string) => `${when} · ${name}`,
  goBackups: 'Abrir Backups',
} as const;
