// The agency's screens; their code is fetched when first opened (see province/routes.js).
import { route } from '../../router.js';

const plans = () => import('./plans.js');
const lazy = name => (...args) => plans().then(module => module[name](...args));

route('/co-quan/:year/ke-hoach', lazy('listView'), { title: 'Kế hoạch báo cáo', menu: 'Kế hoạch báo cáo', roles: ['agency'] });
route('/co-quan/:year/ke-hoach/:plan', lazy('planView'), { title: 'Kế hoạch báo cáo' });
