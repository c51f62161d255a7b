// `node out/host/host.cjs …`: under a Node older than the package asks for, the store's native
// module may crash the process outright (a segmentation fault, no word said) when the host opens the
// store, so the host checks first and only then loads itself (host.ts).
import { MINIMUM_NODE, nodeTooOld } from '../cli/nodeVersion';

if (nodeTooOld(process.versions.node)) {
  process.stderr.write(
    `A prévia no navegador do CRESS Desk precisa do Node.js ${MINIMUM_NODE} ou mais novo (este é o ${process.version}). Inicie-a com npm run preview, que busca o Node 24 quando precisa, ou instale o Node 24 LTS.\n`,
  );
  process.exit(1);
} else {
  void import('./host');
}
