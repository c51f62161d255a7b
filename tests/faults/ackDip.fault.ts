// Implanta's answer that also reports each professional's DIP status, killed at random moments:
// every status, DIP and history change of the file is there, or none of them.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { deskWithAnswer } from './files.fault';
import type { FaultCase } from './harness';
import { counts } from './stores';

let ackFile = '';
let items = 0;
let rejected = 0;
let registryOnly = 0;

const HISTORY = "SELECT count(*) AS n FROM record_history WHERE kind = ?";

export const acknowledgementWithDip: FaultCase = {
  operation: 'retorno da Implanta com DIP',
  kills: 30,
  async prepare(dir) {
    // Every professional of the batch had no DIP request: each answer brings news.
    const { store, answer, sent } = await deskWithAnswer(dir, join(dir, 'base'), 'retorno-dip.csv', 'id;situação;mensagem;situação do DIP;data do DIP', (uuid, i) => {
      const status = i % 10 === 0 ? 'rejeitada;E-mail recusado pelo provedor' : i % 10 === 1 ? 'aplicada no cadastro, DIP não corrigido;' : 'aplicada;';
      return `${uuid};${status};Solicitado;09/03/2026`;
    });
    ackFile = answer;
    items = sent.length;
    rejected = sent.filter((_, i) => i % 10 === 0).length;
    registryOnly = sent.filter((_, i) => i % 10 === 1).length;
    return store;
  },
  args: () => ['batch', 'ack', ackFile],
  inspect(db: Database.Database) {
    const seen = counts(db, {
      answered: "SELECT count(*) AS n FROM corrections WHERE status IN ('synced', 'rejected')",
      sent: "SELECT count(*) AS n FROM corrections WHERE status = 'sent'",
      dip: "SELECT count(*) AS n FROM professionals WHERE dip_status = 'requested' AND dip_status_at = '2026-03-09'",
      notCorrected: 'SELECT count(*) AS n FROM corrections WHERE dip_request_corrected = 0',
      dipHistory: [HISTORY, 'dip_update'],
      syncedHistory: [HISTORY, 'synced'],
      rejectedHistory: [HISTORY, 'rejected'],
    });
    const whole = { answered: items, sent: 0, dip: items, notCorrected: registryOnly, dipHistory: items, syncedHistory: items - rejected, rejectedHistory: rejected };
    const none = { answered: 0, sent: items, dip: 0, notCorrected: 0, dipHistory: 0, syncedHistory: 0, rejectedHistory: 0 };
    if (JSON.stringify(seen) === JSON.stringify(whole)) return { effect: 'whole' };
    if (JSON.stringify(seen) === JSON.stringify(none)) return { effect: 'none' };
    return { effect: JSON.stringify(seen) };
  },
};
