import InvoicesPage from './views/InvoicesPage.vue';
import HelpPage from './views/HelpPage.vue';

export default [
  { path: '/', name: 'invoices', component: InvoicesPage },
  { path: '/help', name: 'help', component: HelpPage },
];
