// How a long job measured in bytes (a backup being made or checked) reads beside its bar: sizes as
// every other size on screen, and the time left as people say it.
import { describe, expect, it } from 'vitest';
import { COMMON_TEXT } from '../../../renderer/components/common.text';

describe('a job measured in bytes', () => {
  it('shows how much is done of the total in KB, MB or GB, never a bare “1 de 1”', () => {
    expect(COMMON_TEXT.jobBytes(9 * 1024 * 1024, 11.5 * 1024 * 1024)).toBe('9 MB de 11,5 MB');
    expect(COMMON_TEXT.jobBytes(300 * 1024, 700 * 1024)).toBe('300 KB de 700 KB');
    expect(COMMON_TEXT.jobBytes(2 * 1024 ** 3, null)).toBe('2 GB');
  });

  it('says the time left rounded the way people say it', () => {
    expect(COMMON_TEXT.jobTimeLeft(4)).toBe('quase pronto');
    expect(COMMON_TEXT.jobTimeLeft(23)).toBe('cerca de 30 segundos restantes');
    expect(COMMON_TEXT.jobTimeLeft(61)).toBe('cerca de 2 minutos restantes');
    expect(COMMON_TEXT.jobTimeLeft(55)).toBe('cerca de 1 minuto restante');
  });
});
