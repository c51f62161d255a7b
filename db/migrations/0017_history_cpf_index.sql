-- The records whose CPF the main system changed, looked up by every lote (db/batches/heldBack.ts):
-- a small partial index instead of a scan of the whole history.
CREATE INDEX `record_history_cpf_from_file_idx` ON `record_history` (`professional_id`) WHERE field = 'cpf' AND kind IN ('registry_load', 'conflict_file');
