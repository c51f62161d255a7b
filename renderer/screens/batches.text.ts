// Words of Lotes (batches for Implanta) and of the batch cards on the start screen.
import { formatCount } from '../../shared/display/numbers';
import { plural } from '../../shared/display/plural';
import { formatCep } from '../../shared/rules/cep';

/** "3 correções", "1 alteração de CEP", "2 correções e 1 alteração de CEP": only the kinds the lote holds. */
function itemsOf(corrections: number, ceps: number): string {
  const kinds = [corrections > 0 ? plural(corrections, 'correção', 'correções') : null, ceps > 0 ? plural(ceps, 'alteração de CEP', 'alterações de CEP') : null];
  return kinds.filter((kind) => kind !== null).join(' e ') || plural(0, 'correção', 'correções');
}

/** What a lote holds, as an answer's counts count it: corrections, CEP changes, or both ("itens"). */
export interface AckItems {
  corrections: number;
  cepChanges: number;
}

/** The noun an answer's counts are said in, with its gender: "correção aplicada", "item aplicado". */
function ackNoun(items: AckItems): { one: string; many: string; feminine: boolean } {
  if (items.cepChanges === 0) return { one: 'correção', many: 'correções', feminine: true };
  if (items.corrections === 0) return { one: 'alteração de CEP', many: 'alterações de CEP', feminine: true };
  return { one: 'item', many: 'itens', feminine: false };
}

/** `word` (masculine singular: "aplicado") agreeing with `n` of the noun: "aplicadas", "aplicado". */
function ackWord(n: number, items: AckItems, word: string): string {
  const agreed = ackNoun(items).feminine ? word.replace(/o$/, 'a') : word;
  return n === 1 ? agreed : `${agreed}s`;
}

/** "4 correções rejeitadas", "1 item aplicado". */
function ackCount(n: number, items: AckItems, word: string): string {
  const noun = ackNoun(items);
  return `${plural(n, noun.one, noun.many)} ${ackWord(n, items, word)}`;
}

/** "4 correções pendentes", "4 correções pendentes e 1 alteração de CEP pendente": only the kinds waiting; '' when none. */
function pendingItems(corrections: number, ceps: number): string {
  return [
    corrections > 0 ? plural(corrections, 'correção pendente', 'correções pendentes') : '',
    ceps > 0 ? plural(ceps, 'alteração de CEP pendente', 'alterações de CEP pendentes') : '',
  ]
    .filter(Boolean)
    .join(' e ');
}

/** A problem a package check found (shared/contract/batches.ts VerifyResult). */
interface VerifyProblem {
  code: string;
  message: string;
  path?: string | undefined;
}

/** A backup of the desk checked as a lote package (its one problem says so, db/batches/package.ts). */
export function isBackupZip(problems: readonly VerifyProblem[]): boolean {
  return problems.some((p) => p.code === 'NOT_A_LOTE_PACKAGE');
}

export const BATCHES_TEXT = {
  title: 'Lotes',
  subtitle:
    'Lotes de correções para a Implanta: gere um lote com o que está pendente, revise, lacre, exporte o pacote, marque o envio e importe a confirmação da Implanta.',
  loading: 'Carregando os lotes…',
  pendingTitle: 'Aguardando o próximo lote',
  pendingNone: 'Nada pendente: as correções e os CEPs salvos aparecem aqui até entrarem em um lote.',
  pendingSummary: pendingItems,
  pendingDip: (n: number) => `${plural(n, 'profissional precisa', 'profissionais precisam')} de correção da solicitação do DIP.`,
  openExists: (number: string) => `O lote ${number} está em revisão: lacre-o ou cancele-o antes de gerar outro. O que for salvo agora entra no próximo lote.`,
  openBatch: (number: string) => `Abrir o lote ${number}`,
  create: 'Gerar lote',
  creating: 'Gerando o lote…',
  created: (number: string) => `Lote ${number} gerado: revise e lacre quando estiver tudo certo.`,
  importAck: 'Importar confirmação',
  verifyPackage: 'Verificar um pacote…',
  listTitle: 'Lotes',
  tableLabel: 'Lotes para a Implanta',
  empty: 'Nenhum lote ainda. Quando houver correções pendentes, use “Gerar lote”.',
  columns: {
    number: 'Lote',
    state: 'Situação',
    items: 'Itens',
    created: 'Gerado em',
    sent: 'Enviado em',
    answer: 'Resposta da Implanta',
  },
  items: (corrections: number, ceps: number) =>
    ceps > 0 ? `${plural(corrections, 'correção', 'correções')} · ${plural(ceps, 'CEP', 'CEPs')}` : plural(corrections, 'correção', 'correções'),
  overdue: 'Atrasado',
  overdueSince: (due: string) => `Resposta esperada até ${due}`,
  partlyAnswered: 'Respondido em parte',
  /** `toFix`: rejections not yet dealt with (a new correction saved or the rejection dismissed). */
  answer: (synced: number, toFix: number, unanswered: number) =>
    [
      synced > 0 ? plural(synced, 'aplicada', 'aplicadas') : '',
      toFix > 0 ? plural(toFix, 'rejeitada a corrigir', 'rejeitadas a corrigir') : '',
      unanswered > 0 ? `${formatCount(unanswered)} sem resposta` : '',
    ]
      .filter(Boolean)
      .join(' · ') || '—',
  openRow: (number: string) => `Abrir o lote ${number}`,

  detail: {
    back: 'Voltar para os lotes',
    title: (number: string) => `Lote ${number}`,
    loading: 'Abrindo o lote…',
    file: (name: string) => `Pacote: ${name}`,
    dates: {
      created: 'Gerado em',
      sealed: 'Lacrado em',
      exported: 'Exportado em',
      sent: 'Enviado em',
      due: 'Resposta esperada até',
      acknowledged: 'Última resposta em',
      cancelled: 'Cancelado em',
    },
    operator: (name: string) => `Gerado por ${name}`,
    sha: 'Código de conferência do pacote',
    shaEncrypted: 'Código de conferência do pacote com senha',
    shaHelp: 'Com ele a Implanta confirma que recebeu este pacote inteiro e sem alteração; a confirmação dela traz o mesmo código. (Soma SHA-256 do arquivo .zip.)',
    seal: 'Lacrar lote',
    cancel: 'Cancelar lote',
    export: 'Exportar pacote',
    markSent: 'Marcar como enviado',
    importAck: 'Importar confirmação',
    dipEmail: 'E-mail para a Implanta (DIP)',
    openHint: 'Revise os itens abaixo. Depois de lacrado, o lote não muda mais: o pacote exportado será sempre o mesmo.',
    /** A lote made after a restore undid a sent one (docs/backups.md), before the state's own hint. */
    undoneBeforeHint: (lotes: readonly { number: string; sentAt: string | null; restoredAt: string }[], when: (iso: string) => string, then: string) =>
      `${lotes
        .map((l) => `O lote ${l.number}${l.sentAt ? `, enviado em ${when(l.sentAt)},` : ''} foi desfeito pela restauração de um backup em ${when(l.restoredAt)}.`)
        .join(' ')} As correções dele que voltaram a ficar pendentes podem estar neste lote, e a Implanta pode já tê-las aplicado: confira com ela antes de enviar este lote. ${then}`,
    /** Records whose corrections stay out of this lote (db/batches/heldBack.ts): each with the store's reason. */
    heldBackHint: (held: readonly { registrationNumber: string; name: string; message: string }[], then: string) =>
      `${held.map((h) => `Registro ${h.registrationNumber} (${h.name}): ${h.message}`).join(' ')} ${then}`,
    sealedHint: 'Lote lacrado: exporte o pacote e envie-o à Implanta; depois marque o envio.',
    exportedHint: 'Pacote exportado: envie-o à Implanta e marque o envio para acompanhar o prazo de resposta.',
    sentHint: (due: string) => `Aguardando a confirmação da Implanta (esperada até ${due}).`,
    overdueHint: (due: string) => `A Implanta não respondeu no prazo (${due}). Cobre a confirmação ou confira se o pacote chegou.`,
    partlyHint: (n: number) => `Confirmação parcial: ${plural(n, 'item continua', 'itens continuam')} sem resposta da Implanta.`,
    acknowledgedHint: 'A Implanta respondeu todos os itens deste lote.',
    rejectedHint: (n: number) =>
      `${plural(n, 'item foi rejeitado e ainda não foi tratado', 'itens foram rejeitados e ainda não foram tratados')}: confira o motivo e salve uma nova correção no cadastro (ela entra no próximo lote) ou dispense a rejeição.`,
    cancelledHint: 'Lote cancelado: os itens voltaram para a fila como pendentes.',
    reviewTitle: 'Revisão',
    reviewLabel: 'Itens do lote por tipo e campo',
    kinds: { correction: 'Correção', cep: 'Diretório de CEPs', dip: 'Solicitação do DIP a corrigir' },
    groupColumns: { kind: 'Tipo', field: 'Campo', count: 'Quantidade', statuses: 'Situação' },
    itemsTitle: 'Itens',
    itemsLabel: 'Itens do lote',
    allStatuses: 'Todos',
    itemColumns: {
      who: 'Profissional / CEP',
      field: 'Campo',
      change: 'Antigo → Novo',
      status: 'Situação',
      message: 'Mensagem da Implanta',
      actions: 'Ações',
    },
    remove: 'Retirar do lote',
    removeLabel: (what: string) => `Retirar do lote: ${what}`,
    noItems: 'Nenhum item com esta situação.',
    cepChange: (cep: string) => `CEP ${cep}`,
    loadingItems: 'Carregando os itens…',
  },
  cepRejection: {
    dismiss: 'Dispensar',
    dismissLabel: (cep: string) => `Dispensar a rejeição da alteração do CEP ${cep}`,
    title: (cep: string) => `Dispensar a rejeição do CEP ${cep}`,
    consequence:
      'A rejeição deixa de contar como pendente em Início e em Lotes. Nada é enviado à Implanta. Diga por que não é preciso alterar o CEP de novo (para corrigi-lo, altere o CEP na tela CEPs).',
    confirm: 'Dispensar rejeição',
    done: (cep: string) => `Rejeição do CEP ${cep} dispensada.`,
  },

  confirmSeal: {
    title: (number: string) => `Lacrar o lote ${number}?`,
    body: (corrections: number, ceps: number) =>
      `O lote fica com ${itemsOf(corrections, ceps)} e não poderá mais ser mudado nem cancelado. Correções salvas depois entram no próximo lote.`,
    confirm: 'Lacrar lote',
    done: (number: string) => `Lote ${number} lacrado. Agora exporte o pacote.`,
    /** Sealing left records out (db/batches/heldBack.ts): their corrections stay pending. */
    doneHeldBack: (number: string, records: number) =>
      `Lote ${number} lacrado. ${plural(records, 'cadastro ficou', 'cadastros ficaram')} de fora, com as correções pendentes: a Implanta ainda conhece outro cadastro pelo CPF ${records === 1 ? 'dele' : 'deles'}. Agora exporte o pacote.`,
  },
  confirmCancel: {
    title: (number: string) => `Cancelar o lote ${number}?`,
    body: (corrections: number, ceps: number) =>
      `${itemsOf(corrections, ceps)} ${corrections + ceps === 1 ? 'volta para a fila como pendente' : 'voltam para a fila como pendentes'}. O número do lote não será reaproveitado.`,
    confirm: 'Cancelar lote',
    done: (number: string) => `Lote ${number} cancelado: os itens voltaram para a fila.`,
  },
  confirmRemove: {
    title: (number: string) => `Retirar o item do lote ${number}?`,
    correction: (label: string, name: string, registration: string) =>
      `A correção de ${label} de ${name} (registro ${registration}) volta para a fila como pendente e entra no próximo lote. O cadastro continua com o valor corrigido.`,
    cep: (cep: string) => `A alteração do CEP ${cep} volta para a fila como pendente e entra no próximo lote.`,
    confirm: 'Retirar do lote',
    done: (number: string) => `Item retirado do lote ${number}: ele entra no próximo lote.`,
  },
  keep: 'Voltar',

  exportDialog: {
    title: (number: string) => `Exportar o pacote do lote ${number}`,
    intro:
      'O pacote é o arquivo .zip que você envia à Implanta: as correções do lote para o sistema dela e uma planilha para conferir. Exportar de novo o mesmo lote gera exatamente o mesmo arquivo.',
    formatHelp: 'Detalhes para a equipe técnica: pacote no formato BagIt, com as correções em JSON Lines e em CSV (separado por ponto e vírgula), cada arquivo com sua soma SHA-256.',
    protect: 'Proteger com senha',
    /** In small print under "Proteger com senha": the detail for Implanta's staff. */
    protectHelp: 'Zip com criptografia AES-256: a Implanta o abre com a senha (no 7-Zip ou no WinZip, por exemplo).',
    passphrase: 'Senha',
    repeat: 'Repita a senha',
    passphraseHelp: 'Pelo menos 8 caracteres.',
    tooShort: 'A senha precisa de pelo menos 8 caracteres.',
    mismatch: 'As duas senhas não são iguais.',
    warning:
      'Guarde a senha: sem ela ninguém abre o pacote — nem a Implanta, nem o CRESS. Ela não fica gravada no aplicativo e não pode ser recuperada. Envie-a à Implanta por outro canal (telefone, por exemplo).',
    choose: 'Escolher onde salvar…',
    saveTitle: 'Salvar o pacote do lote',
    filter: 'Pacote zip',
    done: 'Pacote exportado',
    result: (name: string, size: string) => `${name} (${size})`,
    encrypted: 'protegido por senha',
    sha: 'Código de conferência do pacote:',
    shaHelp: 'Com ele a Implanta confirma que recebeu este pacote inteiro e sem alteração. (Soma SHA-256 do arquivo .zip.)',
    copy: 'Copiar',
    copied: 'Copiado.',
    reveal: 'Mostrar na pasta',
    downloaded: 'O navegador baixou o pacote para a sua pasta de downloads.',
    close: 'Fechar',
    cancel: 'Cancelar',
  },

  sentDialog: {
    title: (number: string) => `Marcar o lote ${number} como enviado`,
    intro: 'Informe quando o pacote foi enviado à Implanta. O prazo de resposta começa a contar a partir daí.',
    date: 'Data do envio',
    time: 'Hora',
    hours: 'Prazo de resposta (horas)',
    hoursHelp: 'Depois desse prazo sem confirmação, o lote aparece como atrasado no Início.',
    invalidTime: 'Hora inválida: use hh:mm.',
    invalidHours: 'Informe um prazo entre 1 e 8.760 horas.',
    confirm: 'Marcar como enviado',
    done: (number: string) => `Lote ${number} marcado como enviado.`,
  },

  ackDialog: {
    title: 'Importar a confirmação da Implanta',
    intro:
      'Escolha o arquivo que a Implanta devolveu: JSON, ou planilha (CSV ou xlsx) com as colunas id, situação (aplicada, aplicada no cadastro com DIP não corrigido, ou rejeitada) e mensagem; e, se a Implanta informar, situação do DIP e data do DIP. O lote é reconhecido pelos ids.',
    choose: 'Escolher arquivo…',
    pickTitle: 'Confirmação da Implanta',
    filter: 'Confirmação (JSON, CSV, planilha)',
    result: (number: string) => `Confirmação do lote ${number} importada`,
    /** Each count names what it counts: the lote's corrections, its CEP changes, or both. */
    counts: (applied: number, rejected: number, unchanged: number, unanswered: number, items: AckItems) => {
      const noun = ackNoun(items);
      return [
        ackCount(applied, items, 'aplicado'),
        ackCount(rejected, items, 'rejeitado'),
        unchanged > 0 ? `${ackCount(unchanged, items, 'já respondido')}` : '',
        `${plural(unanswered, noun.one, noun.many)} ainda sem resposta`,
      ]
        .filter(Boolean)
        .join(' · ');
    },
    /** When the lote holds both kinds, what "itens" means. */
    itemsCover: 'Itens são as correções e as alterações de CEP do lote.',
    /**
     * The lote's page also lists the DIP requests to correct, each rejected when a correction of the
     * same professional is: not one more rejection to deal with, so not counted here.
     */
    dipRequestsFollow:
      'Na página do lote, a solicitação do DIP a corrigir de quem teve uma correção rejeitada aparece também como rejeitada: ela segue a correção e não é outra rejeição a tratar.',
    registryOnly: (n: number) =>
      `${plural(n, 'correção foi aplicada', 'correções foram aplicadas')} só no cadastro: a Implanta não corrigiu a solicitação do DIP. Oriente a/o profissional conforme o caso.`,
    dipUpdated: (n: number) => `Situação do DIP atualizada em ${plural(n, 'cadastro', 'cadastros')}.`,
    dipStale: (n: number) =>
      `${plural(n, 'situação do DIP ficou', 'situações do DIP ficaram')} como estava${n === 1 ? '' : 'm'}: a informação da Implanta é mais antiga que a registrada.`,
    outOfOrder: (n: number) =>
      `${plural(n, 'correção mais antiga foi respondida', 'correções mais antigas foram respondidas')} como aplicada${n === 1 ? '' : 's'} depois da mais nova do mesmo campo, que a Implanta já tinha aplicado: ela pode ter ficado com o valor antigo. A mesa mantém o valor mais novo; confirme com a Implanta qual valor ficou.`,
    previewOutOfOrder: (n: number) =>
      `${plural(n, 'correção mais antiga chega', 'correções mais antigas chegam')} como aplicada${n === 1 ? '' : 's'} depois da mais nova do mesmo campo: a Implanta pode ficar com o valor antigo. A mesa mantém o valor mais novo.`,
    outOfOrderItem: (item: { name: string; registrationNumber: string; fieldLabel: string; appliedValue: string; newerValue: string; newerBatchNumber: string }) =>
      `${item.name} (registro ${item.registrationNumber}), ${item.fieldLabel}: “${item.appliedValue}” respondida depois de “${item.newerValue}” (lote ${item.newerBatchNumber})`,
    mixedAddresses: (n: number) =>
      `${plural(n, 'endereço corrigido de uma vez ficou misturado', 'endereços corrigidos de uma vez ficaram misturados')}: a Implanta aplicou parte e recusou parte. Confira ${n === 1 ? 'o endereço' : 'os endereços'}.`,
    previewMixedAddresses: (n: number) =>
      `${plural(n, 'endereço corrigido de uma vez fica misturado', 'endereços corrigidos de uma vez ficam misturados')}: a Implanta aplica parte e recusa parte.`,
    mixedAddressItem: (item: { name: string; registrationNumber: string; message: string }) => `${item.name} (registro ${item.registrationNumber}): ${item.message}`,
    sealedOnRejected: (n: number) =>
      `${plural(n, 'correção de um lote já lacrado parte', 'correções de lotes já lacrados partem')} de um valor que a Implanta acabou de recusar: a Implanta pode recusá-${n === 1 ? 'la' : 'las'} pelo valor anterior. Acompanhe a resposta${n === 1 ? '' : 's'}.`,
    sealedOnRejectedItem: (item: { name: string; registrationNumber: string; fieldLabel: string; carriedOldValue: string; newValue: string; implantaValue: string; batchNumber: string }) =>
      `${item.name} (registro ${item.registrationNumber}), ${item.fieldLabel}: o lote ${item.batchNumber} leva “${item.carriedOldValue}” → “${item.newValue}”; a Implanta tem “${item.implantaValue}”`,
    outOfOrderMore: (n: number) => `e mais ${plural(n, 'correção', 'correções')}`,
    mixedAddressesMore: (n: number) => `e mais ${plural(n, 'cadastro', 'cadastros')}`,
    nothingChanged: 'Tudo o que este arquivo responde já estava registrado (a mesma resposta já foi importada): nada mudou.',
    /** Rejections answered again with another reason: the first answer stands (one example given). */
    otherMessages: (n: number, first: { line: number; sheet?: string | undefined; kept: string | null; file: string }, format: string) =>
      `${n === 1 ? 'Uma rejeição já recebida vem' : `${n} rejeições já recebidas vêm`} agora com outro motivo; fica o da primeira resposta (${n === 1 ? '' : 'por exemplo, '}${format === 'json' ? 'item' : `${first.sheet === undefined ? '' : `aba “${first.sheet}”, `}linha`} ${first.line}: “${first.file}”; mantido: “${first.kept ?? 'sem motivo'}”). Se o motivo novo importa, confira com a Implanta.`,
    /** CEP changes a spreadsheet answer cannot hold: the package's corrections.csv does not list them. */
    cepsUnanswered: (ceps: readonly string[]) =>
      `A planilha não responde ${ceps.length === 1 ? 'à mudança' : `às ${formatCount(ceps.length)} mudanças`} de CEP deste lote (${ceps.slice(0, 5).map(formatCep).join(', ')}${ceps.length > 5 ? '…' : ''}): no pacote, ${ceps.length === 1 ? 'ela está' : 'elas estão'} só em data/cep.jsonl, não em corrections.csv. Peça à Implanta a resposta ${ceps.length === 1 ? 'dela' : 'delas'} (em JSON, ou numa planilha com os ids do cep.jsonl).`,
    /** A spreadsheet names no lote: it may answer a lote a restore undid, whose corrections this one carries again. */
    mayAnswerUndone: (number: string, lotes: readonly { number: string; sentAt: string | null; restoredAt: string }[], when: (iso: string) => string) =>
      `A planilha não diz de que lote é e foi tomada como a confirmação do lote ${number}, mas pode ser a ${lotes.map((l) => `do lote ${l.number}${l.sentAt ? `, enviado em ${when(l.sentAt)},` : ''} desfeito pela restauração de um backup em ${when(l.restoredAt)}`).join(' ou a ')}: as correções dele estão de novo no lote ${number}. Confira com a Implanta de que lote é esta confirmação.`,
    previewTitle: (number: string) => `Antes de aplicar: o que a confirmação muda no lote ${number}`,
    preview: (applied: number, rejected: number, unchanged: number, unanswered: number, items: AckItems) => {
      const noun = ackNoun(items);
      const becomes = (n: number, word: string) => `${plural(n, `${noun.one} passa`, `${noun.many} passam`)} a ${ackWord(n, items, word)}`;
      return [
        applied > 0 ? `${becomes(applied, 'aplicado')}.` : '',
        rejected > 0 ? `${becomes(rejected, 'rejeitado')}: o cadastro volta ao valor que a Implanta tem, e a rejeição fica para você tratar.` : '',
        unchanged > 0 ? `${plural(unchanged, `${noun.one} já estava`, `${noun.many} já estavam`)} ${ackWord(unchanged, items, 'respondido')} e não muda${unchanged === 1 ? '' : 'm'}.` : '',
        unanswered > 0 ? `${plural(unanswered, `${noun.one} continua`, `${noun.many} continuam`)} sem resposta.` : '',
      ].filter(Boolean);
    },
    previewRegistryOnly: (n: number) =>
      `${plural(n, 'correção será aplicada', 'correções serão aplicadas')} só no cadastro: a Implanta não corrigiu a solicitação do DIP.`,
    previewDip: (n: number) => `A situação do DIP muda em ${plural(n, 'cadastro', 'cadastros')}.`,
    previewDipStale: (n: number) => `${plural(n, 'situação do DIP fica', 'situações do DIP ficam')} como está${n === 1 ? '' : 'ão'}: a informação da Implanta é mais antiga.`,
    previewNothing: 'Tudo o que este arquivo responde já está registrado (a mesma resposta já foi importada): aplicá-lo não muda nada.',
    apply: 'Aplicar a confirmação',
    cancel: 'Cancelar',
    chooseOther: 'Escolher outro arquivo',
    refused: 'Confirmação recusada: nada foi alterado.',
    /** The refusal's own words under that heading, without repeating its closing "Nada foi alterado." */
    refusedDetail: (message: string) => message.replace(/\s*Nada foi alterado\.\s*$/, ''),
    close: 'Fechar',
    openBatch: 'Abrir o lote',
  },

  /** "Verificar um pacote…": a package file checked as Implanta will receive it (batches:verify). */
  verifyDialog: {
    pickTitle: 'Verificar um pacote de lote',
    filter: 'Pacote de lote (zip)',
    progress: 'Conferindo o pacote…',
    askTitle: 'Pacote protegido por senha',
    askText: (name: string) => `Informe a senha usada ao exportar ${name}.`,
    passphrase: 'Senha',
    wrong: 'Senha incorreta: este pacote não abre com ela. Confira maiúsculas e minúsculas e tente de novo.',
    checking: 'Conferindo…',
    continue: 'Continuar',
    cancel: 'Cancelar',
    /** A desk's backup given here: one sentence sends the clerk to Backups, never the lote format's missing files. */
    title: (valid: boolean, problems: readonly VerifyProblem[]) =>
      valid ? 'Pacote íntegro' : isBackupZip(problems) ? 'Este arquivo não é um pacote de lote' : 'Este pacote não passou na verificação',
    validIntro: (name: string) => `${name} está completo e sem alteração: cada arquivo confere com sua soma de verificação e segue o formato de lote da Implanta.`,
    invalidIntro: (name: string) =>
      `Não envie ${name} à Implanta. Se o lote é deste computador, exporte o pacote de novo na página do lote; se o arquivo veio de outro lugar, peça uma nova cópia.`,
    problems: (problems: readonly VerifyProblem[]) => problems.map((p) => p.message),
    number: 'Lote',
    organization: 'Origem',
    protection: 'Proteção',
    encrypted: 'Com senha (AES-256)',
    sha: 'Código de conferência do pacote',
    signature: 'Assinatura',
    failed: 'Não foi possível verificar o pacote.',
    close: 'Fechar',
  },

  dipDialog: {
    title: 'E-mail para a Implanta: corrigir solicitações do DIP',
    intro: (n: number) =>
      `${plural(n, 'profissional deste lote tinha', 'profissionais deste lote tinham')} a solicitação do DIP confirmada: a Implanta também precisa corrigi-la. Copie o texto ou abra-o no seu programa de e-mail.`,
    subject: 'Assunto',
    body: 'Texto',
    copy: 'Copiar texto',
    copied: 'Texto copiado.',
    open: 'Abrir no e-mail',
    tooLong: 'O texto é longo demais para abrir direto no programa de e-mail: copie e cole.',
    close: 'Fechar',
  },

  home: {
    title: 'Lotes para a Implanta',
    overdue: (n: number) => `${plural(n, 'lote atrasado', 'lotes atrasados')}: sem confirmação da Implanta no prazo.`,
    overdueItem: (number: string, due: string) => `Lote ${number} — resposta esperada até ${due}`,
    unsent: {
      open: (number: string) => `Lote ${number} aberto: falta revisá-lo e lacrá-lo.`,
      sealed: (number: string) => `Lote ${number} lacrado: falta exportar o pacote e enviá-lo à Implanta.`,
      exported: (number: string) => `Lote ${number} exportado: falta enviá-lo à Implanta e marcar o envio.`,
    },
    awaiting: (n: number) => (n === 0 ? 'Nenhum lote aguardando resposta.' : `${plural(n, 'lote aguarda', 'lotes aguardam')} a confirmação da Implanta.`),
    pending: (corrections: number, ceps: number) => {
      const items = pendingItems(corrections, ceps);
      return items === '' ? 'Nada pendente para o próximo lote.' : `${items} para o próximo lote.`;
    },
    open: 'Abrir Lotes',
    chartTitle: 'Correções por situação (últimos 30 dias)',
    chartLabel: (day: string, parts: string) => `${day}: ${parts}`,
    chartEmpty: 'Sem correções nos últimos 30 dias.',
    failed: 'Não foi possível carregar os lotes.',
  },
} as const;
