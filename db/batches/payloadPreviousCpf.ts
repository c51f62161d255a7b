// The CPF Implanta knows a professional by, when it is not the one the desk holds now (a lote's
// `previousCpf`). Two things change her CPF on the desk before Implanta hears of it: her own CPF
// correction not yet applied, and the main system's new CPF — taken by a registry load, or chosen
// in a conflict over her CPF correction, cancelled or rejected — that Implanta learns only from
// a lote naming her by it, once it applied an item of that lote.

/**
 * SQL for the CPF Implanta knows, or NULL, of the professional `p` (a `professionals` row in the
 * enclosing query): the CPF Implanta had before the earliest change of her CPF by the main system
 * (a load; a conflict's choice over her cancelled or rejected CPF correction: its old CPF) that no lote has
 * passed on yet — none sealed since, naming her by the new CPF, had an item applied — unless the
 * loads brought her back to it; else the old value of her earliest CPF correction not yet applied.
 */
export const IMPLANTA_CPF_SQL = `coalesce(
  nullif((SELECT CASE WHEN h.kind = 'registry_load' THEN h.old_value ELSE (SELECT k.old_value FROM corrections k WHERE k.uuid = h.correction_uuid) END
          FROM record_history h
          WHERE h.professional_id = p.id AND h.field = 'cpf'
            AND (h.kind = 'registry_load' AND h.old_value IS NOT NULL
              OR h.kind = 'conflict_file' AND EXISTS (SELECT 1 FROM corrections k WHERE k.uuid = h.correction_uuid AND k.field = 'cpf' AND k.status IN ('cancelled', 'rejected')))
            AND NOT EXISTS (SELECT 1 FROM batch_professionals s JOIN batches b ON b.id = s.batch_id
                              JOIN corrections a ON a.batch_id = s.batch_id AND a.professional_id = s.professional_id
                            WHERE s.professional_id = p.id AND s.cpf = h.new_value AND b.sealed_at >= h.at AND a.status = 'synced')
          ORDER BY h.id LIMIT 1), p.cpf),
  (SELECT c.old_value FROM corrections c
   WHERE c.professional_id = p.id AND c.field = 'cpf' AND c.status IN ('pending', 'batched', 'sent') ORDER BY c.id LIMIT 1))`;
