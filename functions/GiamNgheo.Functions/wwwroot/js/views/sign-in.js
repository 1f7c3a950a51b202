// The sign-in screen. Locally the local host offers the demo identities (GET /dev/sign-in); in Azure, Entra ID.
import { route, go } from '../router.js';
import { h } from '../dom.js';
import { session } from '../session.js';

const roleNames = {
  'commune-officer': 'Cán bộ xã',
  'province-officer': 'Cán bộ tỉnh',
  analyst: 'Chuyên viên phân tích',
  agency: 'Cơ quan báo cáo',
  admin: 'Quản trị',
};

async function signInOptions() {
  try {
    const response = await fetch('dev/sign-in', { headers: { Accept: 'application/json' } });
    if (response.ok) return response.json();
  } catch { /* no local sign-in: the deployment signs in with Entra ID */ }
  return { mode: 'entra' };
}

route('/dang-nhap', async main => {
  main.append(h('h1', {}, 'Đăng nhập'));
  const options = await signInOptions();
  if (options.mode === 'development') {
    main.append(
      h('p', {}, 'Bản chạy thử trên máy: chọn một người dùng mẫu. Mỗi người chỉ thấy và làm được những việc của vai trò và đơn vị mình.'),
      h('ul', { class: 'identities' }, options.identities.map(i => h('li', {},
        h('button', { type: 'button', class: 'identity', onclick: () => { session.signIn(i.token); go('#/'); } },
          h('strong', {}, i.label),
          h('span', {}, i.roles.map(r => roleNames[r] ?? r).join(', '), i.units.length ? ` · đơn vị ${i.units.join(', ')}` : ''))))));
    if (!options.identities.length)
      main.append(h('p', { class: 'alert' }, 'Máy chủ chưa có người dùng mẫu: hãy chạy ./run.sh.'));
    return;
  }
  main.append(h('p', {}, 'Đăng nhập bằng tài khoản Microsoft Entra ID của cơ quan.'));
}, { title: 'Đăng nhập' });
