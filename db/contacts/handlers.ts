// The atendimento channels of the handler table (merged into db/handlers.ts), and the settings
// they read: Implanta's support address and the days before an unanswered one is overdue.
import { rmSync } from 'node:fs';
import type { Handlers } from '../../shared/contract';
import { writeExportFile } from '../exportFile';
import type { Store } from '../open';
import { appendOperatorAudit, getContactSettings, updateContactSettings } from '../settings';
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
  /** Writes to the atendimento named by `id`, then answers it as it now stands. */
  const changing = (id: number | string, write: (contactId: number) => void) => {
    const contactId = contactIdOf(db, id);
    write(contactId);
    return answerWith(contactId);
  };
  return {
    'settings:contacts': () => getContactSettings(db),
    'settings:updateContacts': (input) => updateContactSettings(db, input, clock().toISOString()),
    'contacts:add': (input) => {
      // Every file read and checked before the writer lock is taken: a refused one writes nothing.
      const files = input.attachments.map(({ path, fileName }) => readAttachment(path, attachmentName(fileName, path)));
      return answerWith(addContact(context(), input, files));
    },
    'contacts:list': (input) => listContacts(db, input, clock()),
    'contacts:get': ({ id }) => answerWith(contactIdOf(db, id)),
    'contacts:counts': () => countContacts(db, clock()),
    'contacts:locate': ({ id, professionalId }) => changing(id, (contactId) => locateContact(context(), contactId, professionalId)),
    'contacts:checkIdentity': ({ id, cpf, motherName, motherNotListed }) => checkContactIdentity(context(), contactIdOf(db, id), { cpf, motherName, motherNotListed }),
    'contacts:attach': ({ id, path, fileName }) => {
      const contactId = contactIdOf(db, id);
      // Read and checked before the writer lock is taken: a 10 MB file never holds up the counter.
      const file = readAttachment(path, attachmentName(fileName, path));
      return addContactAttachment(context(), contactId, file);
    },
    'contacts:setStatus': ({ id, status }) => changing(id, (contactId) => setContactStatus(context(), contactId, status)),
    'contacts:answer': ({ id, text }) => changing(id, (contactId) => answerContact(context(), contactId, text)),
    'contacts:close': ({ id, resolution }) => changing(id, (contactId) => closeContact(context(), contactId, resolution)),
    'contacts:linkCorrection': ({ id, correctionUuid }) => changing(id, (contactId) => linkContactCorrection(context(), contactId, correctionUuid)),
    'contacts:messageSent': ({ id, to, subject, template }) => changing(id, (contactId) => recordMessageSent(context(), contactId, { to, subject, template })),
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
      try {
        writeTransaction(db, () =>
          appendOperatorAudit(db, clock().toISOString(), { action: 'contact.attachment_saved', entity: 'contact', entityId: protocol, detail: { protocol, attachmentId, sha256 } }),
        );
      } catch (error) {
        rmSync(path, { force: true }); // a file the trail does not mention must not stay behind
        throw error;
      }
      return { path, size: bytes.length, sha256 };
    },
  };
}
