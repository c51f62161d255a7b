import { describe, expect, it } from 'vitest';
import { FIELD_GROUP_LABELS, FIELD_NAMES, FIELDS, fieldLabel, isFieldName } from '../../shared/fields';
import { professional } from './professional.fixture';

describe('the correctable-field catalogue', () => {
  it('names only fields a professional record has', () => {
    const recordKeys = Object.keys(professional());
    for (const field of FIELD_NAMES) expect(recordKeys).toContain(field);
  });

  it('leaves out what a clerk may not correct: ids, versions, timestamps, DIP status', () => {
    for (const key of ['id', 'registrationNumber', 'dipStatus', 'rowVersion', 'createdAt', 'updatedAt']) {
      expect(isFieldName(key)).toBe(false);
    }
  });

  it('marks as identification data what the DIP prints (name, filiação, birth date and place, nationality, CPF, RG) plus social name and estado civil', () => {
    const identification = FIELD_NAMES.filter((field) => FIELDS[field].identification).sort();
    expect(identification).toEqual(
      [
        'name',
        'socialName',
        'motherName',
        'motherNotListed',
        'fatherName',
        'maritalStatus',
        'birthDate',
        'birthCity',
        'birthUf',
        'nationality',
        'cpf',
        'rgNumber',
        'rgIssuer',
        'rgUf',
      ].sort(),
    );
  });

  it('gives every field a distinct, non-empty Portuguese label', () => {
    const labels = FIELD_NAMES.map((field) => FIELDS[field].label);
    for (const [i, label] of labels.entries()) {
      expect(label.trim(), FIELD_NAMES[i]).not.toBe('');
      expect(label, FIELD_NAMES[i]).not.toBe(FIELD_NAMES[i]);
    }
    expect(new Set(labels).size).toBe(labels.length);
    expect(FIELDS.motherNotListed.label).toBe('Não consta mãe');
    expect(FIELDS.birthCity.label).toBe('Naturalidade (município)');
  });

  it('gives every group a Portuguese label', () => {
    const groups = new Set(FIELD_NAMES.map((field) => FIELDS[field].group));
    for (const group of groups) expect(FIELD_GROUP_LABELS[group]).toMatch(/^\p{Lu}/u);
  });

  it('requires only the CPF, the name and the mother flag', () => {
    expect(FIELD_NAMES.filter((field) => !FIELDS[field].optional).sort()).toEqual(['cpf', 'motherNotListed', 'name']);
  });

  it('fieldLabel shows a known field by its label and anything else as it is', () => {
    expect(fieldLabel('email')).toBe('E-mail');
    expect(fieldLabel('shoeSize')).toBe('shoeSize');
  });

  it('isFieldName does not take inherited object keys for fields', () => {
    expect(isFieldName('toString')).toBe(false);
    expect(isFieldName('__proto__')).toBe(false);
    expect(isFieldName('cpf')).toBe(true);
  });
});
