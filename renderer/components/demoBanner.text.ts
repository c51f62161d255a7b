// Words of the demo banner: a desk holding synthetic professionals must never be taken for the real registry.
export const DEMO_BANNER_TEXT = {
  title: 'Dados de demonstração — não use para atender profissionais',
  detail: 'Este cadastro tem profissionais fictícios, criados para treino e testes.',
};
