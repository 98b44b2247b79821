import i18n from './index';
import en from './locales/en/calls';
import zh from './locales/zh-CN/calls';

/*
 * The `calls` namespace is added by the (lazily loaded) screens that use it, so the first load does not carry it.
 * Import this module for its effect before `useTranslation('calls')`.
 */
if (!i18n.hasResourceBundle('en', 'calls')) {
  i18n.addResourceBundle('en', 'calls', en);
  i18n.addResourceBundle('zh-CN', 'calls', zh);
}

export const CALLS_NS = 'calls';
