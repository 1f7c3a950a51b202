// The commune officer's screens. Only the routes are registered here; each screen's code is fetched when first opened,
// so the first screen of a commune on a slow link loads one small module, not all five.
import { route } from '../../router.js';

const roles = ['commune-officer'];
const lazy = (load, name = 'default') => async (...args) => (await load())[name](...args);

route('/xa/:commune/:year/khao-sat', lazy(() => import('./survey.js')), { title: 'Khảo sát', menu: 'Khảo sát', roles });
route('/xa/:commune/:year/ket-qua', lazy(() => import('./results.js')), { title: 'Kết quả', menu: 'Kết quả', roles });
route('/xa/:commune/:year/niem-yet', lazy(() => import('./results.js'), 'postingList'), { title: 'Danh sách niêm yết', roles });
route('/xa/:commune/:year/ra-soat', lazy(() => import('./review.js')), { title: 'Các bước rà soát', menu: 'Các bước rà soát', roles });
route('/xa/:commune/:year/bao-cao', lazy(() => import('./reports.js')), { title: 'Báo cáo định kỳ', menu: 'Báo cáo định kỳ', roles });
