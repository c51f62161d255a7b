// Stores as the clerk feels them: search follows what is typed, drafts survive leaving the screen.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { professional } from '../professional.fixture';

const call = vi.fn();
vi.mock('../../../renderer/api/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../renderer/api/client')>()),
  call: (channel: string, input: unknown) => call(channel, input),
}));

const { useRegistry, SEARCH_DEBOUNCE_MS } = await import('../../../renderer/stores/registry');
const { useDrafts } = await import('../../../renderer/stores/correctionDraft');

function page(text: string) {
  return { total: 1, page: 0, pageSize: 25, items: [{ id: 1, name: `Resultado de ${text}` }] };
}

describe('registry search', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    call.mockReset();
  });
  afterEach(() => vi.useRealTimers());

  it('asks the store once for what the clerk finished typing', async () => {
    call.mockImplementation(async (_c: string, input: { text: string }) => page(input.text));
    const { setText } = useRegistry.getState();
    for (const text of ['m', 'ma', 'mar', 'maria']) {
      setText(text);
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS / 2);
    }
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    expect(call).toHaveBeenCalledTimes(1);
    expect(call).toHaveBeenCalledWith('registry:search', { text: 'maria', page: 0, pageSize: 25 });
    expect(useRegistry.getState().resultText).toBe('maria');
  });

  it('never shows the answer of an older search over a newer one', async () => {
    const answers: Record<string, () => void> = {};
    call.mockImplementation(
      (_c: string, input: { text: string }) => new Promise((resolve) => (answers[input.text] = () => resolve(page(input.text)))),
    );
    const { setText } = useRegistry.getState();
    setText('jo');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    setText('joana');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    answers.joana?.();
    await vi.advanceTimersByTimeAsync(0);
    answers.jo?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(useRegistry.getState().resultText).toBe('joana');
    expect(useRegistry.getState().result?.items[0]).toMatchObject({ name: 'Resultado de joana' });
  });

  it('Enter runs the pending search at once and gives its first hit', async () => {
    call.mockImplementation(async (_c: string, input: { text: string }) => page(input.text));
    useRegistry.getState().setText('12345');
    const result = await useRegistry.getState().flush();
    expect(result?.items[0]).toMatchObject({ name: 'Resultado de 12345' });
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS * 2);
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('says in words that a pasted text is too long to search, instead of the store’s refusal of a field named “text”', async () => {
    call.mockImplementation(async (_c: string, input: { text: string }) => page(input.text));
    useRegistry.getState().setText('maria');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    useRegistry.getState().setText(`Maria da Silva ${'x'.repeat(250)}`);
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    expect(call).toHaveBeenCalledTimes(1);
    const { error, result } = useRegistry.getState();
    expect(error).toBe('A busca aceita até 200 caracteres e o texto digitado tem 265: apague o que não é CPF, registro ou nome.');
    // The rows of the last search do not stand under the message as if they answered this one.
    expect(result).toBeNull();
  });
});

describe('correction drafts', () => {
  it('keep what was typed when the form is closed and opened again', () => {
    const record = professional({ id: 77 });
    const drafts = useDrafts.getState();
    drafts.start(record);
    drafts.editField(77, 'email', 'nova@exemplo.com.br');
    drafts.editForm(77, { reason: 'Documento apresentado no balcão' });
    drafts.close(77);
    expect(useDrafts.getState().open[77]).toBe(false);
    useDrafts.getState().start(record);
    expect(useDrafts.getState().drafts[77]).toMatchObject({ edits: { email: 'nova@exemplo.com.br' }, reason: 'Documento apresentado no balcão' });
  });

  it('keep one draft per professional', () => {
    useDrafts.getState().start(professional({ id: 1 }));
    useDrafts.getState().start(professional({ id: 2 }));
    useDrafts.getState().editField(1, 'city', 'Campinas');
    expect(useDrafts.getState().drafts[2]?.edits).toEqual({});
  });

  it('forget the store’s complaint about a field once the clerk edits it again', () => {
    useDrafts.getState().start(professional({ id: 9 }));
    useDrafts.getState().update(9, { serverErrors: { cep: 'CEP 90010-000 não pertence à UF SP.', email: 'E-mail inválido.' } });
    useDrafts.getState().editField(9, 'cep', '01310-100');
    expect(useDrafts.getState().drafts[9]?.serverErrors).toEqual({ email: 'E-mail inválido.' });
  });

  it('are gone after discarding', () => {
    useDrafts.getState().start(professional({ id: 5 }));
    useDrafts.getState().discard(5);
    expect(useDrafts.getState().drafts[5]).toBeUndefined();
  });
});
