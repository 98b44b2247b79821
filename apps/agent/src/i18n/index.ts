import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enAdmin from './locales/en/admin';
import enBot from './locales/en/bot';
import enCommon from './locales/en/common';
import enKb from './locales/en/kb';
import enRouting from './locales/en/routing';
import enWorkspace from './locales/en/workspace';
import zhAdmin from './locales/zh-CN/admin';
import zhBot from './locales/zh-CN/bot';
import zhCommon from './locales/zh-CN/common';
import zhKb from './locales/zh-CN/kb';
import zhRouting from './locales/zh-CN/routing';
import zhWorkspace from './locales/zh-CN/workspace';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: Language[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'warmdesk.agent.lang';

const isLanguage = (v: unknown): v is Language => v === 'zh-CN' || v === 'en';

/** The browser's language when it is one we have; null for others (then the account's default applies). */
function browserLanguage(): Language | null {
  const lng = navigator.language.toLowerCase();
  if (lng.startsWith('zh')) return 'zh-CN';
  if (lng.startsWith('en')) return 'en';
  return null;
}

/** The language explicitly picked on this device (the switch), if any. */
export function storedLanguage(): Language | null {
  const stored = localStorage.getItem(STORAGE_KEY);
  return isLanguage(stored) ? stored : null;
}

/** Before login: the language picked on this device, else the browser's. */
function initialLanguage(): Language {
  return storedLanguage() ?? browserLanguage() ?? 'en';
}

export const resources = {
  en: { common: enCommon, workspace: enWorkspace, admin: enAdmin, routing: enRouting, kb: enKb, bot: enBot },
  'zh-CN': { common: zhCommon, workspace: zhWorkspace, admin: zhAdmin, routing: zhRouting, kb: zhKb, bot: zhBot },
} as const;

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: ['common', 'workspace', 'admin', 'routing', 'kb', 'bot'],
  interpolation: { escapeValue: false },
  returnNull: false,
});

export const currentLanguage = (): Language => (isLanguage(i18n.language) ? i18n.language : 'en');

/** Switches the screen's language and remembers it on this device. */
export function setLanguage(lng: Language): void {
  localStorage.setItem(STORAGE_KEY, lng);
  void i18n.changeLanguage(lng);
  document.documentElement.lang = lng;
}

/** After login: the user's setting wins, then what this device chose, the browser's language, the account's default. */
export function applyUserLanguage(userLocale: Language | null, accountLocale: Language): void {
  const lng = userLocale ?? storedLanguage() ?? browserLanguage() ?? accountLocale;
  if (lng !== i18n.language) {
    void i18n.changeLanguage(lng);
    document.documentElement.lang = lng;
  }
}

document.documentElement.lang = currentLanguage();

export default i18n;
