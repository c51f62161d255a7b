// A desk as the clerk is told of it when a backup of another desk is restored: its seccional (or the
// head office) and who set it up when — what tells apart two desks of one CRESS, whose lotes are
// numbered alike.
import type { DeskIdentity } from '../contract/backups';
import { formatDateTimeBr } from '../rules/dates';

/** `configurada por Bia em 05/12/2026 10:00 (seccional Campinas, CRESS 9ª Região)`. */
export function deskLabel(desk: DeskIdentity): string {
  const where = desk.seccional ? `seccional ${desk.seccional}` : 'sede';
  return `configurada por ${desk.operator} em ${formatDateTimeBr(desk.since)} (${where}, CRESS ${desk.region}ª Região)`;
}

/** `Este backup é da mesa configurada por Bia … (seccional Campinas, …); esta mesa foi configurada por Ana … (sede, …).` */
export function otherDeskSentence(backup: DeskIdentity, current: DeskIdentity): string {
  return `Este backup é da mesa ${deskLabel(backup)}; esta mesa foi ${deskLabel(current)}.`;
}

/** Why a backup of another desk is not restored unasked (the caller says how to confirm it). */
export function otherDeskRefusal(backup: DeskIdentity, current: DeskIdentity): string {
  return `${otherDeskSentence(backup, current)} Restaurado, ele faria desta mesa a outra, e as duas mandariam à Implanta lotes diferentes com os mesmos nomes e números`;
}

/** What the restored desk now is: its lotes and backups take that desk's names and numbers. */
export function becameDeskSentence(backup: DeskIdentity): string {
  return `Esta mesa passou a ser a mesa ${deskLabel(backup)}: os próximos lotes e backups saem com o nome e a numeração dela.`;
}
