// The atendimento channels of the handler table (merged into db/handlers.ts), and the settings
// they read: Implanta's support address and the days before an unanswered one is overdue.
import type { Handlers } from '../../shared/contract';
import { appendAudit } from '../audit';
import { writeExportFile } from '../exportFile';
import type { Store } from '../open';
import { getContactSettings, requireSettings, updateContactSettings } from '../settings';
import { writeTransaction } from '../storeLock';
import { attachmentName, readAttachment } from './attachmentFile';
import { forwardContact, messageForContact } from './outgoing';
import { contactIdOf, countContacts, getContact, listContacts } from './read';
import {
  addContact,
  addContactAttachment,
  answerContact,
  attachmentBytes,
  checkContactIdentity,
  closeContact,
  linkContactCorrection,
  locateContact,
  recordMessageSent,
  setContactStatus,
} from './write';

type ContactChannel = Extract<keyof Handlers, `contacts:${string}` | 'settings:contacts' | 'settings:updateContacts'>;

export interface ContactHandlerOptions {
  clock: () => Date;
}

export function contactHandlers(store: Store, options: ContactHandlerOptions): Pick<Handlers, ContactChannel> {
  const { db } = store;
  const { clock } = options;
  const context = () => ({ db, now: clock() });
  const answerWith = (id: number) => getContact(db, id, clock());
  return {
    'settings:contacts': () => getContactSettings(db),
    'settings:updateContacts': (input) => updateContactSettings(db, input, clock().toISOString()),
    'contacts:add': (input) => answerWith(addContact(context(), input)),
    'contacts:list': (input) => listContacts(db, input, clock()),
    'contacts:get': ({ id }) => answerWith(contactIdOf(db, id)),
    'contacts:counts': () => countContacts(db, clock()),
    'contacts:locate': ({ id, professionalId }) => {
      const contactId = contactIdOf(db, id);
      locateContact(context(), contactId, professionalId);
      return answerWith(contactId);
    },
    'contacts:checkIdentity': ({ id, cpf, motherName, motherNotListed }) => checkContactIdentity(context(), contactIdOf(db, id), { cpf, motherName, motherNotListed }),
    'contacts:attach': ({ id, path, fileName }) => {
      const contactId = contactIdOf(db, id);
      // Read and checked before the writer lock is taken: a 10 MB file never holds up the counter.
      const file = readAttachment(path, attachmentName(fileName, path));
      return addContactAttachment(context(), contactId, file);
    },
    'contacts:setStatus': ({ id, status }) => {
      const contactId = contactIdOf(db, id);
      setContactStatus(context(), contactId, status);
      return answerWith(contactId);
    },
    'contacts:answer': ({ id, text }) => {
      const contactId = contactIdOf(db, id);
      answerContact(context(), contactId, text);
      return answerWith(contactId);
    },
    'contacts:close': ({ id, resolution }) => {
      const contactId = contactIdOf(db, id);
      closeContact(context(), contactId, resolution);
      return answerWith(contactId);
    },
    'contacts:linkCorrection': ({ id, correctionUuid }) => {
      const contactId = contactIdOf(db, id);
      linkContactCorrection(context(), contactId, correctionUuid);
      return answerWith(contactId);
    },
    'contacts:messageSent': ({ id, to, subject, template }) => {
      const contactId = contactIdOf(db, id);
      recordMessageSent(context(), contactId, { to, subject, template });
      return answerWith(contactId);
    },
    'contacts:forward': async ({ id, path, replace }) => {
      const contactId = contactIdOf(db, id);
      const written = await forwardContact(db, contactId, { path, replace: replace === true }, clock());
      return { ...written, contact: answerWith(contactId) };
    },
    'contacts:message': ({ id, template, path, replace }) => messageForContact(db, contactIdOf(db, id), template, { path, replace: replace === true }, clock()),
    'contacts:attachment': ({ attachmentId, path, replace }) => {
      const { protocol, bytes, sha256 } = attachmentBytes(db, attachmentId);
      writeExportFile(path, bytes, { replace: replace === true });
      // Personal data left the store: who saved which file of which atendimento (never its name or where).
      writeTransaction(db, () =>
        appendAudit(db, {
          at: clock().toISOString(),
          operator: requireSettings(db).operator,
          action: 'contact.attachment_saved',
          entity: 'contact',
          entityId: protocol,
          detail: { protocol, attachmentId, sha256 },
        }),
      );
      return { path, size: bytes.length, sha256 };
    },
  };
}
