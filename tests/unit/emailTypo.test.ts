// Misspelt e-mail providers the form offers to fix, and the real domains it must never touch.
import { describe, expect, it } from 'vitest';
import { suggestEmailFix } from '../../shared/rules/emailTypo';
import { casesOf } from './cases';

describe('e-mail typo suggestions', () => {
  casesOf(suggestEmailFix, 'suggests the full address for %s', [
    ['maria@gmail.con', 'maria@gmail.com'],
    ['maria@gmial.com', 'maria@gmail.com'],
    ['maria@gmail.cm', 'maria@gmail.com'],
    ['maria@hotmal.com', 'maria@hotmail.com'],
    ['maria@hotmail.co', 'maria@hotmail.com'],
    ['maria@yaho.com.br', 'maria@yahoo.com.br'],
    ['maria@outlok.com', 'maria@outlook.com'],
    ['maria@uol.com', 'maria@uol.com.br'],
    ['Maria.Souza@GMAIL.CON', 'Maria.Souza@gmail.com'],
  ]);

  it.each([
    'yahoo.com.br', 'uol.com.br', 'bol.com.br', 'terra.com.br', 'globo.com', 'ig.com.br', 'outlook.com', 'live.com',
    'icloud.com', 'hotmail.com', 'gmail.com', 'yahoo.com', 'hotmail.com.br', 'mail.com', 'oi.com.br',
  ])('never corrects the provider %s', (domain) => {
    expect(suggestEmailFix(`maria@${domain}`)).toBeNull();
  });

  it.each([
    'prefeitura.sp.gov.br', 'saude.gov.br', 'usp.edu.br', 'unicamp.br', 'cress-sp.org.br', 'cfess.org.br', 'tjsp.jus.br',
    'empresa.com.br', 'bb.com.br', 'uai.com.br', 'sol.com.br', 'example.com.br',
  ])('never calls the institutional or unrelated domain %s a typo', (domain) => {
    expect(suggestEmailFix(`maria@${domain}`)).toBeNull();
  });

  it('answers the same for a domain asked again (remembered answers stay right)', () => {
    expect(suggestEmailFix('a@gmail.con')).toBe('a@gmail.com');
    expect(suggestEmailFix('b@gmail.con')).toBe('b@gmail.com');
    expect(suggestEmailFix('c@empresa.com.br')).toBeNull();
  });
});
