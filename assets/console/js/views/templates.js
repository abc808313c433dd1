// Reusable rejection reasons: reviewers keep them, everyone reads them.
import { api } from '../api.js';
import { h, table } from '../dom.js';
import { t } from '../i18n.js';
import { notifyError } from '../notice.js';
import { can } from './common.js';

export async function templatesView(main, ctx) {
  const data = await api.get('reason-templates');
  const reviewer = can(ctx.session, 'review');
  const rows = data.templates.map((x) => h('tr', {},
    h('td', {}, x.title), h('td', {}, x.text),
    h('td', {}, reviewer ? h('button', {
      onclick: async () => {
        try { await api.post(`reason-templates/${x.id}/delete`); await ctx.rerender(); } catch (e) { notifyError(e); }
      },
    }, t('tpl_delete')) : '')));
  main.append(h('h1', {}, t('tpl_title')),
    table([t('tpl_name'), t('tpl_text'), ''], rows.length ? rows : [h('tr', {}, h('td', { colspan: 3, class: 'muted' }, t('no_rows')))]));
  if (reviewer) {
    const title = h('input', { id: 'tpl-title', maxlength: 100 });
    const text = h('textarea', { id: 'tpl-text', maxlength: 1000 });
    main.append(h('section', { class: 'panel' }, h('h2', {}, t('tpl_add')),
      h('form', {
        onsubmit: async (ev) => {
          ev.preventDefault();
          try { await api.post('reason-templates', { title: title.value, text: text.value }); await ctx.rerender(); } catch (e) { notifyError(e); }
        },
      }, h('label', {}, t('tpl_name'), title), h('label', {}, t('tpl_text'), text),
      h('button', { class: 'primary', type: 'submit', id: 'tpl-add' }, t('tpl_add')))));
  }
}
