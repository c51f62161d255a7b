import type { Professional } from '../../shared/domain';

/** A complete, valid record as the store would hold it: every field filled, mother rule satisfied. */
export function professional(overrides: Partial<Professional> = {}): Professional {
  return {
    id: 1,
    registrationNumber: '12345',
    cpf: '52998224725',
    name: 'Maria das Graças Souza',
    socialName: null,
    motherName: 'Ana Souza',
    motherNotListed: false,
    fatherName: 'José Souza',
    birthDate: '1980-05-17',
    maritalStatus: 'single',
    birthCity: 'Campinas',
    birthUf: 'SP',
    nationality: 'Brasileira',
    rgNumber: '12.345.678-9',
    rgIssuer: 'SSP',
    rgUf: 'SP',
    email: 'maria@example.com.br',
    phone: '11912345678',
    cep: '01310100',
    street: 'Avenida Paulista',
    number: '1000',
    complement: null,
    district: 'Bela Vista',
    city: 'São Paulo',
    uf: 'SP',
    dipStatus: 'none',
    dipStatusAt: null,
    rowVersion: 1,
    createdAt: '2024-01-10T12:00:00.000Z',
    updatedAt: '2024-01-10T12:00:00.000Z',
    ...overrides,
  };
}
