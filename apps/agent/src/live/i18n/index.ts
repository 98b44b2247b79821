import i18n from '../../i18n';
import en from './en';
import zh from './zh-CN';

/* The `live` namespace is added by the (lazily loaded) live screens, so the first load does not carry it. */
if (!i18n.hasResourceBundle('en', 'live')) {
  i18n.addResourceBundle('en', 'live', en);
  i18n.addResourceBundle('zh-CN', 'live', zh);
}

export const LIVE_NS = 'live';
