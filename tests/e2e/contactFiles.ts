// What the atendimento specs share: a real image to attach, and a professional as the store has her.

/** A 1×1 PNG: a real image, as the store checks files by their content. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export interface Person {
  id: number;
  registration_number: string;
  name: string;
  cpf: string;
  mother_name: string;
}
